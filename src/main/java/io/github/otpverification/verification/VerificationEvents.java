package io.github.otpverification.verification;

import io.github.otpverification.names.EventNames;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The events of a verification: Keycloak's event types (the channel's), with channel, purpose,
 * masked destination and operation; never the code (docs/flows.md, "Events").
 */
final class VerificationEvents {

    private VerificationEvents() {
    }

    static EventBuilder send(Verification v) {
        return event(v, sendType(v), EventNames.SEND);
    }

    /** Keycloak's own event of a password reset by mail, whatever the channel; else the channel's. */
    private static EventType sendType(Verification v) {
        return Purposes.RESET_CREDENTIALS.equals(v.purpose()) ? EventType.SEND_RESET_PASSWORD : v.channel().sendEvent();
    }

    /** The send event of a message that failed after its request, in the session that sent it. */
    static EventBuilder lateSendFailure(Verification v, KeycloakSession session, RealmModel realm) {
        return describe(v, new EventBuilder(realm, session).event(sendType(v)), EventNames.SEND);
    }

    /** In a login flow the flow's own event (a failed login); elsewhere the channel's verify event. */
    static EventBuilder verify(Verification v) {
        return v.origin().isLoginFlow() ? describe(v, v.events().get(), EventNames.VERIFY)
                : event(v, v.channel().verifyEvent(), EventNames.VERIFY);
    }

    /** A fresh event for what a right code changes (e.g. Keycloak's UPDATE_EMAIL for a new address). */
    static EventBuilder confirmation(Verification v) {
        return event(v, v.channel().verifyEvent(), EventNames.VERIFY);
    }

    static void lockout(EventBuilder event, Lockout.State state) {
        event.error(state == Lockout.State.TEMPORARY ? Errors.USER_TEMPORARILY_DISABLED : Errors.USER_DISABLED);
    }

    private static EventBuilder event(Verification v, EventType type, String operation) {
        return describe(v, v.events().get().event(type), operation);
    }

    private static EventBuilder describe(Verification v, EventBuilder event, String operation) {
        if (v.user() != null) {
            event.user(v.user());
        }
        return v.channel().describe(event).detail(EventNames.CHANNEL, v.channel().id()).detail(EventNames.PURPOSE, v.purpose())
                .detail(EventNames.DESTINATION, v.channel().mask(v.destination())).detail(EventNames.OPERATION, operation);
    }
}
