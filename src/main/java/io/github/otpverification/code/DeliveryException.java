package io.github.otpverification.code;

/** Mail or SMS delivery failed. The message is a reason fit for admins and events, never the code. */
public class DeliveryException extends Exception {

    public DeliveryException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
