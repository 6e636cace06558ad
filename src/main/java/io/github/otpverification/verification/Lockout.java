package io.github.otpverification.verification;

import java.util.Set;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserLoginFailureModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.services.managers.BruteForceProtector;

/**
 * Whether a user may get or check codes: Keycloak's brute-force detector and the user's enabled
 * flag. Wrong codes count like wrong OTPs (category {@code otp}).
 */
public class Lockout {

    /** Why a user may not go on, if at all. */
    public enum State { NONE, TEMPORARY, PERMANENT, DISABLED }

    private final KeycloakSession session;
    private final RealmModel realm;

    public Lockout(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    public State of(UserModel user) {
        if (!user.isEnabled()) {
            return State.DISABLED;
        }
        if (!realm.isBruteForceProtected()) {
            return State.NONE;
        }
        BruteForceProtector protector = session.getProvider(BruteForceProtector.class);
        if (protector.isPermanentlyLockedOut(session, realm, user)) {
            return State.PERMANENT;
        }
        return protector.isTemporarilyDisabled(session, realm, user) ? State.TEMPORARY : State.NONE;
    }

    /** Seconds until a temporary lockout ends; 0 when there is none. */
    public long secondsLeft(UserModel user) {
        UserLoginFailureModel failures = session.loginFailures().getUserLoginFailure(realm, user.getId());
        return failures == null ? 0 : Math.max(0, failures.getFailedLoginNotBefore() - Time.currentTime());
    }

    /** Counts a wrong code outside a login flow (there Keycloak counts it itself). */
    public void recordWrongCode(UserModel user) {
        if (realm.isBruteForceProtected()) {
            session.getProvider(BruteForceProtector.class).failedLogin(realm, user, session.getContext().getConnection(),
                    session.getContext().getUri(), Set.of(OTPCredentialModel.TYPE));
        }
    }
}
