package io.github.otpverification.code;

/**
 * A code waiting to be confirmed, as it is stored: never the code itself, only its keyed hash.
 * Times are epoch seconds. A dead code (no attempts left) is kept until it expires so that the
 * resend cooldown still applies to it.
 */
public record PendingCode(String keyId, String salt, String hash, long issuedAt, long expiresAt, int attemptsLeft) {

    private static final String VERSION = "v1";
    private static final String SEPARATOR = "|";

    public boolean isExpired(long now) {
        return now >= expiresAt;
    }

    public boolean isDead() {
        return attemptsLeft <= 0;
    }

    public PendingCode withAttemptsLeft(int attempts) {
        return new PendingCode(keyId, salt, hash, issuedAt, expiresAt, attempts);
    }

    /** Compact form for an authentication-session note or a single-use-object entry. */
    public String serialize() {
        return String.join(SEPARATOR, VERSION, keyId, salt, hash,
                Long.toString(issuedAt), Long.toString(expiresAt), Integer.toString(attemptsLeft));
    }

    /** The stored form read back, or null when it is missing or not ours. */
    public static PendingCode parse(String stored) {
        if (stored == null) {
            return null;
        }
        String[] parts = stored.split("\\|", -1);
        if (parts.length != 7 || !VERSION.equals(parts[0])) {
            return null;
        }
        try {
            return new PendingCode(parts[1], parts[2], parts[3],
                    Long.parseLong(parts[4]), Long.parseLong(parts[5]), Integer.parseInt(parts[6]));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
