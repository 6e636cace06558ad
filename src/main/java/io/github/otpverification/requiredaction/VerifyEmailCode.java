package io.github.otpverification.requiredaction;

import io.github.otpverification.channel.Channels;
import io.github.otpverification.channel.EmailChannel;
import io.github.otpverification.code.CodeEngine;
import io.github.otpverification.settings.CodeConfig;
import io.github.otpverification.forms.CodeForms;
import io.github.otpverification.names.ProviderIds;
import io.github.otpverification.verification.SendOutcome;
import io.github.otpverification.verification.Verification;
import io.github.otpverification.verification.VerificationService;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.UserModel;
import org.keycloak.services.validation.Validation;
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
public class VerifyEmailCode extends ContactVerification {

    public static final String EMAIL_FIELD = "email";
    public static final String BACK_PARAM = "backToCode";
    static final String EMAIL_FORM = "otp-email-form.ftl";
    private static final String BUILT_IN = UserModel.RequiredAction.VERIFY_EMAIL.name();

    public VerifyEmailCode(CodeEngine engine) {
        super(engine, Channels.EMAIL);
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        UserModel user = context.getUser();
        if (user.isEmailVerified() || Channels.EMAIL.contactOf(user) == null) {
            return;
        }
        boolean builtInAsked = user.getRequiredActionsStream().anyMatch(BUILT_IN::equals);
        if (context.getRealm().isVerifyEmail() || builtInAsked) {
            user.addRequiredAction(ProviderIds.VERIFY_EMAIL_CODE);
            user.removeRequiredAction(BUILT_IN);
            context.getAuthenticationSession().removeRequiredAction(BUILT_IN);
        }
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        String address = destination(context);
        if (address == null) {
            noDestination(context);
        } else if (context.getUser().isEmailVerified() && staged(context) == null && !requestedByApp(context)) {
            context.success();
        } else if (changing(context)) {
            context.challenge(contactForm(context, null).createForm(EMAIL_FORM));
        } else {
            showCodePage(context, service(context), address);
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        if (context.getHttpRequest().getDecodedFormParameters().containsKey(BACK_PARAM)) {
            stopChanging(context);
            requiredActionChallenge(context);
            return;
        }
        super.processAction(context);
    }

    /** A corrected address, checked by the realm's user profile (format, duplicates). */
    @Override
    String accept(RequiredActionContext context, VerificationService service, String typed) {
        String email = typed == null ? "" : typed.trim();
        try {
            EmailChannel.validateChange(context.getSession(), context.getUser(), email);
        } catch (ValidationException e) {
            context.challenge(contactForm(context, email).setErrors(Validation.getFormErrorsFromValidation(e.getErrors()))
                    .createForm(EMAIL_FORM));
            return null;
        }
        return email;
    }

    @Override
    void conflict(RequiredActionContext context, String address) {
        unstage(context);
        LoginFormsProvider form = contactForm(context, address);
        try {
            EmailChannel.validateChange(context.getSession(), context.getUser(), address);
        } catch (ValidationException e) {
            form.setErrors(Validation.getFormErrorsFromValidation(e.getErrors()));
        }
        context.challenge(form.createForm(EMAIL_FORM));
    }

    @Override
    void noCodePending(RequiredActionContext context, Verification v, SendOutcome sent) {
        if (sent.kind() == SendOutcome.Kind.FAILED) {
            context.challenge(context.form().setError(v.channel().deliveryFailedMessage())
                    .createErrorPage(Response.Status.INTERNAL_SERVER_ERROR));
        } else {
            VerificationService service = service(context);
            context.challenge(CodeForms.page(CodeForms.withSendMessage(codePage(context, service, v), sent, false)));
        }
    }

    @Override
    String contactField() {
        return EMAIL_FIELD;
    }

    @Override
    String contactTemplate() {
        return EMAIL_FORM;
    }

    @Override
    CodeConfig config(RequiredActionContext context, VerificationService service) {
        return VerifyEmailCodeConfig.from(context.getConfig(), service.settings());
    }

    @Override
    boolean canChange(RequiredActionContext context) {
        return !context.getSession().getProvider(UserProfileProvider.class)
                .create(UserProfileContext.UPDATE_EMAIL, context.getUser()).getAttributes().isReadOnly(UserModel.EMAIL);
    }

    @Override
    LoginFormsProvider contactForm(RequiredActionContext context, String typed) {
        String current = destination(context);
        String prefill = typed != null ? typed : current;
        LoginFormsProvider form = context.form().setAttribute(EMAIL_FIELD, prefill == null ? "" : prefill);
        return current == null ? form : form.setAttribute(BACK_PARAM, true);
    }

    /** An app asked for this action (kc_action): verify again even an address that is verified. */
    private static boolean requestedByApp(RequiredActionContext context) {
        return ProviderIds.VERIFY_EMAIL_CODE.equals(context.getAuthenticationSession().getClientNote(Constants.KC_ACTION));
    }
}
