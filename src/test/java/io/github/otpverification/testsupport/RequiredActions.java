package io.github.otpverification.testsupport;

import java.util.Map;
import org.keycloak.representations.idm.RequiredActionConfigRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderSimpleRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** Registers (enables) a custom required action in a test realm, and configures it, as an admin would. */
public final class RequiredActions {

    private RequiredActions() {
    }

    public static void ensureRegistered(ManagedRealm realm, String providerId, String name) {
        boolean registered = realm.admin().flows().getRequiredActions().stream().anyMatch(a -> providerId.equals(a.getAlias()));
        if (!registered) {
            RequiredActionProviderSimpleRepresentation action = new RequiredActionProviderSimpleRepresentation();
            action.setProviderId(providerId);
            action.setName(name);
            realm.admin().flows().registerRequiredAction(action);
        }
    }

    /** Gives a required action (without config of its own) this config for one test; afterwards it has none again. */
    public static void configureWithCleanup(ManagedRealm realm, String providerId, Map<String, String> config) {
        RequiredActionConfigRepresentation representation = new RequiredActionConfigRepresentation();
        representation.setConfig(config);
        realm.admin().flows().updateRequiredActionConfig(providerId, representation);
        realm.cleanup().add(r -> r.flows().removeRequiredActionConfig(providerId));
    }
}
