package io.github.otpverification.code;

/** Hands a fresh code to its channel (mail, SMS). */
@FunctionalInterface
public interface CodeDelivery {

    void deliver(String code) throws DeliveryException;
}
