package io.github.otpverification.code;

import io.github.otpverification.code.CodeCheck.Outcome;

/**
 * The one code engine all channels and entry points share: issues codes, checks typed codes
 * against pending ones (attempt limits, lifetime, single use) and tells when a resend is allowed.
 * Pure logic: storage and time are the caller's, so the same rules hold in a login flow, a
 * required action and the REST API.
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
     * Checks a typed code. The caller stores {@link #afterCheck} of the result: a wrong code
     * costs an attempt, a verified code must be removed (single use).
     */
    public CodeCheck check(PendingCode pending, CodeHasher hasher, CodeBinding binding,
                           CodeAlphabet alphabet, String typed, long now) {
        String code = alphabet.normalize(typed);
        if (code.isEmpty()) {
            return CodeCheck.of(Outcome.EMPTY);
        }
        if (pending == null || pending.isDead()) {
            return CodeCheck.of(Outcome.NO_PENDING_CODE);
        }
        if (pending.isExpired(now)) {
            return CodeCheck.of(Outcome.EXPIRED);
        }
        if (hasher.matches(pending.hash(), binding, pending.salt(), code)) {
            return CodeCheck.of(Outcome.VERIFIED);
        }
        int attemptsLeft = pending.attemptsLeft() - 1;
        return attemptsLeft > 0 ? new CodeCheck(Outcome.WRONG, attemptsLeft) : CodeCheck.of(Outcome.ATTEMPTS_EXHAUSTED);
    }

    /** The pending code as it must be stored after a check; null when nothing stays pending. */
    public PendingCode afterCheck(PendingCode pending, CodeCheck check) {
        return switch (check.outcome()) {
            case VERIFIED, EXPIRED -> null;
            case WRONG -> pending.withAttemptsLeft(check.attemptsLeft());
            case ATTEMPTS_EXHAUSTED -> pending.withAttemptsLeft(0);
            case NO_PENDING_CODE, EMPTY -> pending;
        };
    }

    /** Seconds until another code may be sent; 0 when a send is allowed now. */
    public long resendWaitSeconds(PendingCode pending, CodePolicy policy, long now) {
        if (pending == null) {
            return 0;
        }
        return Math.max(0, pending.issuedAt() + policy.resendCooldownSeconds() - now);
    }
}
