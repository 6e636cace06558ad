package io.github.otpverification.code;

import io.github.otpverification.code.CodeCheck.Outcome;

/**
 * The one code engine all channels and entry points share: issues codes, checks typed codes
 * against pending ones (attempt limits, lifetime, single use) and tells when a resend is allowed.
 * Storage and time are the caller's (the store referees attempts and single use), so the same
 * rules hold in a login flow, a required action and the REST API.
 */
public final class CodeEngine {

    private final CodeGenerator generator;

    public CodeEngine() {
        this(new CodeGenerator());
    }

    public CodeEngine(CodeGenerator generator) {
        this.generator = generator;
    }

    public IssuedCode issue(CodePolicy policy, CodeHasher hasher, CodeBinding binding, long now) {
        String code = generator.generate(policy);
        String salt = generator.salt();
        PendingCode pending = new PendingCode(hasher.keyId(), salt, hasher.hash(binding, salt, code),
                now, now + policy.ttlSeconds(), policy.maxAttempts());
        return new IssuedCode(code, pending);
    }

    /**
     * Checks a typed code. An attempt is claimed from the store before the comparison, so
     * parallel guesses can never try more codes than the attempt limit allows, and a right code
     * counts only for the one caller that consumes it.
     */
    public CodeCheck check(PendingCode pending, PendingCodeStore store, CodeHasher hasher, CodeBinding binding,
                           CodePolicy policy, String typed, long now) {
        String code = policy.alphabet().normalize(typed);
        if (code.isEmpty()) {
            return CodeCheck.of(Outcome.EMPTY);
        }
        if (pending == null || pending.isDead() || hasher == null) {
            return CodeCheck.of(Outcome.NO_PENDING_CODE);
        }
        if (pending.isExpired(now)) {
            store.remove();
            return CodeCheck.of(Outcome.EXPIRED);
        }
        if (code.length() != policy.length()) {
            // A slip of the finger, not a guess: it costs no attempt.
            return new CodeCheck(Outcome.WRONG_LENGTH, store.attemptsLeft(pending));
        }
        int attemptsLeft = store.claimAttempt(pending);
        if (attemptsLeft < 0) {
            return CodeCheck.of(Outcome.NO_PENDING_CODE);
        }
        if (hasher.matches(pending.hash(), binding, pending.salt(), code)) {
            return store.consume(pending) ? CodeCheck.of(Outcome.VERIFIED) : CodeCheck.of(Outcome.NO_PENDING_CODE);
        }
        return attemptsLeft > 0 ? new CodeCheck(Outcome.WRONG, attemptsLeft) : CodeCheck.of(Outcome.ATTEMPTS_EXHAUSTED);
    }

    /** Seconds until another code may be sent; 0 when a send is allowed now. */
    public long resendWaitSeconds(PendingCode pending, CodePolicy policy, long now) {
        if (pending == null) {
            return 0;
        }
        return Math.max(0, pending.issuedAt() + policy.resendCooldownSeconds() - now);
    }
}
