package io.github.otpverification.login;

import io.github.otpverification.channel.Channels;
import io.github.otpverification.code.CodeEngine;
import io.github.otpverification.names.EventNames;
import io.github.otpverification.names.MessageKeys;
import io.github.otpverification.names.ProviderIds;
import io.github.otpverification.verification.VerificationService;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Login step {@code sms-otp-form}: a code to the user's verified phone number. A user without one
 * is not "configured": where user setup is allowed Keycloak then runs {@code VERIFY_PHONE_NUMBER},
 * otherwise the flow offers its alternatives.
 */
public class SmsOtpAuthenticator extends CodeStepAuthenticator<SmsOtpConfig> {

    public SmsOtpAuthenticator(CodeEngine engine, KeycloakSession session) {
        super(engine, Channels.SMS, session);
    }

    @Override
    protected SmsOtpConfig config(AuthenticationFlowContext context, VerificationService service) {
        return SmsOtpConfig.from(context.getAuthenticatorConfig(), service.settings().codePolicy());
    }

    @Override
    protected String destination(UserModel user) {
        return Channels.SMS.verifiedContactOf(user);
    }

    @Override
    protected boolean proves(SmsOtpConfig config, UserModel user) {
        return false; // the number is verified already
    }

    @Override
    protected void onMissingDestination(AuthenticationFlowContext context, SmsOtpConfig config) {
        context.getEvent().user(context.getUser()).detail(Details.REASON, "user has no verified phone number")
                .error(EventNames.PHONE_NUMBER_MISSING);
        context.forceChallenge(context.form().setError(MessageKeys.PHONE_MISSING).createErrorPage(Response.Status.BAD_REQUEST));
    }

    /**
     * In the reset-credentials flow the step needs no user, so Keycloak's "Condition - user
     * configured" asks with none after an unknown username: no user has no number.
     */
    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return user != null && Channels.SMS.verifiedContactOf(user) != null;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        if (!authSession.getRequiredActions().contains(ProviderIds.VERIFY_PHONE_NUMBER)) {
            authSession.addRequiredAction(ProviderIds.VERIFY_PHONE_NUMBER);
        }
    }
}
