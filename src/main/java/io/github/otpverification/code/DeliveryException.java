package io.github.otpverification.code;

/** Mail or SMS delivery failed. The message is a reason fit for admins and events, never the code. */
public class DeliveryException extends Exception {

    public DeliveryException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** A failure of a mail server or gateway library: the root cause's class and message, never a stack trace. */
    public static DeliveryException of(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        String reason = root.getClass().getSimpleName() + message;
        return new DeliveryException(reason.length() > 200 ? reason.substring(0, 200) : reason, failure);
    }
}
