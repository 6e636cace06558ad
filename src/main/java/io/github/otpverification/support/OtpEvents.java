package io.github.otpverification.support;

import io.github.otpverification.code.Channel;
import org.keycloak.events.EventBuilder;

/** Event details every send and verify carries. Never the code itself. */
public final class OtpEvents {

    public static final String CHANNEL = "channel";
    public static final String PURPOSE = "purpose";
    public static final String DESTINATION = "destination";
    /** Event error of a send refused by a cooldown or an hourly cap. */
    public static final String TOO_MANY_REQUESTS = "too_many_requests";

    private OtpEvents() {
    }

    public static EventBuilder describe(EventBuilder event, Channel channel, String purpose, String maskedDestination) {
        return event.detail(CHANNEL, channel.id()).detail(PURPOSE, purpose).detail(DESTINATION, maskedDestination);
    }

    /** A failure reason fit for an event: the root cause's class and message, never a stack trace. */
    public static String reasonOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        String reason = root.getClass().getSimpleName() + message;
        return reason.length() > 200 ? reason.substring(0, 200) : reason;
    }
}
