package io.github.otpverification.verification;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What sending a message after a blind page's answer costs this node in CPU time of the sending
 * thread, per realm and kind of message, so that a decoy's rehearsal can cost as much: then the
 * requests that follow an unknown account's answer meet a server as busy as after a known one's
 * (docs/architecture.md, "Blind pages and decoys"). Keycloak does the same for an unknown user's
 * password: it hashes a dummy one.
 *
 * <p>The cost is a moving average of the real sends (failed ones included: a mail server that is
 * down makes real sends cheap, and decoys follow), capped at {@link #MAX}. Until a kind's first
 * real send on this node there is nothing to match, and a rehearsal costs what it costs. One
 * instance per node ({@link #NODE}), as Keycloak's node-local caches are.
 */
final class DeliveryCost {

    /** Never more than this per decoy, whatever a slow mail server or gateway made real sends cost. */
    static final long MAX = Duration.ofMillis(50).toNanos();

    /** A bound on the loop, should a thread's CPU clock stop: far more pieces of work than {@link #MAX} holds. */
    static final int MAX_BURNS = 100_000;

    /** Each real send moves the average by 1/{@value #WEIGHT} of its difference to it. */
    static final int WEIGHT = 8;

    static final DeliveryCost NODE = new DeliveryCost(threadCpu(), new Burner());

    /** A clock that does not run: rehearsals are not matched (a JVM without thread CPU time). */
    static final long NO_CLOCK = -1;

    private final ConcurrentMap<String, AtomicLong> averages = new ConcurrentHashMap<>();
    private final LongSupplier cpu;
    private final Runnable burn;

    /**
     * @param cpu  the current thread's CPU time in nanoseconds, or {@link #NO_CLOCK}
     * @param burn a small piece of work that cannot be optimised away, repeated until a decoy has cost enough
     */
    DeliveryCost(LongSupplier cpu, Runnable burn) {
        this.cpu = cpu;
        this.burn = burn;
    }

    /** The current thread's CPU clock, to pass to {@link #sent} or {@link #rehearsed} afterwards. */
    long start() {
        return cpu.getAsLong();
    }

    /** A real message of {@code kind} was sent (or failed) on this thread since {@code started}. */
    void sent(String kind, long started) {
        long now = cpu.getAsLong();
        if (started == NO_CLOCK || now == NO_CLOCK) {
            return;
        }
        long cost = Math.min(now - started, MAX);
        averages.computeIfAbsent(kind, k -> new AtomicLong(cost))
                .accumulateAndGet(cost, (average, latest) -> average + (latest - average) / WEIGHT);
    }

    /**
     * A decoy's message of {@code kind} was rehearsed on this thread since {@code started}: keeps
     * the thread busy until it has cost what a real send of that kind costs.
     */
    void rehearsed(String kind, long started) {
        AtomicLong average = averages.get(kind);
        if (started == NO_CLOCK || average == null) {
            return;
        }
        long until = started + average.get();
        long now = cpu.getAsLong();
        for (int burns = 0; now != NO_CLOCK && now < until && burns < MAX_BURNS; burns++) {
            burn.run();
            now = cpu.getAsLong();
        }
    }

    /** The average cost of a real send of {@code kind} so far, in nanoseconds; 0 before the first. */
    long average(String kind) {
        AtomicLong average = averages.get(kind);
        return average == null ? 0 : average.get();
    }

    private static LongSupplier threadCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            return () -> NO_CLOCK;
        }
        return threads::getCurrentThreadCpuTime; // -1 while thread CPU time is switched off
    }

    /** Hashes a block into itself: about ten microseconds of work the JIT cannot drop. */
    private static final class Burner implements Runnable {

        private static final ThreadLocal<byte[]> BLOCK = ThreadLocal.withInitial(() -> new byte[4096]);

        @Override
        public void run() {
            byte[] block = BLOCK.get();
            MessageDigest digest = sha256();
            digest.update(block);
            byte[] hash = digest.digest();
            System.arraycopy(hash, 0, block, (hash[0] & 0xff) * 8, hash.length);
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JVM", e);
            }
        }
    }
}
