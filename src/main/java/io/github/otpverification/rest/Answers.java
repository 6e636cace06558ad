package io.github.otpverification.rest;

import io.github.otpverification.channel.Channel;
import io.github.otpverification.verification.CheckOutcome;
import io.github.otpverification.verification.SendOutcome;
import io.github.otpverification.verification.Verification;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API's answers to the verification service's outcomes, for every endpoint group. */
final class Answers {

    private Answers() {
    }

    /** The answer to a send: the pending code's facts, or the error of a refusal. */
    static Map<String, Object> afterSend(Verification v, SendOutcome sent) {
        if (sent.kind() != SendOutcome.Kind.SENT) {
            throw refused(v.channel(), sent);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "pending");
        body.put("channel", v.channel().id());
        body.put("purpose", v.purpose());
        body.put("destination", v.channel().mask(v.destination()));
        body.put("expiresIn", v.policy().ttlSeconds());
        body.put("resendIn", v.policy().resendCooldownSeconds());
        body.put("attemptsRemaining", v.policy().maxAttempts());
        if (sent.returnedCode() != null) {
            body.put("code", sent.returnedCode());
        }
        return body;
    }

    /** The answer to a check: approved, or the error of a code that did not verify. */
    static Map<String, Object> afterCheck(Verification v, CheckOutcome check) {
        return switch (check.kind()) {
            case VERIFIED -> approved(v.channel());
            case WRONG -> throw ApiError.INVALID_CODE.because("The code is wrong.").with("attemptsRemaining", check.attemptsLeft());
            case WRONG_LENGTH -> throw ApiError.INVALID_CODE.because("The code has " + check.value() + " characters; "
                    + "this try did not count.").with("attemptsRemaining", check.attemptsLeft());
            case ATTEMPTS_EXHAUSTED -> throw ApiError.MAX_ATTEMPTS_REACHED.because(
                    "Too many wrong codes: this code no longer works. Send a new one.");
            case EMPTY -> throw ApiError.INVALID_REQUEST.because("'code' must not be empty.");
            case CONFLICT -> throw ApiError.INVALID_EMAIL.because("This email address is already used by another account.");
            case LOCKED_TEMPORARILY -> throw lockedTemporarily(check.value());
            case LOCKED_PERMANENTLY -> throw lockedPermanently();
            case DISABLED -> throw disabled();
            case NO_PENDING_CODE, EXPIRED -> throw noPendingCode();
        };
    }

    static Map<String, Object> approved(Channel channel) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "approved");
        body.put("channel", channel.id());
        body.put("verified", true);
        return body;
    }

    static ApiException noPendingCode() {
        return ApiError.NO_PENDING_CODE.because("There is no pending code for this channel and purpose: it was never sent, "
                + "was used, has expired or has no attempts left. Send a new one.");
    }

    /** The error for a send that did not happen. */
    static ApiException refused(Channel channel, SendOutcome sent) {
        return switch (sent.kind()) {
            case COOLDOWN -> ApiError.TOO_MANY_REQUESTS.because("A code was sent a moment ago. Wait before asking for a new one.")
                    .retryAfter(sent.waitSeconds());
            case LIMITED -> ApiError.TOO_MANY_REQUESTS.because("Too many codes were sent. Try again later.")
                    .retryAfter(sent.waitSeconds());
            case FAILED -> ApiError.DELIVERY_FAILED.because(channel.deliveryFailedDescription());
            case EMAIL_FIRST -> ApiError.EMAIL_NOT_VERIFIED.because(
                    "This realm requires a verified email address before a phone number.");
            case REFUSED_DESTINATION -> ApiError.INVALID_PHONE_NUMBER.because(ContactChange.phoneRefusal(sent.refusal()));
            case LOCKED_TEMPORARILY -> lockedTemporarily(sent.waitSeconds());
            case LOCKED_PERMANENTLY -> lockedPermanently();
            case DISABLED -> disabled();
            case SENT, PENDING -> throw new IllegalArgumentException(sent.kind() + " is not a refusal");
        };
    }

    private static ApiException lockedTemporarily(long seconds) {
        // Also while another attempt for the same user is in progress (Keycloak's blocking brute-force check).
        return ApiError.TOO_MANY_REQUESTS.because("Too many attempts for this user: try again later.").retryAfter(seconds);
    }

    private static ApiException lockedPermanently() {
        return ApiError.FORBIDDEN.because("This user is locked out after too many failed attempts.");
    }

    private static ApiException disabled() {
        return ApiError.FORBIDDEN.because("This user is disabled.");
    }
}
