package io.github.otpverification.sms;

import org.keycloak.provider.ProviderFactory;

/** Factory of an {@code sms-gateway} provider; secrets come from its {@code Config.Scope} only. */
public interface SmsGatewayFactory extends ProviderFactory<SmsGateway> {
}
