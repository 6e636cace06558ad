package io.github.otpverification.rest;

import io.github.otpverification.code.Channel;
import io.github.otpverification.code.CodePolicy;
import io.github.otpverification.code.SendResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** The contract's answers to a send: the pending code's facts, or a 429 saying when to try again. */
final class SendAnswers {

    private SendAnswers() {
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

    static ApiException tooManyRequests(SendResult result) {
        String description = result.outcome() == SendResult.Outcome.COOLDOWN
                ? "A code was sent a moment ago. Wait before asking for a new one."
                : "Too many codes were sent. Try again later.";
        return ApiError.TOO_MANY_REQUESTS.because(description).retryAfter(result.waitSeconds());
    }
}
