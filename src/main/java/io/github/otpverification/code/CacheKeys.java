package io.github.otpverification.code;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Parts of single-use-object keys: user ids, addresses and numbers never appear in a cache key in plain. */
public final class CacheKeys {

    private CacheKeys() {
    }

    /** The first 128 bits of the value's SHA-256, in hex. */
    public static String digest(String value) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
