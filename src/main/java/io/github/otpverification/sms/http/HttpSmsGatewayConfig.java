package io.github.otpverification.sms.http;

import io.github.otpverification.sms.GatewayTimeouts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Options of the {@code http} gateway ({@code --spi-sms-gateway--http--*}). */
record HttpSmsGatewayConfig(String url, String authorization, Map<String, String> headers, GatewayTimeouts timeouts) {

    static final String URL = "url";
    static final String AUTHORIZATION = "authorization";
    static final String HEADERS = "headers";

    static HttpSmsGatewayConfig from(Config.Scope config) {
        return new HttpSmsGatewayConfig(config.get(URL), config.get(AUTHORIZATION), parseHeaders(config.get(HEADERS)),
                GatewayTimeouts.from(config));
    }

    /** {@code "X-Api-Key: abc; X-Tenant: 7"} becomes two headers. */
    static Map<String, String> parseHeaders(String value) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (value == null) {
            return headers;
        }
        for (String pair : value.split(";")) {
            int colon = pair.indexOf(':');
            String name = colon < 0 ? "" : pair.substring(0, colon).trim();
            if (!name.isEmpty()) {
                headers.put(name, pair.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    static List<ProviderConfigProperty> metadata() {
        return GatewayTimeouts.declare(ProviderConfigurationBuilder.create()
                .property().name(URL).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("URL the JSON {to, text, realm, purpose} is POSTed to. Required.").add()
                .property().name(AUTHORIZATION).type(ProviderConfigProperty.STRING_TYPE).secret(true)
                .helpText("Value of the Authorization header, e.g. 'Bearer abc'.").add()
                .property().name(HEADERS).type(ProviderConfigProperty.STRING_TYPE).secret(true)
                .helpText("More headers, 'Name: value; Name2: value2'.").add())
                .build();
    }
}
