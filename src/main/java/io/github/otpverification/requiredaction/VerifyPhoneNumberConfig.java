package io.github.otpverification.requiredaction;

import io.github.otpverification.code.CodePolicy;
import io.github.otpverification.phone.PhoneNumberRules;
import io.github.otpverification.phone.RealmPhoneRules;
import io.github.otpverification.settings.CodeConfig;
import io.github.otpverification.settings.CodePolicyOptions;
import io.github.otpverification.settings.ConfigValues;
import io.github.otpverification.settings.RealmOtpSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The VERIFY_PHONE_NUMBER action's config over the realm's settings; its phone options are the realm's {@link RealmPhoneRules}. */
public record VerifyPhoneNumberConfig(CodePolicy policy, PhoneNumberRules rules, boolean uniqueNumbers,
                                      boolean requireEmailFirst) implements CodeConfig {

    @Override
    public boolean acceptsAnyLine() {
        return rules.allowNonMobile();
    }

    public static List<ProviderConfigProperty> properties() {
        List<ProviderConfigProperty> properties = RealmPhoneRules.declare(
                CodePolicyOptions.declare(ProviderConfigurationBuilder.create(), CodePolicy.DEFAULTS)).build();
        List<ProviderConfigProperty> all = new ArrayList<>(RequiredActionFactory.MAX_AUTH_AGE_CONFIG_PROPERTIES);
        all.addAll(properties);
        return all;
    }

    public static VerifyPhoneNumberConfig from(RequiredActionConfigModel model, RealmOtpSettings settings, Locale userLocale) {
        Map<String, String> options = model == null ? null : model.getConfig();
        RealmPhoneRules phone = RealmPhoneRules.read(options, settings, userLocale);
        return new VerifyPhoneNumberConfig(
                CodePolicyOptions.read(new ConfigValues(options), settings.codePolicy()),
                phone.rules(),
                phone.uniqueNumbers(),
                settings.requireEmailBeforePhone());
    }
}
