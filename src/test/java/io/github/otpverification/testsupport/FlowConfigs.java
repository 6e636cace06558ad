package io.github.otpverification.testsupport;

import java.util.HashMap;
import java.util.Map;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.testframework.realm.ManagedRealm;

/** Changes an execution's config for one test and restores it afterwards. */
public final class FlowConfigs {

    private FlowConfigs() {
    }

    public static void updateWithCleanup(ManagedRealm realm, String flowAlias, String providerId, Map<String, String> changes) {
        AuthenticationExecutionInfoRepresentation execution = realm.admin().flows().getExecutions(flowAlias).stream()
                .filter(e -> providerId.equals(e.getProviderId()))
                .findFirst().orElseThrow(() -> new AssertionError(providerId + " not in flow " + flowAlias));
        String configId = execution.getAuthenticationConfig();
        AuthenticatorConfigRepresentation config = realm.admin().flows().getAuthenticatorConfig(configId);
        Map<String, String> original = new HashMap<>(config.getConfig());
        Map<String, String> changed = new HashMap<>(original);
        changed.putAll(changes);
        config.setConfig(changed);
        realm.admin().flows().updateAuthenticatorConfig(configId, config);
        realm.cleanup().add(r -> {
            AuthenticatorConfigRepresentation restore = r.flows().getAuthenticatorConfig(configId);
            restore.setConfig(original);
            r.flows().updateAuthenticatorConfig(configId, restore);
        });
    }
}
