package io.github.otpverification.sms;

import io.github.otpverification.code.Channel;
import io.github.otpverification.code.CodeDelivery;
import io.github.otpverification.code.CodeEngine;
import io.github.otpverification.limits.SendLimit;
import io.github.otpverification.phone.PhoneAttributes;
import io.github.otpverification.phone.VerifyPhoneNumberFactory;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.step.CodeStepAuthenticator;
import io.github.otpverification.support.DestinationMask;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Login step {@code sms-otp-form}: a code to the user's verified phone number. A user without one
 * is not "configured": where user setup is allowed Keycloak then runs {@code VERIFY_PHONE_NUMBER},
 * otherwise the flow offers its alternatives.
 */
public class SmsOtpAuthenticator extends CodeStepAuthenticator<SmsOtpConfig> {

    /** Event error of a failed SMS delivery. */
    public static final String SMS_SEND_FAILED = "sms_send_failed";

    public SmsOtpAuthenticator(CodeEngine engine) {
        super(engine);
    }

    @Override
    protected Channel channel() {
        return Channel.SMS;
    }

    @Override
    protected SmsOtpConfig config(AuthenticationFlowContext context) {
        return SmsOtpConfig.from(context.getAuthenticatorConfig(), RealmOtpSettings.of(context.getRealm()).codePolicy());
    }

    @Override
    protected String destination(UserModel user) {
        return PhoneAttributes.verifiedNumber(user);
    }

    @Override
    protected String mask(String destination) {
        return DestinationMask.phone(destination);
    }

    @Override
    protected CodeDelivery delivery(AuthenticationFlowContext context, SmsOtpConfig config, String destination) {
        return new SmsCodeDelivery(context.getSession(), context.getRealm(),
                context.getSession().getContext().resolveLocale(context.getUser()), destination, PURPOSE,
                config.policy().ttlSeconds());
    }

    @Override
    protected List<SendLimit> sendLimits(AuthenticationFlowContext context, String destination) {
        return SmsSendLimits.of(RealmOtpSettings.of(context.getRealm()), context.getUser().getId(), destination,
                context.getConnection().getRemoteAddr());
    }

    @Override
    protected void onMissingDestination(AuthenticationFlowContext context, SmsOtpConfig config) {
        context.getEvent().user(context.getUser()).detail(Details.REASON, "user has no verified phone number")
                .error("phone_number_missing");
        context.forceChallenge(context.form().setError("otpPhoneMissing").createErrorPage(Response.Status.BAD_REQUEST));
    }

    @Override
    protected void onVerified(AuthenticationFlowContext context, SmsOtpConfig config) {
        // The number was verified already; nothing to record.
    }

    @Override
    protected EventType sendEventType() {
        return EventType.CUSTOM_REQUIRED_ACTION;
    }

    @Override
    protected String deliveryError() {
        return SMS_SEND_FAILED;
    }

    @Override
    protected String deliveryFailedMessage() {
        return "otpSmsSendFailed";
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return PhoneAttributes.verifiedNumber(user) != null;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
        AuthenticationSessionModel authSession = session.getContext().getAuthenticationSession();
        if (!authSession.getRequiredActions().contains(VerifyPhoneNumberFactory.PROVIDER_ID)) {
            authSession.addRequiredAction(VerifyPhoneNumberFactory.PROVIDER_ID);
        }
    }
}
