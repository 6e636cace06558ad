package io.github.otpverification.login;

import io.github.otpverification.code.CodePolicy;
import io.github.otpverification.settings.CodePolicyOptions;
import io.github.otpverification.settings.ConfigValues;
import java.util.List;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The SMS OTP step's execution config: the code policy over the realm's defaults, and trusted devices. */
public record SmsOtpConfig(CodePolicy policy, int trustDeviceDays) implements StepConfig {

    public static List<ProviderConfigProperty> properties() {
        return StepConfig.declareTrustDeviceDays(CodePolicyOptions.declare(ProviderConfigurationBuilder.create(), CodePolicy.DEFAULTS))
                .build();
    }

    public static SmsOtpConfig from(AuthenticatorConfigModel model, CodePolicy realmDefaults) {
        ConfigValues config = new ConfigValues(model == null ? null : model.getConfig());
        return new SmsOtpConfig(CodePolicyOptions.read(config, realmDefaults), StepConfig.readTrustDeviceDays(config));
    }
}
