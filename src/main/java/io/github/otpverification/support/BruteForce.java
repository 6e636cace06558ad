package io.github.otpverification.support;

import java.util.Set;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserLoginFailureModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Keycloak's brute-force detector for code checks outside a login flow (required actions, REST):
 * there Keycloak neither counts failures nor checks the lockout itself. Wrong codes count like
 * wrong OTPs.
 */
public final class BruteForce {

    private BruteForce() {
    }

    public static boolean isLockedOut(KeycloakSession session, RealmModel realm, UserModel user) {
        return isTemporarilyLockedOut(session, realm, user) || isPermanentlyLockedOut(session, realm, user);
    }

    public static boolean isTemporarilyLockedOut(KeycloakSession session, RealmModel realm, UserModel user) {
        return realm.isBruteForceProtected()
                && session.getProvider(BruteForceProtector.class).isTemporarilyDisabled(session, realm, user);
    }

    public static boolean isPermanentlyLockedOut(KeycloakSession session, RealmModel realm, UserModel user) {
        return realm.isBruteForceProtected()
                && session.getProvider(BruteForceProtector.class).isPermanentlyLockedOut(session, realm, user);
    }

    /** Seconds until a temporary lockout ends; 0 when there is none (or it is permanent). */
    public static long lockoutSecondsLeft(KeycloakSession session, RealmModel realm, UserModel user) {
        UserLoginFailureModel failures = session.loginFailures().getUserLoginFailure(realm, user.getId());
        return failures == null ? 0 : Math.max(0, failures.getFailedLoginNotBefore() - Time.currentTime());
    }

    public static void recordWrongCode(KeycloakSession session, RealmModel realm, UserModel user) {
        if (realm.isBruteForceProtected()) {
            session.getProvider(BruteForceProtector.class).failedLogin(realm, user, session.getContext().getConnection(),
                    session.getContext().getUri(), Set.of(OTPCredentialModel.TYPE));
        }
    }
}
