package io.github.otpverification.testsupport;

import java.util.concurrent.locks.LockSupport;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** Reads the realm's stored user events. */
public final class RealmEvents {

    private RealmEvents() {
    }

    /** The newest event of the type, waiting up to 5 s for it to be stored. */
    public static EventRepresentation await(ManagedRealm realm, String type) {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            for (EventRepresentation event : realm.admin().getEvents()) {
                if (type.equals(event.getType())) {
                    return event;
                }
            }
            LockSupport.parkNanos(100_000_000L);
        }
        throw new AssertionError("no " + type + " event");
    }
}
