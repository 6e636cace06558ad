package io.github.otpverification.sms;

import org.keycloak.provider.Provider;

/** Delivers one text message. Providers of the {@code sms-gateway} SPI implement it. */
public interface SmsGateway extends Provider {

    /** Sends the message or throws; a returned call means the gateway accepted it. */
    void send(SmsMessage message) throws SmsDeliveryException;

    @Override
    default void close() {
    }
}
