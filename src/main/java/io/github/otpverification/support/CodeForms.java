package io.github.otpverification.support;

import io.github.otpverification.code.Channel;
import io.github.otpverification.code.CodeCheck;
import io.github.otpverification.code.CodePolicy;
import io.github.otpverification.code.SendResult;
import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/** Renders the shared code-entry page for any channel. */
public final class CodeForms {

    public static final String CODE_FIELD = "code";
    public static final String RESEND_PARAM = "resend";

    private CodeForms() {
    }

    public static LoginFormsProvider prepare(LoginFormsProvider form, Channel channel, String maskedDestination,
                                             CodePolicy policy, long resendIn) {
        return form.setAttribute(CodeFormBean.ATTRIBUTE, new CodeFormBean(channel.id(), maskedDestination,
                policy.alphabet().inputMode(), policy.length(), resendIn));
    }

    public static Response page(LoginFormsProvider form) {
        return form.createForm(CodeFormBean.TEMPLATE);
    }

    /** The page with an error tied to the code field. */
    public static Response withCodeError(LoginFormsProvider form, String messageKey, Object... parameters) {
        return form.addError(new FormMessage(CODE_FIELD, messageKey, parameters)).createForm(CodeFormBean.TEMPLATE);
    }

    /** The page with the message every entry point shows for a code that did not verify. */
    public static Response withCheckError(LoginFormsProvider form, CodeCheck check) {
        return switch (check.outcome()) {
            case WRONG -> withCodeError(form, "otpInvalidCode", check.attemptsLeft());
            case ATTEMPTS_EXHAUSTED -> withCodeError(form, "otpCodeDead");
            case EXPIRED -> withCodeError(form, "otpCodeExpired");
            case NO_PENDING_CODE -> withCodeError(form, "otpNoPendingCode");
            case EMPTY -> withCodeError(form, "otpMissingCode");
            case VERIFIED -> throw new IllegalArgumentException("a verified code is not an error");
        };
    }

    /** The form with the message for a send that the cooldown or an hourly cap refused. */
    public static LoginFormsProvider withRefusal(LoginFormsProvider form, SendResult refused) {
        return switch (refused.outcome()) {
            case COOLDOWN -> form.setInfo("otpResendWait", refused.waitSeconds());
            case LIMITED -> form.setError("otpSendLimited", minutes(refused.waitSeconds()));
            case SENT, FAILED -> throw new IllegalArgumentException(refused.outcome() + " is not a refusal");
        };
    }

    /** Whole minutes, rounded up, for "try again in N minutes". */
    static long minutes(long seconds) {
        return Math.max(1, (seconds + 59) / 60);
    }
}
