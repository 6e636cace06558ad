package io.github.otpverification.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.code.CodeCheck.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CodeEngineTest {

    private static final long NOW = 1_700_000_000L;
    private final CodeEngine engine = new CodeEngine();
    private final CodeHasher hasher = new CodeHasher("kid-1", "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private final CodeBinding binding = new CodeBinding("realm", "user-1", "email", "login", "a@example.com");
    private final CodePolicy policy = CodePolicy.DEFAULTS;

    @Test
    void issuedCodeFollowsThePolicyAndStoresOnlyAHash() {
        IssuedCode issued = engine.issue(policy, hasher, binding, NOW);

        assertTrue(issued.code().matches("\\d{6}"), issued.code());
        assertFalse(issued.pending().serialize().contains(issued.code()), "the stored form must not contain the code");
        assertEquals(NOW + 300, issued.pending().expiresAt());
        assertEquals(5, issued.pending().attemptsLeft());
        assertEquals("kid-1", issued.pending().keyId());
        assertFalse(issued.toString().contains(issued.code()), "toString must not leak the code");
    }

    @Test
    void rightCodeVerifiesAndIsConsumed() {
        IssuedCode issued = engine.issue(policy, hasher, binding, NOW);

        MemoryCodeStore store = new MemoryCodeStore(issued.pending());

        CodeCheck check = engine.check(issued.pending(), store, hasher, binding, policy, issued.code(), NOW + 10);

        assertEquals(Outcome.VERIFIED, check.outcome());
        assertNull(store.load(), "a verified code must leave the store");
        assertEquals(Outcome.NO_PENDING_CODE,
                engine.check(issued.pending(), store, hasher, binding, policy, issued.code(), NOW + 10).outcome(),
                "a used code must not verify twice");
    }

    @Test
    void spacesAndDashesPeopleTypeAreIgnored() {
        IssuedCode issued = engine.issue(policy, hasher, binding, NOW);
        String spaced = issued.code().substring(0, 3) + " - " + issued.code().substring(3);

        assertEquals(Outcome.VERIFIED, engine.check(issued.pending(), new MemoryCodeStore(issued.pending()), hasher, binding, policy, spaced, NOW).outcome());
    }

    @Test
    void wrongCodeCostsOneAttempt() {
        IssuedCode issued = engine.issue(policy, hasher, binding, NOW);

        MemoryCodeStore store = new MemoryCodeStore(issued.pending());

        CodeCheck check = engine.check(issued.pending(), store, hasher, binding, policy, other(issued.code()), NOW);

        assertEquals(Outcome.WRONG, check.outcome());
        assertEquals(4, check.attemptsLeft());
        assertEquals(4, store.load().attemptsLeft());
    }

    @Test
    void lastWrongAttemptKillsTheCodeAndTheRightCodeNoLongerWorks() {
        IssuedCode issued = engine.issue(policy, hasher, binding, NOW);
        MemoryCodeStore store = new MemoryCodeStore(issued.pending());
        CodeCheck check = null;
        for (int i = 0; i < 5; i++) {
            check = engine.check(store.load(), store, hasher, binding, policy, other(issued.code()), NOW);
        }

        assertEquals(Outcome.ATTEMPTS_EXHAUSTED, check.outcome());
        assertTrue(store.load().isDead());
        assertEquals(Outcome.NO_PENDING_CODE,
                engine.check(store.load(), store, hasher, binding, policy, issued.code(), NOW).outcome());
    }

    @Test
    void expiredCodeIsRefusedEvenWhenRight() {
        IssuedCode issued = engine.issue(policy, hasher, binding, NOW);

        MemoryCodeStore store = new MemoryCodeStore(issued.pending());

        CodeCheck check = engine.check(issued.pending(), store, hasher, binding, policy, issued.code(), NOW + 300);

        assertEquals(Outcome.EXPIRED, check.outcome());
        assertNull(store.load());
    }

    @Test
    void codeIsBoundToUserChannelPurposeAndDestination() {
        IssuedCode issued = engine.issue(policy, hasher, binding, NOW);

        for (CodeBinding other : new CodeBinding[] {
                new CodeBinding("realm", "user-2", "email", "login", "a@example.com"),
                new CodeBinding("realm", "user-1", "sms", "login", "a@example.com"),
                new CodeBinding("realm", "user-1", "email", "verify", "a@example.com"),
                new CodeBinding("realm", "user-1", "email", "login", "b@example.com"),
                new CodeBinding("realm-2", "user-1", "email", "login", "a@example.com")}) {
            assertEquals(Outcome.WRONG, engine.check(issued.pending(), new MemoryCodeStore(issued.pending()), hasher, other, policy, issued.code(), NOW).outcome(),
                    other.toString());
        }
    }

    @Test
    void anotherKeyCannotVerify() {
        IssuedCode issued = engine.issue(policy, hasher, binding, NOW);
        CodeHasher otherKey = new CodeHasher("kid-2", "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));

        assertEquals(Outcome.WRONG, engine.check(issued.pending(), new MemoryCodeStore(issued.pending()), otherKey, binding, policy, issued.code(), NOW).outcome());
    }

    @Test
    void emptyInputCostsNothing() {
        IssuedCode issued = engine.issue(policy, hasher, binding, NOW);

        MemoryCodeStore store = new MemoryCodeStore(issued.pending());

        CodeCheck check = engine.check(issued.pending(), store, hasher, binding, policy, "  ", NOW);

        assertEquals(Outcome.EMPTY, check.outcome());
        assertSame(issued.pending(), store.load());
    }

    @Test
    void parallelChecksOfTheRightCodeVerifyOnce() throws Exception {
        IssuedCode issued = engine.issue(new CodePolicy(6, CodeAlphabet.DIGITS, 300, 20, 30), hasher, binding, NOW);
        MemoryCodeStore store = new MemoryCodeStore(issued.pending());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Outcome>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> engine.check(issued.pending(), store, hasher, binding,
                        policy, issued.code(), NOW).outcome()));
            }
            long verified = 0;
            for (Future<Outcome> result : results) {
                verified += result.get() == Outcome.VERIFIED ? 1 : 0;
            }
            assertEquals(1, verified);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nothingPendingIsReported() {
        assertEquals(Outcome.NO_PENDING_CODE, engine.check(null, new MemoryCodeStore(null), hasher, binding, policy, "123456", NOW).outcome());
    }

    @Test
    void resendWaitsForTheCooldownFromTheLastSend() {
        IssuedCode issued = engine.issue(policy, hasher, binding, NOW);

        assertEquals(30, engine.resendWaitSeconds(issued.pending(), policy, NOW));
        assertEquals(5, engine.resendWaitSeconds(issued.pending(), policy, NOW + 25));
        assertEquals(0, engine.resendWaitSeconds(issued.pending(), policy, NOW + 30));
        assertEquals(0, engine.resendWaitSeconds(null, policy, NOW));
    }

    @Test
    void twoIssuesOfTheSameCodeHashDifferently() {
        PendingCode first = new PendingCode("kid-1", "salt-a", hasher.hash(binding, "salt-a", "123456"), NOW, NOW + 1, 1);
        PendingCode second = new PendingCode("kid-1", "salt-b", hasher.hash(binding, "salt-b", "123456"), NOW, NOW + 1, 1);

        assertNotEquals(first.hash(), second.hash(), "a per-code salt keeps equal codes apart");
    }

    private static String other(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }
}
