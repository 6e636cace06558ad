package io.github.otpverification.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A decoy's rehearsal costs the node what a real send of the same kind costs, on a CPU clock the
 * test moves itself (the times are measured in the benchmark, not here).
 */
class DeliveryCostTest {

    private static final String MAIL = "realm-1/RenderedMail";
    private static final long MS = Duration.ofMillis(1).toNanos();

    /** The thread's CPU clock of the test: the "sends" advance it, and each piece of burnt work adds 0.1 ms. */
    private long clock = 1_000 * MS;
    private int burnt;
    private final DeliveryCost cost = new DeliveryCost(() -> clock, () -> {
        burnt++;
        clock += MS / 10;
    });

    @Test
    void aRehearsalIsKeptBusyUntilItHasCostWhatARealSendCosts() {
        realSend(MAIL, 6 * MS);

        long started = cost.start();
        clock += MS; // building the mail for the wire
        cost.rehearsed(MAIL, started);

        assertEquals(6 * MS, clock - started);
        assertEquals(50, burnt);
    }

    @Test
    void aRehearsalThatCostsMoreAlreadyIsNotMadeLonger() {
        realSend(MAIL, 2 * MS);

        long started = cost.start();
        clock += 3 * MS;
        cost.rehearsed(MAIL, started);

        assertEquals(0, burnt);
    }

    @Test
    void beforeTheFirstRealSendThereIsNothingToMatch() {
        long started = cost.start();
        clock += MS;
        cost.rehearsed(MAIL, started);

        assertEquals(0, burnt);
        assertEquals(0, cost.average(MAIL));
    }

    @Test
    void eachRealmAndKindOfMessageIsMatchedApart() {
        realSend(MAIL, 6 * MS);
        realSend("realm-1/TextMessage", 3 * MS);

        long started = cost.start();
        cost.rehearsed("realm-2/RenderedMail", started);
        assertEquals(0, burnt);

        cost.rehearsed("realm-1/TextMessage", started);
        assertEquals(3 * MS, clock - started);
    }

    @Test
    void theAverageFollowsTheRealSendsAnEighthAtATime() {
        realSend(MAIL, 8 * MS);
        assertEquals(8 * MS, cost.average(MAIL));

        realSend(MAIL, 16 * MS);
        assertEquals(9 * MS, cost.average(MAIL));

        realSend(MAIL, 1 * MS);
        assertEquals(8 * MS, cost.average(MAIL));
    }

    @Test
    void aSlowRealSendCountsNoMoreThanTheCap() {
        realSend(MAIL, 10_000 * MS); // a mail server that kept the thread busy for ten seconds

        assertEquals(DeliveryCost.MAX, cost.average(MAIL));
    }

    @Test
    void aClockThatStopsEndsTheWorkAfterABoundedNumberOfPieces() {
        DeliveryCost stopped = new DeliveryCost(() -> clock, () -> burnt++); // burning does not move this clock
        stopped.sent(MAIL, clock - 6 * MS);

        stopped.rehearsed(MAIL, stopped.start());

        assertEquals(DeliveryCost.MAX_BURNS, burnt);
    }

    @Test
    void withoutAThreadCpuClockNothingIsMatched() {
        DeliveryCost clockless = new DeliveryCost(() -> DeliveryCost.NO_CLOCK, () -> burnt++);
        clockless.sent(MAIL, clockless.start());
        clockless.rehearsed(MAIL, clockless.start());

        assertEquals(0, clockless.average(MAIL));
        assertEquals(0, burnt);
    }

    @Test
    void onThisJvmARehearsalReallyUsesTheCpuTimeOfARealSend() {
        var threads = ManagementFactory.getThreadMXBean();
        String kind = "test-realm/" + getClass().getName();
        long sendStarted = DeliveryCost.NODE.start();
        DeliveryCost.NODE.sent(kind, sendStarted - 3 * MS); // a real send that cost 3 ms of this thread's CPU, at least

        long started = threads.getCurrentThreadCpuTime();
        DeliveryCost.NODE.rehearsed(kind, DeliveryCost.NODE.start());
        long spent = threads.getCurrentThreadCpuTime() - started;

        assertTrue(DeliveryCost.NODE.average(kind) >= 3 * MS);
        assertTrue(spent >= DeliveryCost.NODE.average(kind), "the rehearsal used " + spent + " ns of CPU");
    }

    private void realSend(String kind, long cpuNanos) {
        long started = cost.start();
        clock += cpuNanos;
        cost.sent(kind, started);
    }
}
