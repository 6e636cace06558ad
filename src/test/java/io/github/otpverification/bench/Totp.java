package io.github.otpverification.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 6238 time-based one-time passwords as Keycloak's default OTP policy makes them (HmacSHA1,
 * 6 digits, 30 s steps), for the benchmark's users of {@code bench-totp}. Their secret is a
 * known ASCII string; a credential stored without {@code secretEncoding} keys Keycloak's HMAC with
 * the string's UTF-8 bytes, and so does this class.
 */
final class Totp {

    static final int PERIOD_SECONDS = 30;
    static final int DIGITS = 6;
    static final String ALGORITHM = "HmacSHA1";

    private Totp() {
    }

    /** The known secret of bench user {@code username} (at least 20 bytes, as RFC 4226 asks). */
    static String secretOf(String username) {
        return "bench-totp-secret-" + username;
    }

    /** The 30 s step that {@code epochMillis} falls in. */
    static long step(long epochMillis) {
        return epochMillis / 1000 / PERIOD_SECONDS;
    }

    /** The code of {@code secret} in time step {@code step} (RFC 4226 dynamic truncation). */
    static String code(String secret, long step) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(step).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%0" + DIGITS + "d", binary % (int) Math.pow(10, DIGITS));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code credentialData} of a Keycloak TOTP credential with these parameters (no secret encoding: UTF-8). */
    static String credentialData() {
        return "{\"subType\":\"totp\",\"digits\":" + DIGITS + ",\"counter\":0,\"period\":" + PERIOD_SECONDS
                + ",\"algorithm\":\"" + ALGORITHM + "\"}";
    }
}
