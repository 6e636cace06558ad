package io.github.otpverification.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PendingCodeTest {

    @Test
    void storedFormReadsBackEqual() {
        PendingCode pending = new PendingCode("kid", "salt", "hash", 10, 310, 5);

        assertEquals(pending, PendingCode.parse(pending.serialize()));
    }

    @Test
    void foreignOrDamagedNotesReadAsNothing() {
        assertNull(PendingCode.parse(null));
        assertNull(PendingCode.parse("123456"));
        assertNull(PendingCode.parse("v1|kid|salt|hash|x|310|5"));
        assertNull(PendingCode.parse("v2|kid|salt|hash|10|310|5"));
    }
}
