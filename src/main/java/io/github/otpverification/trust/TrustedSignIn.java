package io.github.otpverification.trust;

import io.github.otpverification.names.ProviderIds;
import java.util.Set;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Whether a sign-in may use or earn a trusted device at all: a trusted device is never weaker than
 * the code step it skips, so it only stands in for a code that is a <em>second</em> factor, i.e.
 * when an earlier step of this sign-in already checked a credential of the user. Keycloak records
 * a checked password in the authentication session ({@code PASSWORD_VALIDATED}) and every
 * completed step ({@value Constants#AUTHENTICATORS_COMPLETED}, as its AMR mapper reads them); a
 * step counts when its factory names a credential category (an OTP app, a security key, ...).
 * Keycloak's username form names the category {@code password} without checking one, so
 * passwords count only through {@code PASSWORD_VALIDATED}; the extension's own code steps do not
 * count (an email code never makes an SMS code a second factor).
 */
public final class TrustedSignIn {

    private static final Set<String> NOT_A_CREDENTIAL_CHECK = Set.of(PasswordCredentialModel.TYPE, "cookie");
    private static final Set<String> CODE_STEPS = Set.of(ProviderIds.EMAIL_OTP_FORM, ProviderIds.SMS_OTP_FORM);

    private TrustedSignIn() {
    }

    /** True when an earlier step of this sign-in (not {@code currentExecutionId}) checked a credential of the user. */
    public static boolean hasEarlierFactor(KeycloakSession session, RealmModel realm, AuthenticationSessionModel authSession,
                                           String currentExecutionId) {
        if (AuthenticatorUtil.isPasswordValidated(authSession)) {
            return true;
        }
        String completed = authSession.getUserSessionNotes().get(Constants.AUTHENTICATORS_COMPLETED);
        if (completed == null) {
            return false;
        }
        return AuthenticatorUtils.parseCompletedExecutions(completed).keySet().stream()
                .filter(id -> !id.equals(currentExecutionId))
                .map(realm::getAuthenticationExecutionById)
                .anyMatch(execution -> checksACredential(session, execution));
    }

    /** The level of authentication this sign-in asks for (Keycloak's {@code acr_values} and step-up), -1 when none. */
    public static int requestedLevel(KeycloakSession session, AuthenticationSessionModel authSession, AuthenticationFlowModel topFlow) {
        return new AcrStore(session, authSession).getRequestedLevelOfAuthentication(topFlow);
    }

    private static boolean checksACredential(KeycloakSession session, AuthenticationExecutionModel execution) {
        if (execution == null || execution.getAuthenticator() == null || CODE_STEPS.contains(execution.getAuthenticator())) {
            return false;
        }
        ProviderFactory<Authenticator> factory = session.getKeycloakSessionFactory().getProviderFactory(Authenticator.class,
                execution.getAuthenticator());
        String category = factory instanceof AuthenticatorFactory authenticator ? authenticator.getReferenceCategory() : null;
        return category != null && !NOT_A_CREDENTIAL_CHECK.contains(category);
    }
}
