package io.github.otpverification.verification;

import io.github.otpverification.channel.OutgoingMessage;
import io.github.otpverification.code.DeliveryException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Sends the messages the service prepared: in the request, so that a failure can be answered, or
 * after it, when the answer must not depend on the mail server or gateway at all (pages that must
 * not tell whether an account exists: docs/security.md, "No account enumeration").
 */
interface Courier {

    void sendNow(OutgoingMessage message) throws DeliveryException;

    /** Sends once the request's transaction has committed; a failure is then only recorded. */
    void sendAfterRequest(OutgoingMessage message, LateFailure onFailure);

    /** A decoy's message: {@link OutgoingMessage#rehearse rehearsed} where and when a real one would be sent. */
    void rehearseAfterRequest(OutgoingMessage message);

    /** Records a failure of a message sent after its request (log, event, metrics), in the sending session. */
    @FunctionalInterface
    interface LateFailure {
        void record(KeycloakSession session, RealmModel realm, DeliveryException failure);
    }
}
