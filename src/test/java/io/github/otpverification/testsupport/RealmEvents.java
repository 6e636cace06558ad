package io.github.otpverification.testsupport;

import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** Reads the realm's stored user and admin events. */
public final class RealmEvents {

    private RealmEvents() {
    }

    /** The newest event of the type, waiting up to 5 s for it to be stored. */
    public static EventRepresentation await(ManagedRealm realm, String type) {
        return await(realm, event -> type.equals(event.getType()), type + " event");
    }

    /** The newest event that matches, waiting up to 5 s for it to be stored. */
    public static EventRepresentation await(ManagedRealm realm, Predicate<EventRepresentation> matches, String what) {
        return poll(() -> realm.admin().getEvents(), matches, what);
    }

    /** The newest admin event that matches, waiting up to 5 s for it to be stored. */
    public static AdminEventRepresentation awaitAdmin(ManagedRealm realm, Predicate<AdminEventRepresentation> matches, String what) {
        return poll(() -> realm.admin().getAdminEvents(), matches, what);
    }

    private static <T> T poll(Supplier<List<T>> events, Predicate<T> matches, String what) {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            for (T event : events.get()) {
                if (matches.test(event)) {
                    return event;
                }
            }
            LockSupport.parkNanos(100_000_000L);
        }
        throw new AssertionError("no " + what);
    }
}
