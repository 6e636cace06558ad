package io.github.otpverification.verification;

/**
 * What became of a typed code.
 *
 * @param attemptsLeft for WRONG and WRONG_LENGTH: the tries that remain
 * @param value        for WRONG_LENGTH: the code's length; for LOCKED_TEMPORARILY: seconds until the lockout ends
 */
public record CheckOutcome(Kind kind, int attemptsLeft, long value) {

    public enum Kind {
        /** Right: the code is used up and its effect (verified, new contact saved) is done. */
        VERIFIED,
        /** Wrong; attempts remain. */
        WRONG,
        /** Not a code of the right length; costs no attempt. */
        WRONG_LENGTH,
        /** Wrong, and that was the last attempt: the code is dead. */
        ATTEMPTS_EXHAUSTED,
        EXPIRED,
        /** Nothing to check: never sent, used, dead, or sent to a destination that has changed since. */
        NO_PENDING_CODE,
        /** Nothing typed; costs no attempt. */
        EMPTY,
        /** Right, but the new address can no longer be saved (another account took it meanwhile). */
        CONFLICT,
        LOCKED_TEMPORARILY,
        LOCKED_PERMANENTLY,
        DISABLED
    }

    static CheckOutcome of(Kind kind) {
        return new CheckOutcome(kind, 0, 0);
    }
}
