package io.github.otpverification.login;

import io.github.otpverification.channel.Channels;
import io.github.otpverification.code.CodeEngine;
import io.github.otpverification.names.MessageKeys;
import io.github.otpverification.verification.VerificationService;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Login step {@code email-otp-form}: a code to the user's email address. A right code proves the
 * address too (option {@code markEmailVerified}).
 */
public class EmailOtpAuthenticator extends CodeStepAuthenticator<EmailOtpConfig> {

    public EmailOtpAuthenticator(CodeEngine engine, KeycloakSession session) {
        super(engine, Channels.EMAIL, session);
    }

    @Override
    protected EmailOtpConfig config(AuthenticationFlowContext context, VerificationService service) {
        return EmailOtpConfig.from(context.getAuthenticatorConfig(), service.settings().codePolicy());
    }

    @Override
    protected String destination(UserModel user) {
        return Channels.EMAIL.contactOf(user);
    }

    @Override
    protected boolean proves(EmailOtpConfig config, UserModel user) {
        return config.markEmailVerified() && !user.isEmailVerified();
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
        context.forceChallenge(context.form().setError(MessageKeys.EMAIL_MISSING).createErrorPage(Response.Status.BAD_REQUEST));
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
