package io.github.otpverification.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.testsupport.MemorySingleUseObjects;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.keycloak.common.util.Time;
import org.keycloak.models.SingleUseObjectProvider;

class SingleUseObjectCodeStoreTest {

    /** Remembers the lifespan each key was last written with; {@code replace} keeps none (as Keycloak's Infinispan store). */
    private static final class LifespanRecorder extends ForwardingObjects {
        final Map<String, Long> lifespans = new HashMap<>();

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            lifespans.put(key, lifespanSeconds);
            super.put(key, lifespanSeconds, notes);
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            lifespans.put(key, -1L);
            return super.replace(key, notes);
        }
    }

    @Test
    void aCodeKilledByWrongAttemptsKeepsALifespan() {
        LifespanRecorder objects = new LifespanRecorder();
        SingleUseObjectCodeStore store = new SingleUseObjectCodeStore(objects, "realm", "user:1", "email", "verify");
        long now = Time.currentTime();
        PendingCode pending = new PendingCode("kid", "salt", "hash", now, now + 300, 1);
        store.save(pending, "a@example.com", false);

        assertEquals(0, store.claimAttempt(pending), "the last attempt");

        assertTrue(store.load().isDead());
        assertEquals(1, objects.lifespans.size(), "one entry: the code");
        objects.lifespans.forEach((key, seconds) -> assertTrue(seconds > 0 && seconds <= 300,
                "the dead code must still expire, but lives " + seconds + " s"));
    }

    @Test
    void parallelGuessesNeverGetMoreThanTheAttempts() throws Exception {
        MemorySingleUseObjects objects = new MemorySingleUseObjects();
        SingleUseObjectCodeStore store = new SingleUseObjectCodeStore(objects, "realm", "user:1", "sms", "login");
        long now = Time.currentTime();
        PendingCode pending = new PendingCode("kid", "salt", "hash", now, now + 300, 5);
        store.save(pending, "+4915112345678", false);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> claims = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                claims.add(pool.submit((Callable<Integer>) () -> store.claimAttempt(pending)));
            }
            int judged = 0;
            for (Future<Integer> claim : claims) {
                judged += claim.get() >= 0 ? 1 : 0;
            }
            assertEquals(5, judged);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The in-memory store with hooks. */
    private static class ForwardingObjects implements SingleUseObjectProvider {
        private final MemorySingleUseObjects delegate = new MemorySingleUseObjects();

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            delegate.put(key, lifespanSeconds, notes);
        }

        @Override
        public Map<String, String> get(String key) {
            return delegate.get(key);
        }

        @Override
        public Map<String, String> remove(String key) {
            return delegate.remove(key);
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            return delegate.replace(key, notes);
        }

        @Override
        public boolean putIfAbsent(String key, long lifespanInSeconds) {
            return delegate.putIfAbsent(key, lifespanInSeconds);
        }

        @Override
        public boolean contains(String key) {
            return delegate.contains(key);
        }

        @Override
        public void close() {
        }
    }
}
