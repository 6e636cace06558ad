package io.github.otpverification.sms;

import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Connect and read timeouts every HTTP-based gateway offers, in milliseconds. */
public record GatewayTimeouts(int connectMillis, int readMillis) {

    public static final String CONNECT_TIMEOUT = "connect-timeout";
    public static final String READ_TIMEOUT = "read-timeout";

    public static GatewayTimeouts from(Config.Scope config) {
        return new GatewayTimeouts(config.getInt(CONNECT_TIMEOUT, 5000), config.getInt(READ_TIMEOUT, 10000));
    }

    public static ProviderConfigurationBuilder declare(ProviderConfigurationBuilder builder) {
        return builder
                .property().name(CONNECT_TIMEOUT).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(5000)
                .helpText("Connect timeout in milliseconds.").add()
                .property().name(READ_TIMEOUT).type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(10000)
                .helpText("Read timeout in milliseconds.").add();
    }

    public org.apache.http.client.config.RequestConfig requestConfig() {
        return org.apache.http.client.config.RequestConfig.custom()
                .setConnectTimeout(connectMillis).setConnectionRequestTimeout(connectMillis).setSocketTimeout(readMillis)
                .build();
    }
}
