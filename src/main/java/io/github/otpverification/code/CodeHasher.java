package io.github.otpverification.code;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash of a code: HMAC-SHA-256 over the code bound to where it may be used (realm, user,
 * channel, purpose, destination) and a per-code salt. Only this hash is ever stored.
 */
public final class CodeHasher {

    private static final String ALGORITHM = "HmacSHA256";

    private final String keyId;
    private final SecretKeySpec key;

    public CodeHasher(String keyId, byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("HMAC key must have at least 16 bytes");
        }
        this.keyId = keyId;
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** Which key made the hash, so that codes survive a rotation of the realm's keys. */
    public String keyId() {
        return keyId;
    }

    public String hash(CodeBinding binding, String salt, String code) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(binding.canonical().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(salt.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] digest = mac.doFinal(code.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    /** The keyed hash of any text (e.g. the phone number a user confirmed), Base64url. */
    public String mac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
    }

    /** Constant-time comparison of two hashes. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    /** Constant-time comparison of the stored hash with the hash of what was typed. */
    public boolean matches(String storedHash, CodeBinding binding, String salt, String typedCode) {
        byte[] expected = storedHash.getBytes(StandardCharsets.US_ASCII);
        byte[] actual = hash(binding, salt, typedCode).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }
}
