package io.github.otpverification.code;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A stored pending code (session note or single-use-object entry) reads back as it was written;
 * anything else stored under its key reads as "no code", never an exception.
 */
class PendingCodePropertiesTest {

    @Property(tries = 1000)
    void aStoredCodeIsReadBackAsItWasWritten(@ForAll("parts") String keyId, @ForAll("parts") String salt, @ForAll("parts") String hash,
                                             @ForAll long issuedAt, @ForAll long expiresAt, @ForAll int attemptsLeft) {
        PendingCode code = new PendingCode(keyId, salt, hash, issuedAt, expiresAt, attemptsLeft);

        assertEquals(code, PendingCode.parse(code.serialize()));
    }

    @Property(tries = 1000)
    void anythingElseReadsAsNoCodeOrACode(@ForAll("stored") String stored) {
        PendingCode parsed = PendingCode.parse(stored);

        if (parsed != null) {
            assertEquals(parsed, PendingCode.parse(parsed.serialize()));
        }
    }

    /** Key ids, salts and hashes are base64url or hex: never the separator. */
    @Provide
    Arbitrary<String> parts() {
        return Arbitraries.strings().alpha().numeric().withChars("-_=+/").ofMaxLength(64);
    }

    @Provide
    Arbitrary<String> stored() {
        Arbitrary<String> field = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.longs().map(Object::toString)),
                Tuple.of(2, parts()), Tuple.of(1, Arbitraries.strings().all().ofMaxLength(8)),
                Tuple.of(1, Arbitraries.of("", "v1", "v2", "-", "9223372036854775808", "1e3", " 1", "0x1")));
        return Arbitraries.oneOf(field.list().ofMaxSize(9).map(fields -> String.join("|", fields)),
                field.list().ofMinSize(6).ofMaxSize(6).map(fields -> "v1|" + String.join("|", fields)),
                Arbitraries.strings().all().ofMaxLength(60));
    }
}
