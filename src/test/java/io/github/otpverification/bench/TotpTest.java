package io.github.otpverification.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B, SHA-1 column (8 digits there: the last 6 are this class's code). */
    @Test
    void matchesTheRfcTestVectors() {
        String secret = "12345678901234567890";
        assertEquals("287082", Totp.code(secret, Totp.step(59_000)));
        assertEquals("081804", Totp.code(secret, Totp.step(1_111_111_109_000L)));
        assertEquals("050471", Totp.code(secret, Totp.step(1_111_111_111_000L)));
        assertEquals("005924", Totp.code(secret, Totp.step(1_234_567_890_000L)));
        assertEquals("279037", Totp.code(secret, Totp.step(2_000_000_000_000L)));
    }
}
