package io.github.otpverification.testsupport;

import java.util.HashMap;
import java.util.Map;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** Sets a realm attribute for one test and restores it afterwards. */
public final class RealmAttributes {

    private RealmAttributes() {
    }

    /** Sets the attribute; once the test ends it gets the value it had before this call. Call it once per attribute and test. */
    public static void setWithCleanup(ManagedRealm realm, String name, String value) {
        String original = set(realm, name, value);
        realm.cleanup().add(r -> {
            RealmRepresentation restore = r.toRepresentation();
            Map<String, String> restored = new HashMap<>(restore.getAttributes());
            if (original == null) {
                restored.remove(name);
            } else {
                restored.put(name, original);
            }
            restore.setAttributes(restored);
            r.update(restore);
        });
    }

    /** Sets the attribute and returns its previous value. */
    public static String set(ManagedRealm realm, String name, String value) {
        RealmRepresentation rep = realm.admin().toRepresentation();
        Map<String, String> attributes = rep.getAttributes() == null ? new HashMap<>() : new HashMap<>(rep.getAttributes());
        String original = attributes.put(name, value);
        rep.setAttributes(attributes);
        realm.admin().update(rep);
        return original;
    }
}
