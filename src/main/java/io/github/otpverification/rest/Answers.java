package io.github.otpverification.rest;

import io.github.otpverification.code.Channel;
import io.github.otpverification.code.CodeCheck;
import io.github.otpverification.code.CodePolicy;
import io.github.otpverification.code.SendResult;
import io.github.otpverification.support.DestinationMask;
import io.github.otpverification.support.OtpEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;

/** The contract's answers to sends and checks, shared by every endpoint group. */
final class Answers {

    private static final String SMS_SEND_FAILED = "sms_send_failed";

    private Answers() {
    }

    private static Map<String, Object> pending(Channel channel, String purpose, String maskedDestination, CodePolicy policy, String code) {
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

    /**
     * The answer to a send, with its event recorded: the pending code's facts, or the error for a
     * refused delivery or a refused send.
     *
     * @param returnedCode the code itself, only when the app asked for it back; else null
     */
    static Map<String, Object> afterSend(SendResult result, EventBuilder event, Channel channel, String purpose,
                                         String destination, CodePolicy policy, String returnedCode) {
        switch (result.outcome()) {
            case SENT -> {
                event.success();
                return pending(channel, purpose, DestinationMask.of(channel, destination), policy, returnedCode);
            }
            case FAILED -> {
                event.detail(Details.REASON, result.reason())
                        .error(channel == Channel.EMAIL ? Errors.EMAIL_SEND_FAILED : SMS_SEND_FAILED);
                throw ApiError.DELIVERY_FAILED.because(channel == Channel.EMAIL
                        ? "The mail server refused the message. No code is pending; try again later."
                        : "The SMS gateway refused the message. No code is pending; try again later.");
            }
            default -> {
                event.detail(Details.REASON, result.outcome() == SendResult.Outcome.COOLDOWN
                        ? "resend cooldown" : "hourly send limit reached").error(OtpEvents.TOO_MANY_REQUESTS);
                throw tooManyRequests(result);
            }
        }
    }

    static ApiException tooManyRequests(SendResult result) {
        String description = result.outcome() == SendResult.Outcome.COOLDOWN
                ? "A code was sent a moment ago. Wait before asking for a new one."
                : "Too many codes were sent. Try again later.";
        return ApiError.TOO_MANY_REQUESTS.because(description).retryAfter(result.waitSeconds());
    }
}
