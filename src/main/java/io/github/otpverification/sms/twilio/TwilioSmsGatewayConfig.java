package io.github.otpverification.sms.twilio;

import io.github.otpverification.sms.GatewayTimeouts;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Options of the {@code twilio} gateway: Account SID with auth token, or with an API key and
 * secret; a {@code from} number or a Messaging Service SID; the API base URL.
 */
record TwilioSmsGatewayConfig(String baseUrl, String accountSid, String username, String password,
                              String from, String messagingServiceSid, GatewayTimeouts timeouts) {

    static final String BASE_URL = "base-url";
    static final String ACCOUNT_SID = "account-sid";
    static final String AUTH_TOKEN = "auth-token";
    static final String API_KEY_SID = "api-key-sid";
    static final String API_KEY_SECRET = "api-key-secret";
    static final String FROM = "from";
    static final String MESSAGING_SERVICE_SID = "messaging-service-sid";

    static TwilioSmsGatewayConfig from(Config.Scope config) {
        String apiKey = config.get(API_KEY_SID);
        boolean useApiKey = apiKey != null && config.get(API_KEY_SECRET) != null;
        String baseUrl = config.get(BASE_URL, "https://api.twilio.com");
        return new TwilioSmsGatewayConfig(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl,
                config.get(ACCOUNT_SID),
                useApiKey ? apiKey : config.get(ACCOUNT_SID),
                useApiKey ? config.get(API_KEY_SECRET) : config.get(AUTH_TOKEN),
                config.get(FROM), config.get(MESSAGING_SERVICE_SID), GatewayTimeouts.from(config));
    }

    boolean isComplete() {
        return accountSid != null && password != null && (from != null || messagingServiceSid != null);
    }

    static List<ProviderConfigProperty> metadata() {
        return GatewayTimeouts.declare(ProviderConfigurationBuilder.create()
                .property().name(ACCOUNT_SID).type(ProviderConfigProperty.STRING_TYPE).helpText("Account SID (AC...). Required.").add()
                .property().name(AUTH_TOKEN).type(ProviderConfigProperty.STRING_TYPE).secret(true).helpText("Auth token, or use an API key.").add()
                .property().name(API_KEY_SID).type(ProviderConfigProperty.STRING_TYPE).helpText("API key SID (SK...).").add()
                .property().name(API_KEY_SECRET).type(ProviderConfigProperty.STRING_TYPE).secret(true).helpText("API key secret.").add()
                .property().name(FROM).type(ProviderConfigProperty.STRING_TYPE).helpText("Sender number (E.164) or alphanumeric sender id.").add()
                .property().name(MESSAGING_SERVICE_SID).type(ProviderConfigProperty.STRING_TYPE).helpText("Messaging Service SID (MG...), instead of from.").add()
                .property().name(BASE_URL).type(ProviderConfigProperty.STRING_TYPE).defaultValue("https://api.twilio.com")
                .helpText("API base URL (tests point it at a local fake).").add())
                .build();
    }
}
