package io.github.otpverification.bench;


import io.github.otpverification.code.CodeBinding;
import io.github.otpverification.code.CodeCheck;
import io.github.otpverification.code.CodeEngine;
import io.github.otpverification.code.CodeHasher;
import io.github.otpverification.code.CodePolicy;
import io.github.otpverification.code.IssuedCode;
import io.github.otpverification.code.PendingCode;
import io.github.otpverification.code.PendingCodeStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Scenario 3, in this JVM: what the code check itself costs. {@link CodeEngine#check} of a right
 * code (normalising, HMAC-SHA-256 over the binding, salt and code, constant-time comparison, the
 * store's attempt and consume calls on a store that does nothing), and the same with the key
 * derivation the server does per check ({@code RealmCodeKeys}: one more HMAC), timed by this
 * thread's CPU clock after a warm-up.
 */
final class CodeCheckLoop {

    /** Nanoseconds of CPU per call. */
    record Result(int checks, double checkNanos, double deriveAndCheckNanos, double issueNanos) {
    }

    private static final String DERIVATION_LABEL = "keycloak-otp-verification/code-hash/v1";

    private final CodeEngine engine = new CodeEngine();
    private final CodeBinding binding = new CodeBinding("5f0c7d52-8d5e-4b53-9a77-6f1f2c0e9a11",
            "2b8e4c1a-93d7-4f6e-b0a5-7c3d9e1f4a62", "email", "login", "api-000001@bench.test");
    private final CodePolicy policy = CodePolicy.DEFAULTS;
    private final byte[] realmKey = new byte[64];
    private long sink;

    CodeCheckLoop() {
        new SecureRandom().nextBytes(realmKey);
    }

    Result run(int checks) throws Exception {
        CodeHasher hasher = derive();
        IssuedCode issued = engine.issue(policy, hasher, binding, 1_700_000_000L);
        NoOpStore store = new NoOpStore(issued.pending());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < 3; warm++) {
            checks(checks / 2, hasher, issued, store, false);
            checks(checks / 2, hasher, issued, store, true);
            issues(checks / 2, hasher);
        }
        long start = threads.getCurrentThreadCpuTime();
        checks(checks, hasher, issued, store, false);
        long checkOnly = threads.getCurrentThreadCpuTime() - start;
        start = threads.getCurrentThreadCpuTime();
        checks(checks, hasher, issued, store, true);
        long withDerivation = threads.getCurrentThreadCpuTime() - start;
        start = threads.getCurrentThreadCpuTime();
        issues(checks, hasher);
        long issuing = threads.getCurrentThreadCpuTime() - start;
        if (sink == 42) {
            System.out.println();
        }
        return new Result(checks, checkOnly / (double) checks, withDerivation / (double) checks, issuing / (double) checks);
    }

    private void checks(int count, CodeHasher hasher, IssuedCode issued, NoOpStore store, boolean derivePerCheck)
            throws Exception {
        for (int i = 0; i < count; i++) {
            CodeHasher used = derivePerCheck ? derive() : hasher;
            CodeCheck check = engine.check(issued.pending(), store, used, binding, policy, issued.code(), 1_700_000_100L);
            if (check.outcome() != CodeCheck.Outcome.VERIFIED) {
                throw new IllegalStateException("the right code did not verify: " + check);
            }
            sink += check.attemptsLeft();
        }
    }

    private void issues(int count, CodeHasher hasher) {
        for (int i = 0; i < count; i++) {
            sink += engine.issue(policy, hasher, binding, 1_700_000_000L).pending().hash().length();
        }
    }

    /** What RealmCodeKeys does per request: HMAC-SHA-256 of a label under the realm's HS512 key. */
    private CodeHasher derive() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(realmKey, "HmacSHA256"));
        return new CodeHasher("kid", mac.doFinal(DERIVATION_LABEL.getBytes(StandardCharsets.UTF_8)));
    }

    /** Grants every attempt and every consume: only the engine's own work is timed. */
    private static final class NoOpStore implements PendingCodeStore {
        private final PendingCode pending;

        NoOpStore(PendingCode pending) {
            this.pending = pending;
        }

        @Override
        public PendingCode load() {
            return pending;
        }

        @Override
        public void save(PendingCode code, String destination, boolean staged) {
        }

        @Override
        public void remove() {
        }

        @Override
        public int claimAttempt(PendingCode code) {
            return code.attemptsLeft() - 1;
        }

        @Override
        public boolean consume(PendingCode code) {
            return true;
        }
    }
}
