package io.github.otpverification.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesUseTheNearestRank() {
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) {
            latencies.add(ms * 1_000_000L);
        }

        assertEquals(50.0, latencies.percentileMillis(50));
        assertEquals(95.0, latencies.percentileMillis(95));
        assertEquals(99.0, latencies.percentileMillis(99));
        assertEquals(100.0, latencies.percentileMillis(100));
        assertEquals(50.5, latencies.meanMillis(), 1e-9);
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        Latencies latencies = new Latencies();
        latencies.add(7_000_000L);

        assertEquals(7.0, latencies.percentileMillis(50));
        assertEquals(7.0, latencies.percentileMillis(99));
    }

    @Test
    void noSamplesGiveNoPercentile() {
        assertTrue(Double.isNaN(new Latencies().percentileMillis(50)));
    }

    @Test
    void mergedSamplesCountOnce() {
        Latencies a = new Latencies();
        Latencies b = new Latencies();
        for (int i = 0; i < 2000; i++) {
            a.add(1_000_000L);
            b.add(3_000_000L);
        }
        a.addAll(b);

        assertEquals(4000, a.count());
        assertEquals(1.0, a.percentileMillis(50));
        assertEquals(3.0, a.percentileMillis(51));
    }
}
