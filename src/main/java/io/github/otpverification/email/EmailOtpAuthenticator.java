package io.github.otpverification.email;

import io.github.otpverification.code.AuthSessionCodeStore;
import io.github.otpverification.code.Channel;
import io.github.otpverification.code.CodeBinding;
import io.github.otpverification.code.CodeCheck;
import io.github.otpverification.code.CodeEngine;
import io.github.otpverification.code.CodeHasher;
import io.github.otpverification.code.IssuedCode;
import io.github.otpverification.code.PendingCode;
import io.github.otpverification.code.PendingCodeStore;
import io.github.otpverification.code.RealmCodeKeys;
import io.github.otpverification.support.CodeFormBean;
import io.github.otpverification.support.DestinationMask;
import io.github.otpverification.support.OtpEvents;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.common.util.Time;
import org.keycloak.email.EmailException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.messages.Messages;

/**
 * Login step: mails a one-time code to the user's address and lets the user through only with
 * it. A page reload never sends again; resend honours the cooldown; wrong codes count in
 * Keycloak's brute-force detector (the factory's reference category is {@code otp}).
 */
public class EmailOtpAuthenticator implements Authenticator {

    static final String PURPOSE = "login";
    static final String CODE_FIELD = "code";
    static final String RESEND_PARAM = "resend";

    private static final Logger LOG = Logger.getLogger(EmailOtpAuthenticator.class);

    private final CodeEngine engine;

    public EmailOtpAuthenticator(CodeEngine engine) {
        this.engine = engine;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        if (isLockedOut(context)) {
            return;
        }
        EmailOtpConfig config = EmailOtpConfig.from(context.getAuthenticatorConfig());
        String email = context.getUser().getEmail();
        if (email == null || email.isBlank()) {
            handleMissingEmail(context, config);
            return;
        }
        PendingCodeStore store = store(context);
        if (store.load() == null && !sendNewCode(context, config, store)) {
            return;
        }
        context.challenge(codeForm(context, config, store).createForm(CodeFormBean.TEMPLATE));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        if (isLockedOut(context)) {
            return;
        }
        EmailOtpConfig config = EmailOtpConfig.from(context.getAuthenticatorConfig());
        if (context.getUser().getEmail() == null || context.getUser().getEmail().isBlank()) {
            handleMissingEmail(context, config);
            return;
        }
        PendingCodeStore store = store(context);
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey(RESEND_PARAM)) {
            resend(context, config, store);
            return;
        }
        verify(context, config, store, form.getFirst(CODE_FIELD));
    }

    private void verify(AuthenticationFlowContext context, EmailOtpConfig config, PendingCodeStore store, String typed) {
        PendingCode pending = store.load();
        CodeHasher hasher = pending == null ? null : new RealmCodeKeys(context.getSession(), context.getRealm()).forPending(pending);
        CodeCheck check = engine.check(hasher == null ? null : pending, hasher, binding(context),
                config.policy().alphabet(), typed, Time.currentTime());
        PendingCode after = engine.afterCheck(pending, check);
        if (after == null) {
            store.remove();
        } else if (!after.equals(pending)) {
            store.save(after);
        }

        EventBuilder event = OtpEvents.describe(context.getEvent().user(context.getUser()),
                Channel.EMAIL, PURPOSE, DestinationMask.email(context.getUser().getEmail()));
        switch (check.outcome()) {
            case VERIFIED -> {
                markEmailVerified(context, config);
                context.success();
            }
            case WRONG -> {
                event.error(Errors.INVALID_USER_CREDENTIALS);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                        codeForm(context, config, store, "otpInvalidCode", check.attemptsLeft()));
            }
            case ATTEMPTS_EXHAUSTED -> {
                event.error(Errors.INVALID_USER_CREDENTIALS);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS,
                        codeForm(context, config, store, "otpCodeDead"));
            }
            case EXPIRED -> {
                event.error(Errors.EXPIRED_CODE);
                context.challenge(codeForm(context, config, store, "otpCodeExpired"));
            }
            case NO_PENDING_CODE -> context.challenge(codeForm(context, config, store, "otpNoPendingCode"));
            case EMPTY -> context.challenge(codeForm(context, config, store, "otpMissingCode"));
        }
    }

    private void resend(AuthenticationFlowContext context, EmailOtpConfig config, PendingCodeStore store) {
        long wait = engine.resendWaitSeconds(store.load(), config.policy(), Time.currentTime());
        if (wait > 0) {
            context.challenge(codeForm(context, config, store)
                    .setInfo("otpResendWait", wait).createForm(CodeFormBean.TEMPLATE));
            return;
        }
        if (sendNewCode(context, config, store)) {
            context.challenge(codeForm(context, config, store)
                    .setSuccess("otpCodeResent").createForm(CodeFormBean.TEMPLATE));
        }
    }

    /** Issues, mails and stores a code. On a mail failure nothing stays pending and an error page is shown. */
    private boolean sendNewCode(AuthenticationFlowContext context, EmailOtpConfig config, PendingCodeStore store) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        String masked = DestinationMask.email(user.getEmail());
        EventBuilder event = OtpEvents.describe(context.getEvent().clone().event(EventType.SEND_VERIFY_EMAIL).user(user),
                Channel.EMAIL, PURPOSE, masked);

        IssuedCode issued = engine.issue(config.policy(), new RealmCodeKeys(session, realm).forIssuing(),
                binding(context), Time.currentTime());
        try {
            new EmailCodeSender(session).send(realm, user, context.getAuthenticationSession(), user.getEmail(),
                    issued.code(), PURPOSE, config.policy().ttlSeconds(), config.codeInSubject());
        } catch (EmailException e) {
            store.remove();
            OtpEvents.reason(event, e).error(Errors.EMAIL_SEND_FAILED);
            LOG.warnf("Could not mail a sign-in code to %s in realm %s: %s", masked, realm.getName(), e.getMessage());
            // forceChallenge, not failure(): a mail outage is not a failed login and must not lock anyone out.
            context.forceChallenge(context.form().setError("otpEmailSendFailed")
                    .createErrorPage(Response.Status.INTERNAL_SERVER_ERROR));
            return false;
        }
        store.save(issued.pending());
        event.success();
        return true;
    }

    private void handleMissingEmail(AuthenticationFlowContext context, EmailOtpConfig config) {
        if (config.missingEmail() == EmailOtpConfig.MissingEmail.SKIP) {
            context.getEvent().detail(Details.REASON, "email-otp skipped: user has no email address");
            context.success();
            return;
        }
        context.getEvent().user(context.getUser()).detail(Details.REASON, "user has no email address")
                .error(Errors.INVALID_EMAIL);
        context.forceChallenge(context.form().setError("otpEmailMissing").createErrorPage(Response.Status.BAD_REQUEST));
    }

    private boolean isLockedOut(AuthenticationFlowContext context) {
        String bruteForceError = AuthenticatorUtils.getDisabledByBruteForceEventError(context, context.getUser());
        if (bruteForceError == null) {
            return false;
        }
        context.getEvent().user(context.getUser()).error(bruteForceError);
        String message = Errors.USER_TEMPORARILY_DISABLED.equals(bruteForceError)
                ? Messages.ACCOUNT_TEMPORARILY_DISABLED_TOTP : Messages.ACCOUNT_PERMANENTLY_DISABLED_TOTP;
        EmailOtpConfig config = EmailOtpConfig.from(context.getAuthenticatorConfig());
        context.forceChallenge(codeForm(context, config, store(context), message));
        return true;
    }

    private void markEmailVerified(AuthenticationFlowContext context, EmailOtpConfig config) {
        UserModel user = context.getUser();
        if (!config.markEmailVerified() || user.isEmailVerified()) {
            return;
        }
        user.setEmailVerified(true);
        user.removeRequiredAction(UserModel.RequiredAction.VERIFY_EMAIL);
        context.getAuthenticationSession().removeRequiredAction(UserModel.RequiredAction.VERIFY_EMAIL);
    }

    private Response codeForm(AuthenticationFlowContext context, EmailOtpConfig config, PendingCodeStore store,
                              String errorKey, Object... parameters) {
        return codeForm(context, config, store)
                .addError(new FormMessage(CODE_FIELD, errorKey, parameters))
                .createForm(CodeFormBean.TEMPLATE);
    }

    private LoginFormsProvider codeForm(AuthenticationFlowContext context, EmailOtpConfig config, PendingCodeStore store) {
        long resendIn = engine.resendWaitSeconds(store.load(), config.policy(), Time.currentTime());
        CodeFormBean bean = new CodeFormBean(Channel.EMAIL.id(), DestinationMask.email(context.getUser().getEmail()),
                config.policy().alphabet().inputMode(), config.policy().length(), resendIn);
        return context.form().setAttribute(CodeFormBean.ATTRIBUTE, bean);
    }

    private static PendingCodeStore store(AuthenticationFlowContext context) {
        return new AuthSessionCodeStore(context.getAuthenticationSession(), Channel.EMAIL, PURPOSE);
    }

    private static CodeBinding binding(AuthenticationFlowContext context) {
        return new CodeBinding(context.getRealm().getId(), context.getUser().getId(), Channel.EMAIL, PURPOSE,
                context.getUser().getEmail());
    }

    @Override
    public boolean requiresUser() {
        return true;
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

    @Override
    public void close() {
    }
}
