package io.github.otpverification.login;

import io.github.otpverification.settings.CodeConfig;
import io.github.otpverification.settings.ConfigValues;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** What the config of a code login step gives beyond the code policy: how long a device may be trusted. */
public interface StepConfig extends CodeConfig {

    String TRUST_DEVICE_DAYS = "trustDeviceDays";
    int MAX_TRUST_DEVICE_DAYS = 365;

    /** Days a right code with "don't ask again" ticked spares this browser the step; 0 (the default): never. */
    int trustDeviceDays();

    static ProviderConfigurationBuilder declareTrustDeviceDays(ProviderConfigurationBuilder builder) {
        return builder.property().name(TRUST_DEVICE_DAYS).label("Trust device (days)")
                .helpText("0 to " + MAX_TRUST_DEVICE_DAYS + ". When above 0 the code page offers \"Don't ask for a code on this "
                        + "device for N days\": a right code with it ticked lets that user on that browser pass this step "
                        + "without a code, where an earlier step checked a password or another credential. 0: off.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(0).add();
    }

    static int readTrustDeviceDays(ConfigValues config) {
        return config.intWithin(TRUST_DEVICE_DAYS, 0, 0, MAX_TRUST_DEVICE_DAYS);
    }
}
