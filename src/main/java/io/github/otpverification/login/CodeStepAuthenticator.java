package io.github.otpverification.login;

import io.github.otpverification.channel.Channel;
import io.github.otpverification.code.AuthSessionCodeStore;
import io.github.otpverification.code.CodeEngine;
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
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.storage.adapter.InMemoryUserAdapter;
import io.github.otpverification.names.EventNames;
import io.github.otpverification.names.MessageKeys;
import io.github.otpverification.trust.TrustedDevices;
import io.github.otpverification.trust.TrustedSignIn;

/**
 * The login step both channels share. It describes the verification (a {@code login} code to the
 * user's destination, kept in the login's session) and turns the verification service's outcomes
 * into pages; wrong codes go through {@code failureChallenge}, so Keycloak's brute-force detector
 * counts them (the factories' reference category is {@code otp}).
 */
public abstract class CodeStepAuthenticator<C extends StepConfig> implements Authenticator {

    public static final String PURPOSE = Purposes.LOGIN;

    private final CodeEngine engine;
    private final Channel channel;
    private final KeycloakSession session;

    protected CodeStepAuthenticator(CodeEngine engine, Channel channel, KeycloakSession session) {
        this.engine = engine;
        this.channel = channel;
        this.session = session;
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
        if (SignUpEmail.active(context)) {
            new SignUpEmail(context, service, config).show();
            return;
        }
        Verification v = verification(context, config);
        if (v == null) {
            return;
        }
        int trustDays = trustDays(context, service, config, v);
        String device = trustDays == 0 ? null : new TrustedDevices(context.getSession(), context.getRealm())
                .check(v.user(), channel.id(), trustDays, requestedLevel(context));
        if (device != null) {
            // A trusted device passes the step: no code is sent or stored; Keycloak's login event names the device.
            context.getEvent().detail(EventNames.TRUSTED_DEVICE, device);
            context.success();
            return;
        }
        answer(context, service, v, service.open(v), false, trustDays);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        VerificationService service = new VerificationService(context.getSession(), context.getRealm(), engine);
        C config = config(context, service);
        if (SignUpEmail.active(context)) {
            new SignUpEmail(context, service, config).action();
            return;
        }
        Verification v = verification(context, config);
        if (v == null) {
            return;
        }
        int trustDays = trustDays(context, service, config, v);
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey(CodeForms.RESEND_PARAM)) {
            answer(context, service, v, service.send(v), true, trustDays);
            return;
        }
        CheckOutcome check = service.verify(v, form.getFirst(CodeForms.CODE_FIELD));
        if (check.kind() == CheckOutcome.Kind.VERIFIED && Purposes.REGISTRATION.equals(v.purpose())) {
            if (context.getRealm().isRegistrationEmailAsUsername()) {
                new SignUpEmail(context, service, config).start(v.destination()); // the address first, then the account
            } else {
                signUp(context, service, v);
            }
            return;
        }
        LoginFormsProvider page = page(context, service, v, trustDays);
        switch (check.kind()) {
            case VERIFIED -> {
                if (trustDays > 0 && form.containsKey(CodeForms.TRUST_DEVICE_PARAM)) {
                    new TrustedDevices(context.getSession(), context.getRealm())
                            .issue(v.user(), channel.id(), trustDays, requestedLevel(context));
                }
                context.success();
            }
            case WRONG, ATTEMPTS_EXHAUSTED ->
                    context.failureChallenge(AuthenticationFlowError.INVALID_CREDENTIALS, CodeForms.afterCheck(page, check));
            case LOCKED_TEMPORARILY, LOCKED_PERMANENTLY, DISABLED -> context.forceChallenge(CodeForms.afterCheck(page, check));
            default -> context.challenge(CodeForms.afterCheck(page, check));
        }
    }

    private void answer(AuthenticationFlowContext context, VerificationService service, Verification v, SendOutcome sent,
                        boolean resend, int trustDays) {
        switch (sent.kind()) {
            case FAILED -> context.forceChallenge(context.form().setError(v.channel().deliveryFailedMessage())
                    .createErrorPage(Response.Status.INTERNAL_SERVER_ERROR));
            case LOCKED_TEMPORARILY, LOCKED_PERMANENTLY, DISABLED -> context.forceChallenge(CodeForms.page(
                    CodeForms.withSendMessage(page(context, service, v, trustDays), sent, resend)));
            default -> context.challenge(CodeForms.page(
                    CodeForms.withSendMessage(page(context, service, v, trustDays), sent, resend)));
        }
    }

    private static LoginFormsProvider page(AuthenticationFlowContext context, VerificationService service, Verification v,
                                           int trustDays) {
        return CodeForms.offeringTrust(CodeForms.prepare(context.form(), service, v), trustDays);
    }

    /**
     * The days this sign-in may use or earn a trusted device, 0 when it may not: the option is on,
     * the page is not blind, the user may sign in (not locked out or disabled), and the code is a
     * second factor (docs/trusted-devices.md). Where it is 0 the page shows no checkbox either.
     */
    private int trustDays(AuthenticationFlowContext context, VerificationService service, C config, Verification v) {
        if (config.trustDeviceDays() == 0 || v.blind() || v.user() == null || service.access(v.user()) != null
                || !TrustedSignIn.hasEarlierFactor(context.getSession(), context.getRealm(), context.getAuthenticationSession(),
                        context.getExecution().getId())) {
            return 0;
        }
        return config.trustDeviceDays();
    }

    private static int requestedLevel(AuthenticationFlowContext context) {
        return TrustedSignIn.requestedLevel(context.getSession(), context.getAuthenticationSession(), context.getTopLevelFlow());
    }

    /** The step's verification, or null when the user has no destination (then the request is answered). */
    private Verification verification(AuthenticationFlowContext context, C config) {
        UserModel user = context.getUser();
        BlindStep blind = BlindStep.of(context.getAuthenticationSession(), channel);
        String destination = user == null ? null : destination(user);
        if (blind != null) {
            return blindVerification(context, config, blind, user, destination);
        }
        if (destination == null) {
            onMissingDestination(context, config);
            return null;
        }
        return common(context, config, Verification.forUser(channel, user).purpose(PURPOSE).destination(destination)
                .proving(proves(config, user), false)).build();
    }

    /**
     * Alike for everyone: a known, enabled account with a destination gets its code; anyone else
     * (unknown, disabled, no destination, a number that is not the account's verified one) gets a
     * decoy, unless an unknown number may sign up.
     */
    private Verification blindVerification(AuthenticationFlowContext context, C config, BlindStep blind, UserModel user,
                                           String destination) {
        String purpose = blind.reset() ? Purposes.RESET_CREDENTIALS : PURPOSE;
        boolean known = user != null && user.isEnabled() && destination != null
                && (blind.reset() || channel.canonical(destination).equals(channel.canonical(blind.typed())));
        Verification.Builder builder;
        if (known) {
            // A confirmed reset proves the channel, as Keycloak's reset link proves the address.
            builder = Verification.forUser(channel, user).destination(destination)
                    .proving(blind.reset() ? channel.verifiedContactOf(user) == null : proves(config, user), false);
        } else if (user == null && !blind.reset() && ClaimedIdentity.mayRegister(context.getAuthenticationSession())) {
            builder = Verification.forGuest(channel, blind.typed(), standIn(context, blind.typed()));
            purpose = Purposes.REGISTRATION;
        } else {
            builder = Verification.forNobody(channel, blind.typed(), standIn(context, blind.typed()));
        }
        return common(context, config, builder.purpose(purpose).blind(blind.typed(), blind.reset() ? blind.shown() : null)).build();
    }

    private Verification.Builder common(AuthenticationFlowContext context, C config, Verification.Builder builder) {
        String purpose = builder.purpose();
        return builder.store(new AuthSessionCodeStore(context.getAuthenticationSession(), context.getSession().singleUseObjects(),
                        channel.id(), purpose))
                .policy(config.policy())
                .onLoginPages(context.getAuthenticationSession(), config.codeInSubject())
                .from(Origin.LOGIN_STEP, () -> context.getEvent().clone());
    }

    /** Who a message nobody keeps is rendered for: no one stored. */
    private static UserModel standIn(AuthenticationFlowContext context, String typed) {
        InMemoryUserAdapter standIn = new InMemoryUserAdapter(context.getSession(), context.getRealm(), "nobody");
        standIn.setUsername(typed);
        return standIn;
    }

    /**
     * A confirmed code to a new number: the user is created and signed in; Keycloak's profile step
     * follows. (Where the email is the username, {@link SignUpEmail} asks for the address first.)
     */
    private void signUp(AuthenticationFlowContext context, VerificationService service, Verification v) {
        UserModel user = PhoneSignUp.register(context, v.destination(), null);
        if (user == null) {
            context.challenge(CodeForms.withCodeError(CodeForms.prepare(context.form(), service, v), MessageKeys.PHONE_NUMBER_TAKEN));
            return;
        }
        ClaimedIdentity.identified(context.getAuthenticationSession(), v.destination());
        context.setUser(user);
        context.success();
    }

    /**
     * Keycloak checks a user before the step only where the step answers normally; where it must
     * answer alike for unknown accounts (reset, phone sign-in) it works without one, as Keycloak's
     * own {@code ResetCredentialEmail} does.
     */
    @Override
    public boolean requiresUser() {
        return BlindStep.of(session.getContext().getAuthenticationSession(), channel) == null;
    }

    @Override
    public void close() {
    }
}
