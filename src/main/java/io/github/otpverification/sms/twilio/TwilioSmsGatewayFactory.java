package io.github.otpverification.sms.twilio;

import io.github.otpverification.sms.SmsGateway;
import io.github.otpverification.sms.SmsGatewayFactory;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.EnvironmentDependentProviderFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** {@code twilio}: Twilio's Messaging API. Active once credentials and a sender are set. */
public class TwilioSmsGatewayFactory implements SmsGatewayFactory, EnvironmentDependentProviderFactory {

    public static final String PROVIDER_ID = "twilio";

    private TwilioSmsGatewayConfig config;

    @Override
    public SmsGateway create(KeycloakSession session) {
        return new TwilioSmsGateway(session, config);
    }

    @Override
    public boolean isSupported(Config.Scope scope) {
        return TwilioSmsGatewayConfig.from(scope).isComplete();
    }

    @Override
    public void init(Config.Scope scope) {
        config = TwilioSmsGatewayConfig.from(scope);
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return TwilioSmsGatewayConfig.metadata();
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
