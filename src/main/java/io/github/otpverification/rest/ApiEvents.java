package io.github.otpverification.rest;

import io.github.otpverification.code.Channel;
import io.github.otpverification.support.DestinationMask;
import io.github.otpverification.support.OtpEvents;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Audit events of the REST API, in the realm's event store like those of the login pages: the
 * calling client, the user, channel, purpose, masked destination and the operation. Email uses
 * Keycloak's email events; SMS, which has no event type of its own, uses CUSTOM_REQUIRED_ACTION.
 */
final class ApiEvents {

    static final String OPERATION = "operation";
    static final String SMS_ACTION = "sms-code";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ClientModel client;

    ApiEvents(KeycloakSession session, RealmModel realm, ClientModel client) {
        this.session = session;
        this.realm = realm;
        this.client = client;
    }

    EventBuilder send(UserModel user, Channel channel, String purpose, String destination) {
        EventType type = channel == Channel.EMAIL ? EventType.SEND_VERIFY_EMAIL : EventType.CUSTOM_REQUIRED_ACTION;
        return event(type, user, channel, purpose, destination).detail(OPERATION, "send-code");
    }

    EventBuilder verify(UserModel user, Channel channel, String purpose, String destination) {
        EventType type = channel == Channel.EMAIL ? EventType.VERIFY_EMAIL : EventType.CUSTOM_REQUIRED_ACTION;
        return event(type, user, channel, purpose, destination).detail(OPERATION, "verify-code");
    }

    EventBuilder updateEmail(UserModel user, String purpose, String previous, String address) {
        return event(EventType.UPDATE_EMAIL, user, Channel.EMAIL, purpose, address).detail(OPERATION, "verify-code")
                .detail(Details.PREVIOUS_EMAIL, previous).detail(Details.UPDATED_EMAIL, address);
    }

    private EventBuilder event(EventType type, UserModel user, Channel channel, String purpose, String destination) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection()).event(type);
        if (client != null) {
            event.client(client);
        }
        if (user != null) {
            event.user(user);
        }
        if (channel == Channel.SMS) {
            event.detail(Details.CUSTOM_REQUIRED_ACTION, SMS_ACTION);
        }
        return OtpEvents.describe(event, channel, purpose, DestinationMask.of(channel, destination));
    }
}
