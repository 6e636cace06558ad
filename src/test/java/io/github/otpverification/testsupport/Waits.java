package io.github.otpverification.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.events.Events;

/**
 * Waiting for something that happens after a request (a message sent after the page was answered,
 * its event): the condition is checked again every 20 ms until it holds or the time is up.
 */
public final class Waits {

    private Waits() {
    }

    /** Whether {@code done} held within {@code limit}. */
    public static boolean within(Duration limit, BooleanSupplier done) {
        long until = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return done.getAsBoolean();
            }
        }
        return true;
    }

    /** The first of the realm's events (taken from {@code events} as they come) that matches, within 10 s. */
    public static EventRepresentation event(Events events, Predicate<EventRepresentation> wanted, String what) {
        EventRepresentation[] found = new EventRepresentation[1];
        boolean seen = within(Duration.ofSeconds(10), () -> {
            for (EventRepresentation event = events.poll(); event != null; event = events.poll()) {
                if (wanted.test(event)) {
                    found[0] = event;
                    return true;
                }
            }
            return false;
        });
        if (!seen) {
            throw new AssertionError("no event " + what);
        }
        return found[0];
    }
}
