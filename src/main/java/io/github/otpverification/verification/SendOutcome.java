package io.github.otpverification.verification;

/**
 * What became of asking for a code.
 *
 * @param waitSeconds  for COOLDOWN, LIMITED and LOCKED_TEMPORARILY: whole seconds until it may work
 * @param returnedCode the code itself, only when the caller asked for it back
 * @param refusal      for REFUSED_DESTINATION: the message key of the rule the destination breaks
 */
public record SendOutcome(Kind kind, long waitSeconds, String returnedCode, String refusal) {

    public enum Kind {
        /** Delivered (or handed back); the new code is pending. */
        SENT,
        /** A code is pending already; nothing was sent (a page was shown again). */
        PENDING,
        /** Within the resend cooldown: nothing sent, the old code stays. */
        COOLDOWN,
        /** An hourly send cap is reached: nothing sent. */
        LIMITED,
        /** The mail server or gateway refused: nothing is pending any more. */
        FAILED,
        /** The realm requires a verified email address before a phone number. */
        EMAIL_FIRST,
        /** The realm's rules refuse this destination (e.g. a number from a country not allowed). */
        REFUSED_DESTINATION,
        LOCKED_TEMPORARILY,
        LOCKED_PERMANENTLY,
        DISABLED
    }

    /** Whether a code is waiting to be typed after this. */
    public boolean codePending() {
        return kind == Kind.SENT || kind == Kind.PENDING || kind == Kind.COOLDOWN;
    }

    static SendOutcome of(Kind kind) {
        return new SendOutcome(kind, 0, null, null);
    }

    static SendOutcome waiting(Kind kind, long seconds) {
        return new SendOutcome(kind, seconds, null, null);
    }
}
