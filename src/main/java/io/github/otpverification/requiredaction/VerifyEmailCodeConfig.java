package io.github.otpverification.requiredaction;

import io.github.otpverification.code.CodePolicy;
import io.github.otpverification.settings.CodePolicyOptions;
import io.github.otpverification.settings.CodeConfig;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.settings.ConfigValues;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The VERIFY_EMAIL_CODE action's config over the realm's settings. */
public record VerifyEmailCodeConfig(CodePolicy policy, boolean codeInSubject) implements CodeConfig {

    public static final String CODE_IN_SUBJECT = "codeInSubject";

    public static List<ProviderConfigProperty> properties() {
        List<ProviderConfigProperty> all = new ArrayList<>(RequiredActionFactory.MAX_AUTH_AGE_CONFIG_PROPERTIES);
        all.addAll(CodePolicyOptions.declare(ProviderConfigurationBuilder.create(), CodePolicy.DEFAULTS)
                .property().name(CODE_IN_SUBJECT).label("Code in subject")
                .helpText("Put the code in the email subject too, so it shows in notifications.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false).add()
                .build());
        return all;
    }

    public static VerifyEmailCodeConfig from(RequiredActionConfigModel model, RealmOtpSettings settings) {
        ConfigValues config = new ConfigValues(model == null ? null : model.getConfig());
        return new VerifyEmailCodeConfig(CodePolicyOptions.read(config, settings.codePolicy()), config.bool(CODE_IN_SUBJECT, false));
    }
}
