package io.github.otpverification.support;

import io.github.otpverification.code.Channel;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;

/** Event details every send and verify carries. Never the code itself. */
public final class OtpEvents {

    public static final String CHANNEL = "channel";
    public static final String PURPOSE = "purpose";
    public static final String DESTINATION = "destination";

    private OtpEvents() {
    }

    public static EventBuilder describe(EventBuilder event, Channel channel, String purpose, String maskedDestination) {
        return event.detail(CHANNEL, channel.id()).detail(PURPOSE, purpose).detail(DESTINATION, maskedDestination);
    }

    /** A failure reason fit for an event: the cause's class and message, never a stack trace. */
    public static EventBuilder reason(EventBuilder event, Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        String reason = root.getClass().getSimpleName() + message;
        return event.detail(Details.REASON, reason.length() > 200 ? reason.substring(0, 200) : reason);
    }
}
