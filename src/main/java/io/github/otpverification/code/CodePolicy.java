package io.github.otpverification.code;

/**
 * How codes are made and how long they live: the realm settings (docs/settings.md) that every channel
 * and entry point shares.
 */
public record CodePolicy(int length, CodeAlphabet alphabet, int ttlSeconds, int maxAttempts, int resendCooldownSeconds) {

    public static final int MIN_LENGTH = 4;
    public static final int MAX_LENGTH = 10;
    public static final int MIN_TTL_SECONDS = 30;
    public static final int MAX_TTL_SECONDS = 86400;
    public static final int MIN_ATTEMPTS = 1;
    public static final int MAX_ATTEMPTS = 20;
    public static final int MIN_COOLDOWN_SECONDS = 0;
    public static final int MAX_COOLDOWN_SECONDS = 3600;

    /** 6 digits, 300 s, 5 attempts, 30 s resend cooldown. */
    public static final CodePolicy DEFAULTS = new CodePolicy(6, CodeAlphabet.DIGITS, 300, 5, 30);

    public CodePolicy {
        requireWithin("length", length, MIN_LENGTH, MAX_LENGTH);
        requireWithin("ttlSeconds", ttlSeconds, MIN_TTL_SECONDS, MAX_TTL_SECONDS);
        requireWithin("maxAttempts", maxAttempts, MIN_ATTEMPTS, MAX_ATTEMPTS);
        requireWithin("resendCooldownSeconds", resendCooldownSeconds, MIN_COOLDOWN_SECONDS, MAX_COOLDOWN_SECONDS);
        if (alphabet == null) {
            throw new IllegalArgumentException("alphabet is required");
        }
    }

    private static void requireWithin(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", was " + value);
        }
    }
}
