package io.github.otpverification.code;

import java.util.Locale;

/**
 * Where a code may be used. The hash covers all of it, so a code issued for one user, channel,
 * purpose or address never verifies for another.
 */
public record CodeBinding(String realmId, String subject, String channel, String purpose, String destination) {

    public CodeBinding {
        if (realmId == null || subject == null || channel == null || purpose == null || destination == null) {
            throw new IllegalArgumentException("every part of a code binding is required");
        }
    }

    String canonical() {
        return String.join("\n", realmId, subject, channel, purpose,
                destination.toLowerCase(Locale.ROOT));
    }
}
