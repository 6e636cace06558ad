package io.github.otpverification.channel;

import io.github.otpverification.code.DeliveryException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * A code's message, rendered in the request that asked for it (the login's language and theme)
 * and not yet sent. Sending is the slow part (SMTP, the SMS gateway): it may happen in that
 * request or after it, in a session of its own (docs/architecture.md, "Delivery").
 */
public interface OutgoingMessage {

    /** Hands the message to the mail server or gateway of {@code realm}, with {@code session}'s providers. */
    void send(KeycloakSession session, RealmModel realm) throws DeliveryException;

    /**
     * Does the work of {@link #send} short of handing the message over, and drops it: a decoy's
     * message, after a blind page's answer, costs the server what a real one costs, so that the
     * requests that follow cannot tell the two apart (docs/architecture.md, "Blind pages and
     * decoys"). Never fails and never reaches the network.
     */
    void rehearse(KeycloakSession session, RealmModel realm);
}
