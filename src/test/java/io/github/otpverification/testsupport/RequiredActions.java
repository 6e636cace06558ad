package io.github.otpverification.testsupport;

import org.keycloak.representations.idm.RequiredActionProviderSimpleRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** Registers (enables) a custom required action in a test realm, as an admin would. */
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
}
