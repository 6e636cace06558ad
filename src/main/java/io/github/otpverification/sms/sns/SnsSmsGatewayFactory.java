package io.github.otpverification.sms.sns;

import io.github.otpverification.sms.SmsGateway;
import io.github.otpverification.sms.SmsGatewayFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.EnvironmentDependentProviderFactory;
import org.keycloak.provider.ProviderConfigProperty;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.SnsClientBuilder;

/** {@code aws-sns}: Amazon SNS Publish to a phone number. Active once {@code region} is set. */
public class SnsSmsGatewayFactory implements SmsGatewayFactory, EnvironmentDependentProviderFactory {

    public static final String PROVIDER_ID = "aws-sns";

    private SnsSmsGatewayConfig config;
    private volatile SnsClient client;

    @Override
    public SmsGateway create(KeycloakSession session) {
        return new SnsSmsGateway(client(), config);
    }

    /** One thread-safe client per server, built on first use so a start-up never waits for AWS. */
    private SnsClient client() {
        SnsClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = buildClient();
                }
                current = client;
            }
        }
        return current;
    }

    private SnsClient buildClient() {
        AwsCredentialsProvider credentials = config.hasStaticCredentials()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey()))
                : DefaultCredentialsProvider.builder().build();
        SnsClientBuilder builder = SnsClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofMillis(config.timeouts().connectMillis()))
                        .socketTimeout(Duration.ofMillis(config.timeouts().readMillis())));
        if (config.endpointOverride() != null) {
            builder.endpointOverride(URI.create(config.endpointOverride()));
        }
        return builder.build();
    }

    @Override
    public boolean isSupported(Config.Scope scope) {
        return scope.get(SnsSmsGatewayConfig.REGION) != null;
    }

    @Override
    public void init(Config.Scope scope) {
        config = SnsSmsGatewayConfig.from(scope);
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return SnsSmsGatewayConfig.metadata();
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
        if (client != null) {
            client.close();
        }
    }
}
