package io.github.otpverification.login;

import io.github.otpverification.channel.Channels;
import io.github.otpverification.code.AuthSessionCodeStore;
import io.github.otpverification.forms.CodeForms;
import io.github.otpverification.names.MessageKeys;
import io.github.otpverification.verification.CheckOutcome;
import io.github.otpverification.verification.Origin;
import io.github.otpverification.verification.Purposes;
import io.github.otpverification.verification.SendOutcome;
import io.github.otpverification.verification.Verification;
import io.github.otpverification.verification.VerificationService;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.validation.Validation;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.storage.adapter.InMemoryUserAdapter;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

/**
 * Sign-up by phone in a realm that uses the email address as username (docs/phone-sign-in.md).
 * Keycloak's user profile lets an existing account there neither enter nor change its email, so
 * the address must be known, and proven, before the account exists: after the SMS code the SMS
 * step asks for an address, sends a {@code registration} code to it and creates the account only
 * when that code is right, with the address as its username and both contacts verified. Until
 * then nothing is stored but notes of the login's session.
 */
final class SignUpEmail {

    static final String EMAIL_FIELD = "email";
    static final String TEMPLATE = "otp-email-form.ftl";
    /** The page attribute that makes the address form speak of sign-up. */
    static final String SIGN_UP_ATTRIBUTE = "signUp";
    static final String BACK_PARAM = "backToCode";

    /** The number whose sign-up code was right: the email stage is on. */
    private static final String PHONE_NOTE = "otp-verification.sign-up.confirmed-phone";
    /** The address typed and sent a code to. */
    private static final String EMAIL_NOTE = "otp-verification.sign-up.email";
    /** Set while the address form is open again ("Wrong address?"), so a reload stays on it. */
    private static final String CHANGING_NOTE = "otp-verification.sign-up.changing";

    private final AuthenticationFlowContext context;
    private final VerificationService service;
    private final StepConfig config;
    private final AuthenticationSessionModel authSession;

    SignUpEmail(AuthenticationFlowContext context, VerificationService service, StepConfig config) {
        this.context = context;
        this.service = service;
        this.config = config;
        this.authSession = context.getAuthenticationSession();
    }

    /** Whether a confirmed number still waits for its email address in this login. */
    static boolean active(AuthenticationFlowContext context) {
        return context.getUser() == null && context.getAuthenticationSession().getAuthNote(PHONE_NOTE) != null;
    }

    /** The number's code was right: ask for the address. */
    void start(String e164) {
        authSession.setAuthNote(PHONE_NOTE, e164);
        authSession.removeAuthNote(EMAIL_NOTE);
        authSession.removeAuthNote(CHANGING_NOTE);
        showAddressForm();
    }

    /** A reload or a language switch: the page the person is on. */
    void show() {
        String address = authSession.getAuthNote(EMAIL_NOTE);
        if (address == null || authSession.getAuthNote(CHANGING_NOTE) != null) {
            showAddressForm();
            return;
        }
        Verification v = verification(address);
        answer(v, service.open(v), false);
    }

    void action() {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String address = authSession.getAuthNote(EMAIL_NOTE);
        if (form.containsKey(CodeForms.CHANGE_PARAM)) {
            authSession.setAuthNote(CHANGING_NOTE, "true");
            showAddressForm();
        } else if (form.containsKey(BACK_PARAM) && address != null) {
            authSession.removeAuthNote(CHANGING_NOTE);
            show();
        } else if (form.containsKey(EMAIL_FIELD)) {
            typed(form.getFirst(EMAIL_FIELD), address);
        } else if (address == null) {
            showAddressForm();
        } else if (form.containsKey(CodeForms.RESEND_PARAM)) {
            Verification v = verification(address);
            answer(v, service.send(v), true);
        } else {
            check(verification(address), form.getFirst(CodeForms.CODE_FIELD));
        }
    }

    /** An address was typed: the realm's rules for a new account's email, then a code to it. */
    private void typed(String typed, String previous) {
        String address = typed == null ? "" : typed.strip();
        List<ValidationError> errors = refusals(address);
        if (!errors.isEmpty()) {
            context.challenge(addressForm(address).setErrors(Validation.getFormErrorsFromValidation(
                    errors.stream().flatMap(e -> new ValidationException(e).getErrors().stream()).toList())).createForm(TEMPLATE));
            return;
        }
        if (previous != null && !Channels.EMAIL.canonical(previous).equals(Channels.EMAIL.canonical(address))) {
            service.discard(verification(previous)); // the code to the other address dies
        }
        authSession.setAuthNote(EMAIL_NOTE, address);
        authSession.removeAuthNote(CHANGING_NOTE);
        Verification v = verification(address);
        answer(v, service.open(v), false); // the same address again within the cooldown gets no new code
    }

    /**
     * What Keycloak's registration form says of this address (format, length, taken by another
     * account's email or username, the realm's own validators of the attribute), from the user
     * profile in its registration context.
     */
    @SuppressWarnings("unchecked") // the validator's listener varargs
    private List<ValidationError> refusals(String address) {
        List<ValidationError> errors = new ArrayList<>();
        context.getSession().getProvider(UserProfileProvider.class)
                .create(UserProfileContext.REGISTRATION, Map.of(UserModel.EMAIL, address, UserModel.USERNAME, address))
                .getAttributes().validate(UserModel.EMAIL, errors::add);
        return errors;
    }

    private void answer(Verification v, SendOutcome sent, boolean resend) {
        if (sent.kind() == SendOutcome.Kind.FAILED) {
            context.challenge(context.form().setError(v.channel().deliveryFailedMessage())
                    .createErrorPage(Response.Status.INTERNAL_SERVER_ERROR));
            return;
        }
        context.challenge(CodeForms.page(CodeForms.withSendMessage(codePage(v), sent, resend)));
    }

    /** No user yet, so Keycloak's brute-force detector counts nothing; the code still dies after its attempts. */
    private void check(Verification v, String typed) {
        CheckOutcome check = service.verify(v, typed);
        if (check.kind() != CheckOutcome.Kind.VERIFIED) {
            context.challenge(CodeForms.afterCheck(codePage(v), check));
            return;
        }
        String e164 = authSession.getAuthNote(PHONE_NOTE);
        UserModel user = PhoneSignUp.register(context, e164, v.destination());
        if (user == null) {
            // someone took the number or the address meanwhile: nothing is created
            authSession.removeAuthNote(EMAIL_NOTE);
            context.challenge(addressForm(v.destination()).addError(new FormMessage(EMAIL_FIELD,
                    MessageKeys.SIGN_UP_TAKEN)).createForm(TEMPLATE));
            return;
        }
        forget(authSession);
        ClaimedIdentity.identified(authSession, e164);
        context.setUser(user);
        context.success();
    }

    /** Ends the email stage: the account exists, or another number was typed on the phone form. */
    static void forget(AuthenticationSessionModel authSession) {
        authSession.removeAuthNote(PHONE_NOTE);
        authSession.removeAuthNote(EMAIL_NOTE);
        authSession.removeAuthNote(CHANGING_NOTE);
    }

    private LoginFormsProvider codePage(Verification v) {
        return CodeForms.prepare(context.form(), service, v).setAttribute(CodeForms.CHANGE_PARAM, true);
    }

    private void showAddressForm() {
        context.challenge(addressForm(null).createForm(TEMPLATE));
    }

    private LoginFormsProvider addressForm(String typed) {
        String staged = authSession.getAuthNote(EMAIL_NOTE);
        String prefill = typed != null ? typed : staged;
        LoginFormsProvider form = context.form().setAttribute(SIGN_UP_ATTRIBUTE, true)
                .setAttribute(EMAIL_FIELD, prefill == null ? "" : prefill);
        return staged == null ? form : form.setAttribute(BACK_PARAM, true);
    }

    /** A {@code registration} code to an address of nobody yet, kept in the login's session. */
    private Verification verification(String address) {
        InMemoryUserAdapter standIn = new InMemoryUserAdapter(context.getSession(), context.getRealm(), "sign-up");
        standIn.setUsername(address);
        standIn.setEmail(address);
        return Verification.forGuest(Channels.EMAIL, address, standIn).purpose(Purposes.REGISTRATION)
                .store(new AuthSessionCodeStore(authSession, context.getSession().singleUseObjects(), Channels.EMAIL.id(),
                        Purposes.REGISTRATION))
                .policy(config.policy())
                .onLoginPages(authSession, config.codeInSubject())
                .from(Origin.LOGIN_STEP, () -> context.getEvent().clone())
                .build();
    }
}
