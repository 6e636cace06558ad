package io.github.otpverification.phone;

import io.github.otpverification.code.Purposes;
import io.github.otpverification.code.AuthSessionCodeStore;
import io.github.otpverification.code.Channel;
import io.github.otpverification.code.CodeBinding;
import io.github.otpverification.code.CodeCheck;
import io.github.otpverification.code.CodeEngine;
import io.github.otpverification.code.CodeExchange;
import io.github.otpverification.code.SendResult;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.sms.SmsCodeDelivery;
import io.github.otpverification.sms.SmsOtpAuthenticator;
import io.github.otpverification.sms.SmsSendLimits;
import io.github.otpverification.support.CodeFormBean;
import io.github.otpverification.support.CodeForms;
import io.github.otpverification.support.DestinationMask;
import io.github.otpverification.support.OtpEvents;
import io.github.otpverification.support.RequiredActionBruteForce;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Required action {@code VERIFY_PHONE_NUMBER}: asks for a mobile number, texts it a code and only
 * once the code is confirmed writes {@code phoneNumber} and {@code phoneNumberVerified=true}.
 * The person can change the number and resend (cooldown, hourly caps); wrong codes count in
 * Keycloak's brute-force detector. Also works as an application-initiated action.
 */
public class VerifyPhoneNumber implements RequiredActionProvider {

    public static final String PURPOSE = Purposes.VERIFY;
    public static final String PHONE_FIELD = "phoneNumber";
    public static final String CHANGE_PARAM = "changeDestination";
    static final String TEMPLATE = "otp-phone-form.ftl";
    private static final String STAGED_NUMBER_NOTE = "otp-verification.phone.staged-number";

    private final CodeEngine engine;
    private final PhoneNumberValidator validator;

    public VerifyPhoneNumber(CodeEngine engine, PhoneNumberValidator validator) {
        this.engine = engine;
        this.validator = validator;
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.SUPPORTED;
    }

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // Set by the SMS OTP step, by an admin, or requested by an app (kc_action).
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        VerifyPhoneNumberConfig config = config(context);
        if (mustVerifyEmailFirst(context, config)) {
            return;
        }
        String staged = stagedNumber(context);
        if (staged != null && exchange(context, config, staged).hasPendingCode()) {
            context.challenge(CodeForms.page(codeForm(context, config, staged)));
        } else {
            context.challenge(numberForm(context, null).createForm(TEMPLATE));
        }
    }

    @Override
    public void processAction(RequiredActionContext context) {
        VerifyPhoneNumberConfig config = config(context);
        if (mustVerifyEmailFirst(context, config) || isLockedOut(context, config)) {
            return;
        }
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String staged = stagedNumber(context);
        if (form.containsKey(CHANGE_PARAM)) {
            if (staged != null) {
                exchange(context, config, staged).discard();
            }
            context.getAuthenticationSession().removeAuthNote(STAGED_NUMBER_NOTE);
            context.challenge(numberForm(context, null).createForm(TEMPLATE));
        } else if (form.containsKey(PHONE_FIELD)) {
            acceptNumber(context, config, form.getFirst(PHONE_FIELD));
        } else if (staged == null) {
            context.challenge(numberForm(context, null).createForm(TEMPLATE));
        } else if (form.containsKey(CodeForms.RESEND_PARAM)) {
            if (send(context, config, staged, true)) {
                context.challenge(codeForm(context, config, staged).setSuccess("otpCodeResent").createForm(CodeFormBean.TEMPLATE));
            }
        } else {
            verify(context, config, staged, form.getFirst(CodeForms.CODE_FIELD));
        }
    }

    private void acceptNumber(RequiredActionContext context, VerifyPhoneNumberConfig config, String typed) {
        PhoneNumberCheck check = validator.check(typed, config.rules());
        if (!check.isValid()) {
            context.challenge(numberForm(context, typed).addError(new FormMessage(PHONE_FIELD, check.errorKey())).createForm(TEMPLATE));
            return;
        }
        if (config.uniqueNumbers() && verifiedByAnotherUser(context, check.e164())) {
            context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR).user(context.getUser())
                    .detail(Details.CUSTOM_REQUIRED_ACTION, VerifyPhoneNumberFactory.PROVIDER_ID)
                    .detail(OtpEvents.DESTINATION, DestinationMask.phone(check.e164())).error("phone_number_in_use");
            context.challenge(numberForm(context, typed).addError(new FormMessage(PHONE_FIELD, "phoneNumberTaken")).createForm(TEMPLATE));
            return;
        }
        String previous = stagedNumber(context);
        if (previous != null && !previous.equals(check.e164())) {
            exchange(context, config, previous).discard();
        }
        context.getAuthenticationSession().setAuthNote(STAGED_NUMBER_NOTE, check.e164());
        if (send(context, config, check.e164(), false)) {
            context.challenge(CodeForms.page(codeForm(context, config, check.e164())));
        }
    }

    private void verify(RequiredActionContext context, VerifyPhoneNumberConfig config, String staged, String typed) {
        CodeCheck check = exchange(context, config, staged).verify(typed);
        EventBuilder event = OtpEvents.describe(context.getEvent().user(context.getUser()), Channel.SMS, PURPOSE,
                DestinationMask.phone(staged));
        LoginFormsProvider form = codeForm(context, config, staged);
        switch (check.outcome()) {
            case VERIFIED -> {
                PhoneAttributes.setVerified(context.getUser(), staged);
                context.getAuthenticationSession().removeAuthNote(STAGED_NUMBER_NOTE);
                context.success();
            }
            case WRONG, ATTEMPTS_EXHAUSTED -> {
                countFailure(context);
                context.challenge(CodeForms.withCheckError(form, check));
            }
            case EXPIRED -> {
                event.clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR).error(Errors.EXPIRED_CODE);
                context.challenge(CodeForms.withCheckError(form, check));
            }
            case NO_PENDING_CODE, EMPTY -> context.challenge(CodeForms.withCheckError(form, check));
        }
    }

    private void countFailure(RequiredActionContext context) {
        context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION_ERROR).user(context.getUser())
                .detail(Details.CUSTOM_REQUIRED_ACTION, VerifyPhoneNumberFactory.PROVIDER_ID).error(Errors.INVALID_CODE);
        RequiredActionBruteForce.recordWrongCode(context);
    }

    private boolean send(RequiredActionContext context, VerifyPhoneNumberConfig config, String number, boolean resend) {
        EventBuilder event = OtpEvents.describe(context.getEvent().clone().event(EventType.CUSTOM_REQUIRED_ACTION)
                        .user(context.getUser()).detail(Details.CUSTOM_REQUIRED_ACTION, VerifyPhoneNumberFactory.PROVIDER_ID),
                Channel.SMS, PURPOSE, DestinationMask.phone(number));
        CodeExchange exchange = exchange(context, config, number);
        SmsCodeDelivery delivery = new SmsCodeDelivery(context.getSession(), context.getRealm(),
                context.getSession().getContext().resolveLocale(context.getUser()), number, PURPOSE, config.policy().ttlSeconds());
        var limits = SmsSendLimits.of(RealmOtpSettings.of(context.getRealm()), context.getUser().getId(), number,
                context.getConnection().getRemoteAddr());
        SendResult result = resend ? exchange.resend(limits, delivery) : exchange.send(limits, delivery);
        switch (result.outcome()) {
            case SENT -> {
                event.success();
                return true;
            }
            case COOLDOWN -> context.challenge(CodeForms.page(CodeForms.withRefusal(codeForm(context, config, number), result)));
            case LIMITED -> {
                event.event(EventType.CUSTOM_REQUIRED_ACTION_ERROR).detail(Details.REASON, "hourly send limit reached")
                        .error(OtpEvents.TOO_MANY_REQUESTS);
                boolean codePending = exchange.hasPendingCode();
                LoginFormsProvider form = codePending ? codeForm(context, config, number) : numberForm(context, number);
                context.challenge(CodeForms.withRefusal(form, result).createForm(codePending ? CodeFormBean.TEMPLATE : TEMPLATE));
            }
            case FAILED -> {
                event.event(EventType.CUSTOM_REQUIRED_ACTION_ERROR).detail(Details.REASON, result.reason())
                        .error(SmsOtpAuthenticator.SMS_SEND_FAILED);
                context.getAuthenticationSession().removeAuthNote(STAGED_NUMBER_NOTE);
                context.challenge(numberForm(context, number).setError("otpSmsSendFailed").createForm(TEMPLATE));
            }
        }
        return false;
    }

    private boolean isLockedOut(RequiredActionContext context, VerifyPhoneNumberConfig config) {
        if (!RequiredActionBruteForce.isLockedOut(context)) {
            return false;
        }
        String staged = stagedNumber(context);
        LoginFormsProvider form = staged == null ? numberForm(context, null) : codeForm(context, config, staged);
        context.challenge(form.setError(Messages.ACCOUNT_TEMPORARILY_DISABLED_TOTP)
                .createForm(staged == null ? TEMPLATE : CodeFormBean.TEMPLATE));
        return true;
    }

    private boolean mustVerifyEmailFirst(RequiredActionContext context, VerifyPhoneNumberConfig config) {
        if (!config.requireEmailFirst() || context.getUser().isEmailVerified()) {
            return false;
        }
        context.challenge(context.form().setError("phoneEmailFirst").createErrorPage(Response.Status.FORBIDDEN));
        return true;
    }

    private boolean verifiedByAnotherUser(RequiredActionContext context, String e164) {
        return context.getSession().users()
                .searchForUserByUserAttributeStream(context.getRealm(), PhoneAttributes.PHONE_NUMBER, e164)
                .anyMatch(other -> !other.getId().equals(context.getUser().getId())
                        && Boolean.parseBoolean(other.getFirstAttribute(PhoneAttributes.PHONE_NUMBER_VERIFIED)));
    }

    private LoginFormsProvider numberForm(RequiredActionContext context, String typed) {
        String prefill = typed != null ? typed : context.getUser().getFirstAttribute(PhoneAttributes.PHONE_NUMBER);
        return context.form().setAttribute("phoneNumber", prefill == null ? "" : prefill);
    }

    private LoginFormsProvider codeForm(RequiredActionContext context, VerifyPhoneNumberConfig config, String staged) {
        return CodeForms.prepare(context.form(), Channel.SMS, DestinationMask.phone(staged), config.policy(),
                exchange(context, config, staged).resendIn()).setAttribute("changeDestination", true);
    }

    private CodeExchange exchange(RequiredActionContext context, VerifyPhoneNumberConfig config, String number) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        CodeBinding binding = new CodeBinding(context.getRealm().getId(), context.getUser().getId(), Channel.SMS, PURPOSE, number);
        return new CodeExchange(engine, context.getSession(), context.getRealm(),
                new AuthSessionCodeStore(authSession, Channel.SMS, PURPOSE), binding, config.policy());
    }

    private static String stagedNumber(RequiredActionContext context) {
        return context.getAuthenticationSession().getAuthNote(STAGED_NUMBER_NOTE);
    }

    private static VerifyPhoneNumberConfig config(RequiredActionContext context) {
        return VerifyPhoneNumberConfig.from(context.getConfig(), RealmOtpSettings.of(context.getRealm()),
                context.getSession().getContext().resolveLocale(context.getUser()));
    }

    @Override
    public void close() {
    }
}
