package io.github.otpverification.email;

import io.github.otpverification.code.Channel;
import io.github.otpverification.code.CodeDelivery;
import io.github.otpverification.code.CodeEngine;
import io.github.otpverification.code.DeliveryException;
import io.github.otpverification.limits.SendLimit;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.step.CodeStepAuthenticator;
import io.github.otpverification.support.DestinationMask;
import io.github.otpverification.support.OtpEvents;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.email.EmailException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Login step {@code email-otp-form}: a code to the user's email address. */
public class EmailOtpAuthenticator extends CodeStepAuthenticator<EmailOtpConfig> {

    public EmailOtpAuthenticator(CodeEngine engine) {
        super(engine);
    }

    @Override
    protected Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    protected EmailOtpConfig config(AuthenticationFlowContext context) {
        return EmailOtpConfig.from(context.getAuthenticatorConfig(), RealmOtpSettings.of(context.getRealm()).codePolicy());
    }

    @Override
    protected String destination(UserModel user) {
        String email = user.getEmail();
        return email == null || email.isBlank() ? null : email;
    }

    @Override
    protected String mask(String destination) {
        return DestinationMask.email(destination);
    }

    @Override
    protected CodeDelivery delivery(AuthenticationFlowContext context, EmailOtpConfig config, String destination) {
        return code -> {
            try {
                new EmailCodeSender(context.getSession()).send(context.getRealm(), context.getUser(),
                        context.getAuthenticationSession(), destination, code, PURPOSE,
                        config.policy().ttlSeconds(), config.codeInSubject());
            } catch (EmailException e) {
                throw new DeliveryException(OtpEvents.reasonOf(e), e);
            }
        };
    }

    @Override
    protected List<SendLimit> sendLimits(AuthenticationFlowContext context, String destination) {
        RealmOtpSettings settings = RealmOtpSettings.of(context.getRealm());
        return List.of(
                new SendLimit("user", context.getUser().getId(), settings.maxSendsPerUserPerHour()),
                new SendLimit("destination", destination.toLowerCase(java.util.Locale.ROOT), settings.maxSendsPerDestinationPerHour()));
    }

    @Override
    protected void onMissingDestination(AuthenticationFlowContext context, EmailOtpConfig config) {
        if (config.missingEmail() == EmailOtpConfig.MissingEmail.SKIP) {
            context.getEvent().detail(Details.REASON, "email-otp skipped: user has no email address");
            context.success();
            return;
        }
        context.getEvent().user(context.getUser()).detail(Details.REASON, "user has no email address")
                .error(Errors.INVALID_EMAIL);
        context.forceChallenge(context.form().setError("otpEmailMissing").createErrorPage(Response.Status.BAD_REQUEST));
    }

    /** A confirmed code proves the address: mark it verified and drop a pending link verification. */
    @Override
    protected void onVerified(AuthenticationFlowContext context, EmailOtpConfig config) {
        UserModel user = context.getUser();
        if (!config.markEmailVerified() || user.isEmailVerified()) {
            return;
        }
        user.setEmailVerified(true);
        user.removeRequiredAction(UserModel.RequiredAction.VERIFY_EMAIL);
        context.getAuthenticationSession().removeRequiredAction(UserModel.RequiredAction.VERIFY_EMAIL);
    }

    @Override
    protected EventType sendEventType() {
        return EventType.SEND_VERIFY_EMAIL;
    }

    @Override
    protected String deliveryError() {
        return Errors.EMAIL_SEND_FAILED;
    }

    @Override
    protected String deliveryFailedMessage() {
        return "otpEmailSendFailed";
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        // Nothing to set up: the step works for every user; a missing address is handled by its config.
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        // nothing to set up
    }
}
