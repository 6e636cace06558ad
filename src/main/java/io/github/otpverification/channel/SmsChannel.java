package io.github.otpverification.channel;

import io.github.otpverification.privacy.DestinationMask;
import io.github.otpverification.code.DeliveryException;
import io.github.otpverification.code.SendLimit;
import io.github.otpverification.names.EventNames;
import io.github.otpverification.names.MessageKeys;
import io.github.otpverification.phone.PhoneAttributes;
import io.github.otpverification.phone.PhoneNumberCheck;
import io.github.otpverification.phone.PhoneNumberRules;
import io.github.otpverification.phone.PhoneNumberValidator;
import io.github.otpverification.names.ProviderIds;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.sms.SmsDeliveryException;
import io.github.otpverification.sms.SmsGateways;
import io.github.otpverification.sms.SmsMessage;
import io.github.otpverification.sms.SmsTextRenderer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Codes by text message through the realm's {@code sms-gateway}, to the user attributes
 * {@code phoneNumber} / {@code phoneNumberVerified}. Keycloak has no SMS event types, so SMS
 * events are {@code CUSTOM_REQUIRED_ACTION} with {@code custom_required_action=sms-code}.
 */
public final class SmsChannel implements Channel {

    /** The {@code custom_required_action} detail of every SMS event. */
    public static final String EVENT_ACTION = "sms-code";

    private static final PhoneNumberValidator VALIDATOR = new PhoneNumberValidator();

    SmsChannel() {
    }

    @Override
    public String id() {
        return "sms";
    }

    @Override
    public String contactOf(UserModel user) {
        String number = user.getFirstAttribute(PhoneAttributes.PHONE_NUMBER);
        return number == null || number.isBlank() ? null : number;
    }

    @Override
    public String verifiedContactOf(UserModel user) {
        return PhoneBinding.verifiedNumber(user);
    }

    @Override
    public String canonical(String destination) {
        return destination;
    }

    @Override
    public String mask(String destination) {
        return DestinationMask.phone(destination);
    }

    @Override
    public OutgoingMessage prepare(Delivery delivery, String code) throws DeliveryException {
        try {
            // On the login pages the login's language; elsewhere the request's choice, the user's or the realm's.
            Locale locale = delivery.session().getContext().resolveLocale(delivery.user(), delivery.authSession() == null);
            String text = new SmsTextRenderer(delivery.session()).render(delivery.realm(), locale, delivery.purpose(), code,
                    delivery.ttlSeconds(), delivery.link());
            return new TextMessage(new SmsMessage(delivery.destination(), text, delivery.realm().getName(), delivery.purpose()));
        } catch (SmsDeliveryException e) {
            throw new DeliveryException(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new DeliveryException("sms text could not be rendered: " + e.getClass().getSimpleName(), e);
        }
    }

    /** A rendered text message, sent through the realm's gateway. */
    private record TextMessage(SmsMessage message) implements OutgoingMessage {

        @Override
        public void send(KeycloakSession session, RealmModel realm) throws DeliveryException {
            try {
                SmsGateways.forRealm(session, realm).send(message);
            } catch (SmsDeliveryException e) {
                throw new DeliveryException(e.getMessage(), e);
            } catch (RuntimeException e) {
                // A gateway bug must end as "delivery failed", never as a stalled flow.
                throw new DeliveryException("sms gateway error: " + e, e);
            }
        }

        /** Picks the realm's gateway as a send does; the gateway's own request is not built. */
        @Override
        public void rehearse(KeycloakSession session, RealmModel realm) {
            try {
                SmsGateways.forRealm(session, realm);
            } catch (SmsDeliveryException | RuntimeException e) {
                // nothing to tell: no text was to go anywhere
            }
        }

        @Override
        public String toString() {
            return "TextMessage[to=" + DestinationMask.phone(message.to()) + "]"; // never the text: it carries the code
        }
    }

    @Override
    public List<SendLimit> channelLimits(RealmOtpSettings settings, boolean toVerifiedContact) {
        SendLimit budget = new SendLimit("realm-sms", "realm", settings.maxSmsPerRealmPerHour());
        return toVerifiedContact ? List.of(budget)
                : List.of(budget, new SendLimit("realm-sms-new", "realm", settings.maxSmsToNewNumbersPerRealmPerHour()));
    }

    /** The realm's phone rules on every send: a valid number, from an allowed country, mobile, not premium rate. */
    @Override
    public String refusal(String destination, RealmOtpSettings settings, boolean anyLine) {
        PhoneNumberCheck check = VALIDATOR.check(destination, new PhoneNumberRules(null, Set.copyOf(settings.smsAllowedCountries()),
                anyLine));
        return check.isValid() && check.e164().equals(destination) ? null
                : check.isValid() ? MessageKeys.PHONE_NUMBER_INVALID : check.errorKey();
    }

    @Override
    public boolean ipCappedOnLoginPages() {
        return true;
    }

    @Override
    public EventType sendEvent() {
        return EventType.CUSTOM_REQUIRED_ACTION;
    }

    @Override
    public EventType verifyEvent() {
        return EventType.CUSTOM_REQUIRED_ACTION;
    }

    @Override
    public EventBuilder describe(EventBuilder event) {
        return event.detail(Details.CUSTOM_REQUIRED_ACTION, EVENT_ACTION);
    }

    @Override
    public String deliveryError() {
        return EventNames.SMS_SEND_FAILED;
    }

    @Override
    public String deliveryFailedMessage() {
        return MessageKeys.SMS_SEND_FAILED;
    }

    @Override
    public String deliveryFailedDescription() {
        return "The SMS gateway refused the message. No code is pending; try again later.";
    }

    @Override
    public String noun() {
        return "phone number";
    }

    @Override
    public boolean confirm(Confirmation confirmation) {
        PhoneAttributes.setVerified(confirmation.user(), confirmation.destination());
        PhoneBinding.confirm(confirmation.user(), confirmation.destination());
        confirmation.dropRequiredAction(ProviderIds.VERIFY_PHONE_NUMBER);
        return true;
    }
}
