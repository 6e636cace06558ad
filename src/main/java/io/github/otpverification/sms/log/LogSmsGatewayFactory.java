package io.github.otpverification.sms.log;

import io.github.otpverification.sms.SmsGateway;
import io.github.otpverification.sms.SmsGatewayFactory;
import org.keycloak.Config;
import org.keycloak.common.util.Environment;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.EnvironmentDependentProviderFactory;

/**
 * {@code log}: writes messages to the server log, for development. It exists only under
 * {@code kc.sh start-dev}; a production server configured with it refuses to start
 * ("Failed to find provider log for sms-gateway").
 */
public class LogSmsGatewayFactory implements SmsGatewayFactory, EnvironmentDependentProviderFactory {

    public static final String PROVIDER_ID = "log";

    @Override
    public SmsGateway create(KeycloakSession session) {
        return new LogSmsGateway();
    }

    @Override
    public boolean isSupported(Config.Scope config) {
        return Environment.isDevMode();
    }

    /** Lowest priority: any gateway configured for real wins. */
    @Override
    public int order() {
        return 1;
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
