package io.github.otpverification.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.testsupport.MemorySingleUseObjects;
import java.util.List;
import org.junit.jupiter.api.Test;

class SendLimiterTest {

    private static final long HOUR_START = 1_700_002_800L; // a whole hour (divisible by 3600)
    private final SendLimiter limiter = new SendLimiter(new MemorySingleUseObjects(), "realm");
    private final List<SendLimit> cap = List.of(new SendLimit("destination", "+4915112345678", 10));

    @Test
    void theCapHoldsWithinAnHour() {
        for (int i = 0; i < 10; i++) {
            assertEquals(0, limiter.tryAcquire(cap, HOUR_START + 60 + i));
        }
        assertTrue(limiter.tryAcquire(cap, HOUR_START + 120) > 0);
    }

    @Test
    void theHourSlidesSoACapCannotBeDoubledAcrossTheHourBoundary() {
        for (int i = 0; i < 10; i++) {
            assertEquals(0, limiter.tryAcquire(cap, HOUR_START + 3540 + i), "ten sends in the last minute of an hour");
        }
        int justAfter = 0;
        while (justAfter < 20 && limiter.tryAcquire(cap, HOUR_START + 3630) == 0) {
            justAfter++;
        }
        assertEquals(0, justAfter, "30 s into the next hour the previous ten still count (their share of the last 60 minutes, rounded up)");

        int later = 0;
        while (later < 20 && limiter.tryAcquire(cap, HOUR_START + 2 * 3600 - 60) == 0) {
            later++;
        }
        assertEquals(9, later, "near the end of the next hour the earlier ten have slid out, less than one still counts");
    }

    @Test
    void aSingleSendJustBeforeTheHourStillCountsJustAfterIt() {
        List<SendLimit> one = List.of(new SendLimit("user", "u1", 1));
        assertEquals(0, limiter.tryAcquire(one, HOUR_START + 3599 - 29));

        assertTrue(limiter.tryAcquire(one, HOUR_START + 3600 + 2) > 0, "a cap of one is one, across the hour too");
    }
}
