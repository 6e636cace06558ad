package io.github.otpverification.testsupport;

import org.keycloak.common.Profile;
import org.keycloak.testframework.server.KeycloakServerConfig;
import org.keycloak.testframework.server.KeycloakServerConfigBuilder;

/**
 * The one server configuration the whole integration suite shares, so the framework starts
 * Keycloak once: the extension from target/classes, the framework's time-offset endpoint, and
 * every SMS gateway pointed at its local fake ({@link FakeSmsGateways}). {@code http} has the
 * highest priority, so it is the default; a realm picks another with its attribute. Metrics are
 * on (the REST and metrics tests read {@code /metrics}) and so is {@code declarative-ui}, which
 * the admin-console settings tab needs.
 */
public class OtpServerConfig implements KeycloakServerConfig {

    private static final String FAKES = "http://127.0.0.1:8500";
    /** Short, so the fault tests see a stalled gateway give up quickly. */
    public static final int SMS_READ_TIMEOUT_MILLIS = 3000;

    /**
     * The libraries the packaged jar shades in. target/classes has none of them, and the framework
     * deploys no transitive dependencies, so each is named here (mvn dependency:list -DincludeScope=runtime).
     */
    private static final String[] BUNDLED_LIBRARIES = {
            "com.googlecode.libphonenumber:libphonenumber",
            "org.reactivestreams:reactive-streams",
            "software.amazon.awssdk:annotations",
            "software.amazon.awssdk:auth",
            "software.amazon.awssdk:aws-core",
            "software.amazon.awssdk:aws-query-protocol",
            "software.amazon.awssdk:checksums",
            "software.amazon.awssdk:checksums-spi",
            "software.amazon.awssdk:endpoints-spi",
            "software.amazon.awssdk:http-auth",
            "software.amazon.awssdk:http-auth-aws",
            "software.amazon.awssdk:http-auth-spi",
            "software.amazon.awssdk:http-client-spi",
            "software.amazon.awssdk:identity-spi",
            "software.amazon.awssdk:json-utils",
            "software.amazon.awssdk:metrics-spi",
            "software.amazon.awssdk:profiles",
            "software.amazon.awssdk:protocol-core",
            "software.amazon.awssdk:regions",
            "software.amazon.awssdk:retries",
            "software.amazon.awssdk:retries-spi",
            "software.amazon.awssdk:sdk-core",
            "software.amazon.awssdk:sns",
            "software.amazon.awssdk:third-party-jackson-core",
            "software.amazon.awssdk:url-connection-client",
            "software.amazon.awssdk:utils",
            "software.amazon.awssdk:utils-lite"
    };

    @Override
    public KeycloakServerConfigBuilder configure(KeycloakServerConfigBuilder config) {
        for (String library : BUNDLED_LIBRARIES) {
            String[] coordinates = library.split(":");
            config.dependency(coordinates[0], coordinates[1]);
        }
        return config
                .dependencyCurrentProject()
                .dependency("org.keycloak.testframework", "keycloak-test-framework-remote-providers")
                .features(Profile.Feature.DECLARATIVE_UI)
                .option("metrics-enabled", "true")
                .spiOption("sms-gateway", "http", "url", FAKES + FakeSmsGateways.HTTP_PATH)
                .spiOption("sms-gateway", "http", "authorization", FakeSmsGateways.HTTP_TOKEN)
                .spiOption("sms-gateway", "http", "connect-timeout", "2000")
                .spiOption("sms-gateway", "http", "read-timeout", String.valueOf(SMS_READ_TIMEOUT_MILLIS))
                .spiOption("sms-gateway", "twilio", "account-sid", FakeSmsGateways.TWILIO_ACCOUNT)
                .spiOption("sms-gateway", "twilio", "auth-token", FakeSmsGateways.TWILIO_TOKEN)
                .spiOption("sms-gateway", "twilio", "from", FakeSmsGateways.TWILIO_FROM)
                .spiOption("sms-gateway", "twilio", "base-url", FAKES + FakeSmsGateways.TWILIO_PATH)
                .spiOption("sms-gateway", "aws-sns", "region", "eu-central-1")
                .spiOption("sms-gateway", "aws-sns", "access-key-id", FakeSmsGateways.SNS_ACCESS_KEY)
                .spiOption("sms-gateway", "aws-sns", "secret-access-key", "otp-verification-test-secret")
                .spiOption("sms-gateway", "aws-sns", "endpoint-override", FAKES);
    }
}
