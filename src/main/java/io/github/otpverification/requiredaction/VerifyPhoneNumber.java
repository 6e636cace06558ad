package io.github.otpverification.requiredaction;

import io.github.otpverification.channel.Channels;
import io.github.otpverification.code.CodeEngine;
import io.github.otpverification.forms.CodeForms;
import io.github.otpverification.names.EventNames;
import io.github.otpverification.names.MessageKeys;
import io.github.otpverification.phone.PhoneAttributes;
import io.github.otpverification.phone.PhoneNumberCheck;
import io.github.otpverification.phone.PhoneNumberValidator;
import io.github.otpverification.verification.SendOutcome;
import io.github.otpverification.verification.Verification;
import io.github.otpverification.verification.VerificationService;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/**
 * Required action {@code VERIFY_PHONE_NUMBER}: asks for a mobile number, texts it a code and only
 * once the code is confirmed writes {@code phoneNumber} and {@code phoneNumberVerified=true}.
 * The person can change the number and resend (cooldown, hourly caps); wrong codes count in
 * Keycloak's brute-force detector. Also works as an application-initiated action.
 */
public class VerifyPhoneNumber extends ContactVerification {

    public static final String PHONE_FIELD = "phoneNumber";
    static final String TEMPLATE = "otp-phone-form.ftl";

    private final PhoneNumberValidator validator;

    public VerifyPhoneNumber(CodeEngine engine, PhoneNumberValidator validator) {
        super(engine, Channels.SMS);
        this.validator = validator;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // Set by the SMS OTP step, by an admin, or requested by an app (kc_action).
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        VerificationService service = service(context);
        if (mustVerifyEmailFirst(context, service)) {
            return;
        }
        String staged = staged(context);
        if (!changing(context) && staged != null && service.hasPendingCode(verification(context, service, staged))) {
            context.challenge(CodeForms.page(codePage(context, service, verification(context, service, staged))));
        } else {
            context.challenge(contactForm(context, null).createForm(TEMPLATE));
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        if (!mustVerifyEmailFirst(context, service(context))) {
            super.processAction(context);
        }
    }

    /** Only the number typed here is a destination; the one on record may be unverified and not the person's. */
    @Override
    String destination(RequiredActionContext context) {
        return staged(context);
    }

    @Override
    void noDestination(RequiredActionContext context) {
        context.challenge(contactForm(context, null).createForm(TEMPLATE));
    }

    @Override
    String accept(RequiredActionContext context, VerificationService service, String typed) {
        VerifyPhoneNumberConfig config = config(context, service);
        PhoneNumberCheck check = validator.check(typed, config.rules());
        if (!check.isValid()) {
            context.challenge(contactForm(context, typed).addError(new FormMessage(PHONE_FIELD, check.errorKey())).createForm(TEMPLATE));
            return null;
        }
        if (config.uniqueNumbers() && verifiedByAnotherUser(context, check.e164())) {
            context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR).user(context.getUser())
                    .detail(EventNames.DESTINATION, Channels.SMS.mask(check.e164())).error(EventNames.PHONE_NUMBER_IN_USE);
            context.challenge(contactForm(context, typed).addError(new FormMessage(PHONE_FIELD, MessageKeys.PHONE_NUMBER_TAKEN))
                    .createForm(TEMPLATE));
            return null;
        }
        return check.e164();
    }

    @Override
    void conflict(RequiredActionContext context, String number) {
        unstage(context);
        context.challenge(contactForm(context, number).createForm(TEMPLATE));
    }

    /** A refused first send shows the number form with the reason; a failed one also forgets the number. */
    @Override
    void noCodePending(RequiredActionContext context, Verification v, SendOutcome sent) {
        LoginFormsProvider form = contactForm(context, v.destination());
        if (sent.kind() == SendOutcome.Kind.FAILED) {
            unstage(context);
            form.setError(v.channel().deliveryFailedMessage());
        } else {
            CodeForms.withSendMessage(form, sent, false);
        }
        context.challenge(form.createForm(TEMPLATE));
    }

    private boolean mustVerifyEmailFirst(RequiredActionContext context, VerificationService service) {
        String staged = staged(context);
        if (!service.mustVerifyEmailFirst(verification(context, service, staged == null ? "" : staged))) {
            return false;
        }
        context.challenge(context.form().setError(MessageKeys.PHONE_EMAIL_FIRST).createErrorPage(Response.Status.FORBIDDEN));
        return true;
    }

    private boolean verifiedByAnotherUser(RequiredActionContext context, String e164) {
        return context.getSession().users()
                .searchForUserByUserAttributeStream(context.getRealm(), PhoneAttributes.PHONE_NUMBER, e164)
                .anyMatch(other -> !other.getId().equals(context.getUser().getId()) && Channels.SMS.verifiedContactOf(other) != null);
    }

    @Override
    String contactField() {
        return PHONE_FIELD;
    }

    @Override
    String contactTemplate() {
        return TEMPLATE;
    }

    @Override
    VerifyPhoneNumberConfig config(RequiredActionContext context, VerificationService service) {
        return VerifyPhoneNumberConfig.from(context.getConfig(), service.settings(),
                context.getSession().getContext().resolveLocale(context.getUser()));
    }

    @Override
    boolean canChange(RequiredActionContext context) {
        return true;
    }

    @Override
    LoginFormsProvider contactForm(RequiredActionContext context, String typed) {
        String prefill = typed != null ? typed : Channels.SMS.contactOf(context.getUser());
        return context.form().setAttribute(PHONE_FIELD, prefill == null ? "" : prefill);
    }
}
