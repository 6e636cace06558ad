package io.github.otpverification.sms;

/** The gateway refused or could not be reached. The message is a reason for admins, never the SMS text. */
public class SmsDeliveryException extends Exception {

    public SmsDeliveryException(String reason) {
        super(reason);
    }

    public SmsDeliveryException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
