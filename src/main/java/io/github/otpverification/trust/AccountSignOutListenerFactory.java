package io.github.otpverification.trust;

import io.github.otpverification.names.ProviderIds;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/** Registers {@link AccountSignOutListener} for every realm (a global listener: nothing to enable per realm). */
public class AccountSignOutListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = ProviderIds.TRUSTED_DEVICES_LISTENER;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new AccountSignOutListener(session);
    }

    @Override
    public boolean isGlobal() {
        return true;
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
