package io.github.otpverification.forms;

import io.github.otpverification.names.MessageKeys;
import io.github.otpverification.verification.CheckOutcome;
import io.github.otpverification.verification.Purposes;
import io.github.otpverification.verification.SendOutcome;
import io.github.otpverification.verification.Verification;
import io.github.otpverification.verification.VerificationService;
import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.messages.Messages;

/**
 * The code-entry page of every channel and every login-page entry point (login steps, required
 * actions), and how it shows the service's outcomes: one translation for all of them.
 */
public final class CodeForms {

    public static final String CODE_FIELD = "code";
    public static final String RESEND_PARAM = "resend";
    /** Asks the required actions' code page for the address or number form again. */
    public static final String CHANGE_PARAM = "changeDestination";
    /** The "don't ask for a code on this device" checkbox of the login steps (option trustDeviceDays). */
    public static final String TRUST_DEVICE_PARAM = "trustDevice";
    /** The page attribute that makes the template show that checkbox, with its number of days. */
    static final String TRUST_DEVICE_DAYS_ATTRIBUTE = "trustDeviceDays";

    private CodeForms() {
    }

    /** The code page's model: where the code went, if one is pending, and the resend countdown; a blind page is the visitor's. */
    public static LoginFormsProvider prepare(LoginFormsProvider form, VerificationService service, Verification v) {
        boolean pending = service.hasPendingCode(v);
        return (v.blind() ? BlindPage.of(form) : form).setAttribute(CodeFormBean.ATTRIBUTE, new CodeFormBean(v.channel().id(), v.shown(), sentTo(v),
                v.policy().alphabet().inputMode(), v.policy().length(), pending ? service.resendIn(v) : 0, pending));
    }

    /**
     * The sentence that says where the code went. A password reset names only what the person
     * typed, so it says "if it has an account" whether or not it has one.
     */
    private static String sentTo(Verification v) {
        return MessageKeys.FORM_SENT_TO_PREFIX + (Purposes.RESET_CREDENTIALS.equals(v.purpose()) ? v.purpose() + "." : "") + v.channel().id();
    }

    /** The page offers "don't ask for a code on this device for {@code days} days"; nothing when days is 0. */
    public static LoginFormsProvider offeringTrust(LoginFormsProvider form, int days) {
        return days > 0 ? form.setAttribute(TRUST_DEVICE_DAYS_ATTRIBUTE, days) : form;
    }

    public static Response page(LoginFormsProvider form) {
        return form.createForm(CodeFormBean.TEMPLATE);
    }

    /** The page with an error tied to the code field. */
    public static Response withCodeError(LoginFormsProvider form, String messageKey, Object... parameters) {
        return form.addError(new FormMessage(CODE_FIELD, messageKey, parameters)).createForm(CodeFormBean.TEMPLATE);
    }

    /** The code page after a check that did not verify. */
    public static Response afterCheck(LoginFormsProvider form, CheckOutcome check) {
        return switch (check.kind()) {
            case WRONG -> withCodeError(form, MessageKeys.INVALID_CODE, check.attemptsLeft());
            case WRONG_LENGTH -> withCodeError(form, MessageKeys.WRONG_LENGTH, check.value());
            case ATTEMPTS_EXHAUSTED -> withCodeError(form, MessageKeys.CODE_DEAD);
            case EXPIRED -> withCodeError(form, MessageKeys.CODE_EXPIRED);
            case NO_PENDING_CODE, CONFLICT -> withCodeError(form, MessageKeys.NO_PENDING_CODE);
            case EMPTY -> withCodeError(form, MessageKeys.MISSING_CODE);
            case LOCKED_TEMPORARILY -> withCodeError(form, Messages.ACCOUNT_TEMPORARILY_DISABLED_TOTP);
            case LOCKED_PERMANENTLY, DISABLED -> withCodeError(form, Messages.ACCOUNT_PERMANENTLY_DISABLED_TOTP);
            case VERIFIED -> throw new IllegalArgumentException("a verified code is not an error");
        };
    }

    /**
     * The form with the message for a send: a new code is on its way (a resend), the cooldown or
     * an hourly cap said no, or the user is locked out. Nothing for a first send or a reload.
     */
    public static LoginFormsProvider withSendMessage(LoginFormsProvider form, SendOutcome sent, boolean resend) {
        return switch (sent.kind()) {
            case SENT -> resend ? form.setSuccess(MessageKeys.CODE_RESENT) : form;
            case COOLDOWN -> form.setInfo(MessageKeys.RESEND_WAIT, sent.waitSeconds());
            case LIMITED -> form.setError(MessageKeys.SEND_LIMITED, minutes(sent.waitSeconds()));
            case LOCKED_TEMPORARILY -> form.setError(Messages.ACCOUNT_TEMPORARILY_DISABLED_TOTP);
            case LOCKED_PERMANENTLY, DISABLED -> form.setError(Messages.ACCOUNT_PERMANENTLY_DISABLED_TOTP);
            case EMAIL_FIRST -> form.setError(MessageKeys.PHONE_EMAIL_FIRST);
            case REFUSED_DESTINATION -> form.setError(sent.refusal());
            case PENDING, FAILED -> form;
        };
    }

    /** Whole minutes, rounded up, for "try again in N minutes". */
    static long minutes(long seconds) {
        return Math.max(1, (seconds + 59) / 60);
    }
}
