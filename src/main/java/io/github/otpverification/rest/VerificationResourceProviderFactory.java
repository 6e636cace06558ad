package io.github.otpverification.rest;

import io.github.otpverification.code.CodeEngine;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves {@code /realms/{realm}/verification}. */
public class VerificationResourceProviderFactory implements RealmResourceProviderFactory {

    public static final String ID = "verification";

    private final CodeEngine engine = new CodeEngine();

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new VerificationResource(session, engine);
            }

            @Override
            public void close() {
            }
        };
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

    @Override
    public String getId() {
        return ID;
    }
}
