package io.github.otpverification.emailverification;

import io.github.otpverification.code.Purposes;
import io.github.otpverification.code.AuthSessionCodeStore;
import io.github.otpverification.code.Channel;
import io.github.otpverification.code.CodeBinding;
import io.github.otpverification.code.CodeCheck;
import io.github.otpverification.code.CodeEngine;
import io.github.otpverification.code.CodeExchange;
import io.github.otpverification.code.DeliveryException;
import io.github.otpverification.code.SendResult;
import io.github.otpverification.email.EmailCodeSender;
import io.github.otpverification.limits.SendLimit;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.support.CodeFormBean;
import io.github.otpverification.support.CodeForms;
import io.github.otpverification.support.DestinationMask;
import io.github.otpverification.support.OtpEvents;
import io.github.otpverification.support.RequiredActionBruteForce;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Locale;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.email.EmailException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;
import org.keycloak.services.messages.Messages;
import org.keycloak.services.validation.Validation;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

/**
 * Required action {@code VERIFY_EMAIL_CODE}: verifies the email address with a code instead of
 * Keycloak's link. It takes the place of the built-in {@code VERIFY_EMAIL}: whenever that one
 * would fire (realm "Verify email" on, or set on the user), this one fires instead, so a user
 * never gets both a link and a code. Where the user profile lets users edit their email, "Wrong
 * address?" stages a new address that is saved only once its code is confirmed.
 */
public class VerifyEmailCode implements RequiredActionProvider {

    public static final String PURPOSE = Purposes.VERIFY;
    public static final String EMAIL_FIELD = "email";
    public static final String CHANGE_PARAM = "changeDestination";
    static final String EMAIL_FORM = "otp-email-form.ftl";
    public static final String BACK_PARAM = "backToCode";
    private static final String STAGED_ADDRESS_NOTE = "otp-verification.email.staged-address";
    /** Set while the "Wrong address?" form is open, so a reload or a language switch stays on it. */
    private static final String CHANGING_NOTE = "otp-verification.email.changing";
    private static final String BUILT_IN = UserModel.RequiredAction.VERIFY_EMAIL.name();

    private final CodeEngine engine;

    public VerifyEmailCode(CodeEngine engine) {
        this.engine = engine;
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        UserModel user = context.getUser();
        if (user.isEmailVerified() || isBlank(user.getEmail())) {
            return;
        }
        boolean builtInAsked = user.getRequiredActionsStream().anyMatch(BUILT_IN::equals);
        if (context.getRealm().isVerifyEmail() || builtInAsked) {
            user.addRequiredAction(VerifyEmailCodeFactory.PROVIDER_ID);
            user.removeRequiredAction(BUILT_IN);
            context.getAuthenticationSession().removeRequiredAction(BUILT_IN);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        VerifyEmailCodeConfig config = config(context);
        String address = currentAddress(context);
        if (address == null) {
            if (canEditEmail(context)) {
                context.challenge(emailForm(context, null).createForm(EMAIL_FORM));
            } else {
                context.ignore();
            }
            return;
        }
        if (context.getUser().isEmailVerified() && stagedAddress(context) == null && !requestedByApp(context)) {
            context.success();
            return;
        }
        if (context.getAuthenticationSession().getAuthNote(CHANGING_NOTE) != null && canEditEmail(context)) {
            context.challenge(emailForm(context, null).createForm(EMAIL_FORM));
            return;
        }
        CodeExchange exchange = exchange(context, config, address);
        if (exchange.hasPendingCode() || send(context, config, address, false)) {
            context.challenge(CodeForms.page(codeForm(context, config, address)));
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        VerifyEmailCodeConfig config = config(context);
        if (isLockedOut(context, config)) {
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String address = currentAddress(context);
        if (form.containsKey(CHANGE_PARAM) && canEditEmail(context)) {
            context.getAuthenticationSession().setAuthNote(CHANGING_NOTE, "true");
            context.challenge(emailForm(context, null).createForm(EMAIL_FORM));
        } else if (form.containsKey(BACK_PARAM)) {
            context.getAuthenticationSession().removeAuthNote(CHANGING_NOTE);
            requiredActionChallenge(context);
        } else if (form.containsKey(EMAIL_FIELD) && canEditEmail(context)) {
            acceptAddress(context, config, form.getFirst(EMAIL_FIELD));
        } else if (address == null) {
            context.ignore();
        } else if (form.containsKey(CodeForms.RESEND_PARAM)) {
            if (send(context, config, address, true)) {
                context.challenge(codeForm(context, config, address).setSuccess("otpCodeResent").createForm(CodeFormBean.TEMPLATE));
            }
        } else {
            verify(context, config, address, form.getFirst(CodeForms.CODE_FIELD));
        }
    }

    /** A corrected address: checked by the realm's user profile (format, duplicates), staged, sent a code. */
    private void acceptAddress(RequiredActionContext context, VerifyEmailCodeConfig config, String typed) {
        String email = typed == null ? "" : typed.trim();
        MultivaluedMap<String, String> attributes = new MultivaluedHashMap<>();
        attributes.putSingle(UserModel.EMAIL, email);
        try {
            profileProvider(context).create(UserProfileContext.UPDATE_EMAIL, attributes, context.getUser()).validate();
        } catch (ValidationException e) {
            context.challenge(emailForm(context, email).setErrors(Validation.getFormErrorsFromValidation(e.getErrors()))
                    .createForm(EMAIL_FORM));
            return;
        }
        context.getAuthenticationSession().removeAuthNote(CHANGING_NOTE);
        String previous = currentAddress(context);
        if (previous != null) {
            exchange(context, config, previous).discard();
        }
        if (email.equalsIgnoreCase(context.getUser().getEmail())) {
            context.getAuthenticationSession().removeAuthNote(STAGED_ADDRESS_NOTE);
        } else {
            context.getAuthenticationSession().setAuthNote(STAGED_ADDRESS_NOTE, email);
        }
        if (send(context, config, email, false)) {
            context.challenge(CodeForms.page(codeForm(context, config, email)));
        }
    }

    private void verify(RequiredActionContext context, VerifyEmailCodeConfig config, String address, String typed) {
        CodeCheck check = exchange(context, config, address).verify(typed);
        LoginFormsProvider form = codeForm(context, config, address);
        switch (check.outcome()) {
            case VERIFIED -> confirm(context, address);
            case WRONG, ATTEMPTS_EXHAUSTED -> {
                countFailure(context, address);
                context.challenge(CodeForms.withCheckError(form, check));
            }
            case EXPIRED -> {
                event(context, EventType.VERIFY_EMAIL, address).error(Errors.EXPIRED_CODE);
                context.challenge(CodeForms.withCheckError(form, check));
            }
            case NO_PENDING_CODE, EMPTY -> context.challenge(CodeForms.withCheckError(form, check));
        }
    }

    /** The code proved the address: save a staged one through the user profile, mark it verified. */
    private void confirm(RequiredActionContext context, String address) {
        UserModel user = context.getUser();
        String previous = user.getEmail();
        if (!address.equalsIgnoreCase(previous)) {
            MultivaluedMap<String, String> attributes = new MultivaluedHashMap<>();
            attributes.putSingle(UserModel.EMAIL, address);
            try {
                profileProvider(context).create(UserProfileContext.UPDATE_EMAIL, attributes, user).update(false);
            } catch (ValidationException e) {
                // Taken meanwhile by someone else: start over with the address form.
                context.getAuthenticationSession().removeAuthNote(STAGED_ADDRESS_NOTE);
                context.challenge(emailForm(context, address).setErrors(Validation.getFormErrorsFromValidation(e.getErrors()))
                        .createForm(EMAIL_FORM));
                return;
            }
            event(context, EventType.UPDATE_EMAIL, address).detail(Details.PREVIOUS_EMAIL, previous)
                    .detail(Details.UPDATED_EMAIL, address).success();
        }
        user.setEmailVerified(true);
        user.removeRequiredAction(BUILT_IN);
        context.getAuthenticationSession().removeAuthNote(STAGED_ADDRESS_NOTE);
        event(context, EventType.VERIFY_EMAIL, address).detail(Details.EMAIL, address).success();
        context.success();
    }

    private void countFailure(RequiredActionContext context, String address) {
        event(context, EventType.VERIFY_EMAIL, address).error(Errors.INVALID_CODE);
        RequiredActionBruteForce.recordWrongCode(context);
    }

    private boolean send(RequiredActionContext context, VerifyEmailCodeConfig config, String address, boolean resend) {
        EventBuilder event = event(context, EventType.SEND_VERIFY_EMAIL, address).detail(Details.EMAIL, address);
        CodeExchange exchange = exchange(context, config, address);
        RealmOtpSettings settings = RealmOtpSettings.of(context.getRealm());
        List<SendLimit> limits = List.of(
                new SendLimit("user", context.getUser().getId(), settings.maxSendsPerUserPerHour()),
                new SendLimit("destination", address.toLowerCase(Locale.ROOT), settings.maxSendsPerDestinationPerHour()));
        SendResult result = resend ? exchange.resend(limits, code -> deliver(context, config, address, code))
                : exchange.send(limits, code -> deliver(context, config, address, code));
        switch (result.outcome()) {
            case SENT -> {
                event.success();
                return true;
            }
            case COOLDOWN -> context.challenge(CodeForms.page(CodeForms.withRefusal(codeForm(context, config, address), result)));
            case LIMITED -> {
                event.detail(Details.REASON, "hourly send limit reached").error(OtpEvents.TOO_MANY_REQUESTS);
                context.challenge(CodeForms.page(CodeForms.withRefusal(codeForm(context, config, address), result)));
            }
            case FAILED -> {
                event.detail(Details.REASON, result.reason()).error(Errors.EMAIL_SEND_FAILED);
                context.challenge(context.form().setError("otpEmailSendFailed")
                        .createErrorPage(jakarta.ws.rs.core.Response.Status.INTERNAL_SERVER_ERROR));
            }
        }
        return false;
    }

    private void deliver(RequiredActionContext context, VerifyEmailCodeConfig config, String address, String code)
            throws DeliveryException {
        try {
            new EmailCodeSender(context.getSession()).send(context.getRealm(), context.getUser(), context.getAuthenticationSession(),
                    address, code, PURPOSE, config.policy().ttlSeconds(), config.codeInSubject());
        } catch (EmailException e) {
            throw new DeliveryException(OtpEvents.reasonOf(e), e);
        }
    }

    private boolean isLockedOut(RequiredActionContext context, VerifyEmailCodeConfig config) {
        if (!RequiredActionBruteForce.isLockedOut(context)) {
            return false;
        }
        String address = currentAddress(context);
        context.challenge(address == null
                ? emailForm(context, null).setError(Messages.ACCOUNT_TEMPORARILY_DISABLED_TOTP).createForm(EMAIL_FORM)
                : CodeForms.withCodeError(codeForm(context, config, address), Messages.ACCOUNT_TEMPORARILY_DISABLED_TOTP));
        return true;
    }

    private boolean canEditEmail(RequiredActionContext context) {
        UserProfile profile = profileProvider(context).create(UserProfileContext.UPDATE_EMAIL, context.getUser());
        return !profile.getAttributes().isReadOnly(UserModel.EMAIL);
    }

    private LoginFormsProvider emailForm(RequiredActionContext context, String typed) {
        String current = currentAddress(context);
        String prefill = typed != null ? typed : current;
        LoginFormsProvider form = context.form().setAttribute("email", prefill == null ? "" : prefill);
        return current == null ? form : form.setAttribute("backToCode", true);
    }

    private LoginFormsProvider codeForm(RequiredActionContext context, VerifyEmailCodeConfig config, String address) {
        LoginFormsProvider form = CodeForms.prepare(context.form(), Channel.EMAIL, DestinationMask.email(address), config.policy(),
                exchange(context, config, address).resendIn());
        return canEditEmail(context) ? form.setAttribute("changeDestination", true) : form;
    }

    private EventBuilder event(RequiredActionContext context, EventType type, String address) {
        return OtpEvents.describe(context.getEvent().clone().event(type).user(context.getUser()), Channel.EMAIL, PURPOSE,
                DestinationMask.email(address));
    }

    private CodeExchange exchange(RequiredActionContext context, VerifyEmailCodeConfig config, String address) {
        CodeBinding binding = new CodeBinding(context.getRealm().getId(), context.getUser().getId(), Channel.EMAIL, PURPOSE, address);
        return new CodeExchange(engine, context.getSession(), context.getRealm(),
                new AuthSessionCodeStore(context.getAuthenticationSession(), Channel.EMAIL, PURPOSE), binding, config.policy());
    }

    /** The staged new address, else the user's own; null when there is none. */
    private static String currentAddress(RequiredActionContext context) {
        String staged = stagedAddress(context);
        if (staged != null) {
            return staged;
        }
        String email = context.getUser().getEmail();
        return isBlank(email) ? null : email;
    }

    /** An app asked for this action (kc_action): verify again even an address that is verified. */
    private static boolean requestedByApp(RequiredActionContext context) {
        return VerifyEmailCodeFactory.PROVIDER_ID.equals(context.getAuthenticationSession().getClientNote(Constants.KC_ACTION));
    }

    private static String stagedAddress(RequiredActionContext context) {
        return context.getAuthenticationSession().getAuthNote(STAGED_ADDRESS_NOTE);
    }

    private static UserProfileProvider profileProvider(RequiredActionContext context) {
        return context.getSession().getProvider(UserProfileProvider.class);
    }

    private static VerifyEmailCodeConfig config(RequiredActionContext context) {
        return VerifyEmailCodeConfig.from(context.getConfig(), RealmOtpSettings.of(context.getRealm()));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public void close() {
    }
}
