package io.github.otpverification.code;

/** The outcome of checking a typed code against a pending one. */
public record CodeCheck(Outcome outcome, int attemptsLeft) {

    public enum Outcome {
        /** The code matched: it is consumed and must be removed from the store. */
        VERIFIED,
        /** Wrong code; {@code attemptsLeft} more tries remain. */
        WRONG,
        /** Not as long as a code; costs no attempt ({@code attemptsLeft}: what remains). */
        WRONG_LENGTH,
        /** Wrong code that used the last attempt: the code is now dead. */
        ATTEMPTS_EXHAUSTED,
        /** The code's lifetime is over. */
        EXPIRED,
        /** Nothing to check against: never issued, used, or dead. */
        NO_PENDING_CODE,
        /** Nothing was typed; costs no attempt. */
        EMPTY
    }

    static CodeCheck of(Outcome outcome) {
        return new CodeCheck(outcome, 0);
    }
}
