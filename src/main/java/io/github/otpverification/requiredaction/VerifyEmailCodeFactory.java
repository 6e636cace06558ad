package io.github.otpverification.requiredaction;

import io.github.otpverification.names.ProviderIds;
import io.github.otpverification.code.CodeEngine;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** Registers the required action {@code VERIFY_EMAIL_CODE}. */
public class VerifyEmailCodeFactory implements RequiredActionFactory {

    public static final String PROVIDER_ID = ProviderIds.VERIFY_EMAIL_CODE;

    private static final List<ProviderConfigProperty> PROPERTIES = VerifyEmailCodeConfig.properties();

    private final CodeEngine engine = new CodeEngine();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return new VerifyEmailCode(engine);
    }

    @Override
    public String getDisplayText() {
        return "Verify Email (code)";
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return PROPERTIES;
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
