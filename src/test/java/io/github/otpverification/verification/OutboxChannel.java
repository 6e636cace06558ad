package io.github.otpverification.verification;

import io.github.otpverification.channel.Channel;
import io.github.otpverification.channel.Confirmation;
import io.github.otpverification.channel.Delivery;
import io.github.otpverification.channel.OutgoingMessage;
import io.github.otpverification.code.DeliveryException;
import io.github.otpverification.code.SendLimit;
import io.github.otpverification.settings.RealmOtpSettings;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A third channel in one class, as the architecture page promises: codes go to an in-memory
 * outbox, the contact is the user attribute {@code outbox}. It lets the service be tested without
 * a mail server or gateway.
 */
final class OutboxChannel implements Channel {

    final List<String> sent = new ArrayList<>();
    boolean failing;

    @Override
    public String id() {
        return "outbox";
    }

    @Override
    public String contactOf(UserModel user) {
        return user.getFirstAttribute("outbox");
    }

    @Override
    public String verifiedContactOf(UserModel user) {
        return "true".equals(user.getFirstAttribute("outboxVerified")) ? contactOf(user) : null;
    }

    @Override
    public String canonical(String destination) {
        return destination;
    }

    @Override
    public String mask(String destination) {
        return destination.charAt(0) + "***";
    }

    /** Messages prepared, sent or not (a decoy's is prepared and dropped). */
    int prepared;
    /** Messages rehearsed (a decoy's, after its request). */
    int rehearsed;

    @Override
    public OutgoingMessage prepare(Delivery delivery, String code) {
        prepared++;
        return new OutgoingMessage() {
            @Override
            public void send(KeycloakSession session, RealmModel realm) throws DeliveryException {
                if (failing) {
                    throw new DeliveryException("outbox of +4915112345678 is full", null);
                }
                sent.add(code);
            }

            @Override
            public void rehearse(KeycloakSession session, RealmModel realm) {
                rehearsed++;
            }
        };
    }

    @Override
    public List<SendLimit> channelLimits(RealmOtpSettings settings, boolean toVerifiedContact) {
        return List.of();
    }

    @Override
    public boolean ipCappedOnLoginPages() {
        return false;
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
    public String deliveryError() {
        return "outbox_failed";
    }

    @Override
    public String deliveryFailedMessage() {
        return "outboxFailed";
    }

    @Override
    public String deliveryFailedDescription() {
        return "The outbox refused the code.";
    }

    @Override
    public String noun() {
        return "outbox";
    }

    @Override
    public boolean confirm(Confirmation confirmation) {
        confirmation.user().setSingleAttribute("outbox", confirmation.destination());
        confirmation.user().setSingleAttribute("outboxVerified", "true");
        return true;
    }
}
