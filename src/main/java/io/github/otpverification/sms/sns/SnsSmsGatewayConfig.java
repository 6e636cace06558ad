package io.github.otpverification.sms.sns;

import io.github.otpverification.sms.GatewayTimeouts;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * Options of the {@code aws-sns} gateway. Credentials come from the options when both are set,
 * else from the AWS default chain (environment, profile, instance or pod role).
 */
record SnsSmsGatewayConfig(String region, String accessKeyId, String secretAccessKey, String senderId,
                           String smsType, String endpointOverride, GatewayTimeouts timeouts) {

    static final String REGION = "region";
    static final String ACCESS_KEY_ID = "access-key-id";
    static final String SECRET_ACCESS_KEY = "secret-access-key";
    static final String SENDER_ID = "sender-id";
    static final String SMS_TYPE = "sms-type";
    static final String ENDPOINT_OVERRIDE = "endpoint-override";

    static SnsSmsGatewayConfig from(Config.Scope config) {
        return new SnsSmsGatewayConfig(config.get(REGION), config.get(ACCESS_KEY_ID), config.get(SECRET_ACCESS_KEY),
                config.get(SENDER_ID), config.get(SMS_TYPE, "Transactional"), config.get(ENDPOINT_OVERRIDE),
                GatewayTimeouts.from(config));
    }

    boolean hasStaticCredentials() {
        return accessKeyId != null && secretAccessKey != null;
    }

    static List<ProviderConfigProperty> metadata() {
        return GatewayTimeouts.declare(ProviderConfigurationBuilder.create()
                .property().name(REGION).type(ProviderConfigProperty.STRING_TYPE).helpText("AWS region, e.g. eu-central-1. Required.").add()
                .property().name(ACCESS_KEY_ID).type(ProviderConfigProperty.STRING_TYPE).helpText("Access key id; default: the AWS credentials chain.").add()
                .property().name(SECRET_ACCESS_KEY).type(ProviderConfigProperty.STRING_TYPE).secret(true).helpText("Secret access key.").add()
                .property().name(SENDER_ID).type(ProviderConfigProperty.STRING_TYPE).helpText("Alphanumeric sender id, where the country supports it.").add()
                .property().name(SMS_TYPE).type(ProviderConfigProperty.STRING_TYPE).defaultValue("Transactional")
                .helpText("Transactional (default) or Promotional.").add()
                .property().name(ENDPOINT_OVERRIDE).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("SNS endpoint URL (tests point it at a local fake).").add())
                .build();
    }
}
