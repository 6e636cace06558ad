package io.github.otpverification.rest;

import io.github.otpverification.code.Channel;
import io.github.otpverification.code.CodeCheck;
import io.github.otpverification.code.CodePolicy;
import io.github.otpverification.code.SendResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** The contract's answers to sends and checks, shared by every endpoint group. */
final class Answers {

    private Answers() {
    }

    /** @param code the code itself, only when the app asked for it back; else null */
    static Map<String, Object> pending(Channel channel, String purpose, String maskedDestination, CodePolicy policy, String code) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "pending");
        body.put("channel", channel.id());
        body.put("purpose", purpose);
        body.put("destination", maskedDestination);
        body.put("expiresIn", policy.ttlSeconds());
        body.put("resendIn", policy.resendCooldownSeconds());
        body.put("attemptsRemaining", policy.maxAttempts());
        if (code != null) {
            body.put("code", code);
        }
        return body;
    }

    static Map<String, Object> approved(Channel channel) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "approved");
        body.put("channel", channel.id());
        body.put("verified", true);
        return body;
    }

    /** The error for a check that did not verify: wrong code, dead code, or nothing (left) to verify. */
    static ApiException notVerified(CodeCheck check) {
        return switch (check.outcome()) {
            case WRONG -> ApiError.INVALID_CODE.because("The code is wrong.").with("attemptsRemaining", check.attemptsLeft());
            case ATTEMPTS_EXHAUSTED -> ApiError.MAX_ATTEMPTS_REACHED.because(
                    "Too many wrong codes: this code no longer works. Send a new one.");
            default -> noPendingCode();
        };
    }

    static ApiException noPendingCode() {
        return ApiError.NO_PENDING_CODE.because("There is no pending code for this channel and purpose: it was never sent, "
                + "was used, has expired or has no attempts left. Send a new one.");
    }

    static ApiException tooManyRequests(SendResult result) {
        String description = result.outcome() == SendResult.Outcome.COOLDOWN
                ? "A code was sent a moment ago. Wait before asking for a new one."
                : "Too many codes were sent. Try again later.";
        return ApiError.TOO_MANY_REQUESTS.because(description).retryAfter(result.waitSeconds());
    }
}
