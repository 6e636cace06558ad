package io.github.otpverification.code;

/** What became of a request to send a code. */
public record SendResult(Outcome outcome, long waitSeconds, String reason) {

    public enum Outcome {
        /** Delivered; the new code is pending. */
        SENT,
        /** Within the resend cooldown: nothing sent, the old code stays. */
        COOLDOWN,
        /** An hourly send cap is reached: nothing sent. */
        LIMITED,
        /** The channel refused: nothing is pending any more. */
        FAILED
    }

    static SendResult sent() {
        return new SendResult(Outcome.SENT, 0, null);
    }

    static SendResult cooldown(long wait) {
        return new SendResult(Outcome.COOLDOWN, wait, null);
    }

    static SendResult limited(long wait) {
        return new SendResult(Outcome.LIMITED, wait, null);
    }

    static SendResult failed(String reason) {
        return new SendResult(Outcome.FAILED, 0, reason);
    }
}
