package io.github.otpverification.step;

import io.github.otpverification.code.Purposes;
import io.github.otpverification.code.AuthSessionCodeStore;
import io.github.otpverification.code.Channel;
import io.github.otpverification.code.CodeBinding;
import io.github.otpverification.code.CodeCheck;
import io.github.otpverification.code.CodeDelivery;
import io.github.otpverification.code.CodeEngine;
import io.github.otpverification.code.CodeExchange;
import io.github.otpverification.code.SendResult;
import io.github.otpverification.limits.SendLimit;
import io.github.otpverification.support.CodeFormBean;
import io.github.otpverification.support.CodeForms;
import io.github.otpverification.support.OtpEvents;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;
import org.keycloak.services.messages.Messages;

/**
 * The login step both channels share: sends a code once the user is known, lets them in only with
 * it. A page reload never sends again; resend honours the cooldown and the hourly caps; wrong codes
 * count in Keycloak's brute-force detector (the factories' reference category is {@code otp}).
 * Subclasses say where codes go and how they travel.
 */
public abstract class CodeStepAuthenticator<C extends CodeStepConfig> implements Authenticator {

    public static final String PURPOSE = Purposes.LOGIN;

    private static final Logger LOG = Logger.getLogger(CodeStepAuthenticator.class);

    private final CodeEngine engine;

    protected CodeStepAuthenticator(CodeEngine engine) {
        this.engine = engine;
    }

    protected abstract Channel channel();

    protected abstract C config(AuthenticationFlowContext context);

    /** Where this user's codes go, or null when the user has none. */
    protected abstract String destination(UserModel user);

    protected abstract String mask(String destination);

    protected abstract CodeDelivery delivery(AuthenticationFlowContext context, C config, String destination);

    protected abstract List<SendLimit> sendLimits(AuthenticationFlowContext context, String destination);

    protected abstract void onMissingDestination(AuthenticationFlowContext context, C config);

    protected abstract void onVerified(AuthenticationFlowContext context, C config);

    /** The event type of a send, and the error and message key of a failed delivery. */
    protected abstract EventType sendEventType();

    protected abstract String deliveryError();

    protected abstract String deliveryFailedMessage();

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        C config = config(context);
        String destination = ready(context, config);
        if (destination == null) {
            return;
        }
        CodeExchange exchange = exchange(context, config, destination);
        if (!exchange.hasPendingCode() && !send(context, config, destination, exchange, false)) {
            return;
        }
        context.challenge(CodeForms.page(form(context, config, destination, exchange)));
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        C config = config(context);
        String destination = ready(context, config);
        if (destination == null) {
            return;
        }
        CodeExchange exchange = exchange(context, config, destination);
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey(CodeForms.RESEND_PARAM)) {
            if (send(context, config, destination, exchange, true)) {
                context.challenge(form(context, config, destination, exchange).setSuccess("otpCodeResent")
                        .createForm(CodeFormBean.TEMPLATE));
            }
            return;
        }
        verify(context, config, destination, exchange, form.getFirst(CodeForms.CODE_FIELD));
    }

    /**
     * The user's destination when the step can go on; null when it already answered the request
     * (user locked out, or no destination).
     */
    private String ready(AuthenticationFlowContext context, C config) {
        if (isLockedOut(context, config)) {
            return null;
        }
        String destination = destination(context.getUser());
        if (destination == null) {
            onMissingDestination(context, config);
        }
        return destination;
    }

    private void verify(AuthenticationFlowContext context, C config, String destination, CodeExchange exchange, String typed) {
        CodeCheck check = exchange.verify(typed);
        EventBuilder event = OtpEvents.describe(context.getEvent().user(context.getUser()), channel(), PURPOSE, mask(destination));
        LoginFormsProvider form = form(context, config, destination, exchange);
        switch (check.outcome()) {
            case VERIFIED -> {
                onVerified(context, config);
                context.success();
            }
            case WRONG, ATTEMPTS_EXHAUSTED -> {
                event.error(Errors.INVALID_USER_CREDENTIALS);
                context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, CodeForms.withCheckError(form, check));
            }
            case EXPIRED -> {
                event.error(Errors.EXPIRED_CODE);
                context.challenge(CodeForms.withCheckError(form, check));
            }
            case NO_PENDING_CODE, EMPTY -> context.challenge(CodeForms.withCheckError(form, check));
        }
    }

    /**
     * Sends (or, for a resend, re-sends after the cooldown) and answers the refusals itself.
     * A delivery failure shows an error page with {@code forceChallenge}, not {@code failure}:
     * an outage is not a failed login and must not lock anyone out.
     */
    private boolean send(AuthenticationFlowContext context, C config, String destination, CodeExchange exchange, boolean resend) {
        EventBuilder event = OtpEvents.describe(context.getEvent().clone().event(sendEventType()).user(context.getUser()),
                channel(), PURPOSE, mask(destination));
        List<SendLimit> limits = sendLimits(context, destination);
        CodeDelivery delivery = delivery(context, config, destination);
        SendResult result = resend ? exchange.resend(limits, delivery) : exchange.send(limits, delivery);
        switch (result.outcome()) {
            case SENT -> {
                event.success();
                return true;
            }
            case COOLDOWN -> context.challenge(CodeForms.page(CodeForms.withRefusal(form(context, config, destination, exchange), result)));
            case LIMITED -> {
                event.detail(Details.REASON, "hourly send limit reached").error(OtpEvents.TOO_MANY_REQUESTS);
                context.challenge(CodeForms.page(CodeForms.withRefusal(form(context, config, destination, exchange), result)));
            }
            case FAILED -> {
                event.detail(Details.REASON, result.reason()).error(deliveryError());
                LOG.warnf("Could not send a %s code to %s in realm %s: %s", channel().id(), mask(destination),
                        context.getRealm().getName(), result.reason());
                context.forceChallenge(context.form().setError(deliveryFailedMessage())
                        .createErrorPage(Response.Status.INTERNAL_SERVER_ERROR));
            }
        }
        return false;
    }

    private boolean isLockedOut(AuthenticationFlowContext context, C config) {
        String bruteForceError = AuthenticatorUtils.getDisabledByBruteForceEventError(context, context.getUser());
        if (bruteForceError == null) {
            return false;
        }
        context.getEvent().user(context.getUser()).error(bruteForceError);
        String message = Errors.USER_TEMPORARILY_DISABLED.equals(bruteForceError)
                ? Messages.ACCOUNT_TEMPORARILY_DISABLED_TOTP : Messages.ACCOUNT_PERMANENTLY_DISABLED_TOTP;
        String destination = destination(context.getUser());
        context.forceChallenge(CodeForms.withCodeError(
                form(context, config, destination, exchange(context, config, destination)), message));
        return true;
    }

    private LoginFormsProvider form(AuthenticationFlowContext context, C config, String destination, CodeExchange exchange) {
        return CodeForms.prepare(context.form(), channel(), mask(destination), config.policy(), exchange.resendIn());
    }

    private CodeExchange exchange(AuthenticationFlowContext context, C config, String destination) {
        CodeBinding binding = new CodeBinding(context.getRealm().getId(), context.getUser().getId(), channel(), PURPOSE,
                destination == null ? "" : destination);
        return new CodeExchange(engine, context.getSession(), context.getRealm(),
                new AuthSessionCodeStore(context.getAuthenticationSession(), channel(), PURPOSE), binding, config.policy());
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public void close() {
    }
}
