package io.github.otpverification.support;

import java.util.Set;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Keycloak's brute-force detector for code checks in required actions. Outside a login flow
 * Keycloak neither counts failures nor checks the lockout itself, so the actions do it here,
 * counting wrong codes like wrong OTPs.
 */
public final class RequiredActionBruteForce {

    private RequiredActionBruteForce() {
    }

    public static boolean isLockedOut(RequiredActionContext context) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        return realm.isBruteForceProtected()
                && (protector.isTemporarilyDisabled(session, realm, user) || protector.isPermanentlyLockedOut(session, realm, user));
    }

    public static void recordWrongCode(RequiredActionContext context) {
        RealmModel realm = context.getRealm();
        if (realm.isBruteForceProtected()) {
            context.getSession().getProvider(BruteForceProtector.class).failedLogin(realm, context.getUser(),
                    context.getConnection(), context.getUriInfo(), Set.of(OTPCredentialModel.TYPE));
        }
    }
}
