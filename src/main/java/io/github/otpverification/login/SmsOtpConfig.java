package io.github.otpverification.login;

import io.github.otpverification.code.CodePolicy;
import io.github.otpverification.settings.CodePolicyOptions;
import io.github.otpverification.settings.CodeConfig;
import io.github.otpverification.settings.ConfigValues;
import java.util.List;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The SMS OTP step's execution config: the code policy over the realm's defaults. */
public record SmsOtpConfig(CodePolicy policy) implements CodeConfig {

    public static List<ProviderConfigProperty> properties() {
        return CodePolicyOptions.declare(ProviderConfigurationBuilder.create(), CodePolicy.DEFAULTS).build();
    }

    public static SmsOtpConfig from(AuthenticatorConfigModel model, CodePolicy realmDefaults) {
        return new SmsOtpConfig(CodePolicyOptions.read(new ConfigValues(model == null ? null : model.getConfig()), realmDefaults));
    }
}
