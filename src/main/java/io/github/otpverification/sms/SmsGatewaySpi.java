package io.github.otpverification.sms;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The {@code sms-gateway} SPI: {@code --spi-sms-gateway--provider=http} and friends. */
public class SmsGatewaySpi implements Spi {

    public static final String NAME = "sms-gateway";

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return SmsGateway.class;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return SmsGatewayFactory.class;
    }
}
