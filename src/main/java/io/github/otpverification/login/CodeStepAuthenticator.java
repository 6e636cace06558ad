package io.github.otpverification.login;

import io.github.otpverification.channel.Channel;
import io.github.otpverification.code.AuthSessionCodeStore;
import io.github.otpverification.code.CodeEngine;
import io.github.otpverification.settings.CodeConfig;
import io.github.otpverification.forms.CodeForms;
import io.github.otpverification.verification.CheckOutcome;
import io.github.otpverification.verification.Origin;
import io.github.otpverification.verification.Purposes;
import io.github.otpverification.verification.SendOutcome;
import io.github.otpverification.verification.Verification;
import io.github.otpverification.verification.VerificationService;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.Authenticator;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;

/**
 * The login step both channels share. It describes the verification (a {@code login} code to the
 * user's destination, kept in the login's session) and turns the verification service's outcomes
 * into pages; wrong codes go through {@code failureChallenge}, so Keycloak's brute-force detector
 * counts them (the factories' reference category is {@code otp}).
 */
public abstract class CodeStepAuthenticator<C extends CodeConfig> implements Authenticator {

    public static final String PURPOSE = Purposes.LOGIN;

    private final CodeEngine engine;
    private final Channel channel;

    protected CodeStepAuthenticator(CodeEngine engine, Channel channel) {
        this.engine = engine;
        this.channel = channel;
    }

    protected abstract C config(AuthenticationFlowContext context, VerificationService service);

    /** Where this user's codes go, or null when the user has none. */
    protected abstract String destination(UserModel user);

    /** Whether a right code also proves the destination (marks it verified). */
    protected abstract boolean proves(C config, UserModel user);

    /** Answers the request for a user without a destination. */
    protected abstract void onMissingDestination(AuthenticationFlowContext context, C config);

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        VerificationService service = new VerificationService(context.getSession(), context.getRealm(), engine);
        C config = config(context, service);
        Verification v = verification(context, config);
        if (v != null) {
            answer(context, service, v, service.open(v), false);
        }
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        VerificationService service = new VerificationService(context.getSession(), context.getRealm(), engine);
        C config = config(context, service);
        Verification v = verification(context, config);
        if (v == null) {
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey(CodeForms.RESEND_PARAM)) {
            answer(context, service, v, service.send(v), true);
            return;
        }
        CheckOutcome check = service.verify(v, form.getFirst(CodeForms.CODE_FIELD));
        LoginFormsProvider page = CodeForms.prepare(context.form(), service, v);
        switch (check.kind()) {
            case VERIFIED -> context.success();
            case WRONG, ATTEMPTS_EXHAUSTED ->
                    context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, CodeForms.afterCheck(page, check));
            case LOCKED_TEMPORARILY, LOCKED_PERMANENTLY, DISABLED -> context.forceChallenge(CodeForms.afterCheck(page, check));
            default -> context.challenge(CodeForms.afterCheck(page, check));
        }
    }

    private void answer(AuthenticationFlowContext context, VerificationService service, Verification v, SendOutcome sent,
                        boolean resend) {
        switch (sent.kind()) {
            case FAILED -> context.forceChallenge(context.form().setError(v.channel().deliveryFailedMessage())
                    .createErrorPage(Response.Status.INTERNAL_SERVER_ERROR));
            case LOCKED_TEMPORARILY, LOCKED_PERMANENTLY, DISABLED -> context.forceChallenge(CodeForms.page(
                    CodeForms.withSendMessage(CodeForms.prepare(context.form(), service, v), sent, resend)));
            default -> context.challenge(CodeForms.page(
                    CodeForms.withSendMessage(CodeForms.prepare(context.form(), service, v), sent, resend)));
        }
    }

    /** The step's verification, or null when the user has no destination (then the request is answered). */
    private Verification verification(AuthenticationFlowContext context, C config) {
        UserModel user = context.getUser();
        String destination = destination(user);
        if (destination == null) {
            onMissingDestination(context, config);
            return null;
        }
        return Verification.forUser(channel, user).purpose(PURPOSE).destination(destination)
                .store(new AuthSessionCodeStore(context.getAuthenticationSession(), context.getSession().singleUseObjects(),
                        channel.id(), PURPOSE))
                .policy(config.policy()).proving(proves(config, user), false)
                .onLoginPages(context.getAuthenticationSession(), config.codeInSubject())
                .from(Origin.LOGIN_STEP, () -> context.getEvent().clone())
                .build();
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public void close() {
    }
}
