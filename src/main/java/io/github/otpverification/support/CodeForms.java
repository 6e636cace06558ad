package io.github.otpverification.support;

import io.github.otpverification.code.Channel;
import io.github.otpverification.code.CodePolicy;
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

    /** Whole minutes, rounded up, for "try again in N minutes". */
    public static long minutes(long seconds) {
        return Math.max(1, (seconds + 59) / 60);
    }
}
