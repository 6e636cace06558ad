package io.github.otpverification.sms.http;

import io.github.otpverification.sms.SmsGateway;
import io.github.otpverification.sms.SmsGatewayFactory;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.EnvironmentDependentProviderFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** {@code http}: POSTs JSON to a URL of your own SMS service. Active once {@code url} is set. */
public class HttpSmsGatewayFactory implements SmsGatewayFactory, EnvironmentDependentProviderFactory {

    public static final String PROVIDER_ID = "http";

    private HttpSmsGatewayConfig config;

    @Override
    public SmsGateway create(KeycloakSession session) {
        return new HttpSmsGateway(session, config);
    }

    @Override
    public boolean isSupported(Config.Scope scope) {
        return scope.get(HttpSmsGatewayConfig.URL) != null;
    }

    @Override
    public void init(Config.Scope scope) {
        config = HttpSmsGatewayConfig.from(scope);
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return HttpSmsGatewayConfig.metadata();
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
