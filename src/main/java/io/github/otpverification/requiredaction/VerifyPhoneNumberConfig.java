package io.github.otpverification.requiredaction;

import io.github.otpverification.phone.PhoneNumberRules;
import io.github.otpverification.code.CodePolicy;
import io.github.otpverification.settings.CodePolicyOptions;
import io.github.otpverification.settings.CodeConfig;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.settings.ConfigValues;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** The VERIFY_PHONE_NUMBER action's config over the realm's settings. */
public record VerifyPhoneNumberConfig(CodePolicy policy, PhoneNumberRules rules, boolean uniqueNumbers,
                                      boolean requireEmailFirst) implements CodeConfig {

    public static final String DEFAULT_REGION = "defaultRegion";
    public static final String ALLOW_NON_MOBILE = "allowNonMobile";
    public static final String UNIQUE_NUMBERS = "uniqueNumbers";

    @Override
    public boolean acceptsAnyLine() {
        return rules.allowNonMobile();
    }

    public static List<ProviderConfigProperty> properties() {
        List<ProviderConfigProperty> properties = CodePolicyOptions.declare(ProviderConfigurationBuilder.create(), CodePolicy.DEFAULTS)
                .property().name(DEFAULT_REGION).label("Default region")
                .helpText("Region (ISO 3166 code, e.g. DE) for numbers typed without a country code; default: the user's locale.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(ALLOW_NON_MOBILE).label("Accept non-mobile numbers")
                .helpText("Also accept fixed-line and other numbers that may not receive SMS.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false).add()
                .property().name(UNIQUE_NUMBERS).label("Unique numbers")
                .helpText("Refuse a number another user has verified (without saying who).")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false).add()
                .build();
        List<ProviderConfigProperty> all = new java.util.ArrayList<>(RequiredActionFactory.MAX_AUTH_AGE_CONFIG_PROPERTIES);
        all.addAll(properties);
        return all;
    }

    public static VerifyPhoneNumberConfig from(RequiredActionConfigModel model, RealmOtpSettings settings, Locale userLocale) {
        ConfigValues config = new ConfigValues(model == null ? null : model.getConfig());
        String region = config.string(DEFAULT_REGION, userLocale == null || userLocale.getCountry().isEmpty() ? null : userLocale.getCountry());
        Set<String> countries = new HashSet<>(settings.smsAllowedCountries());
        return new VerifyPhoneNumberConfig(
                CodePolicyOptions.read(config, settings.codePolicy()),
                new PhoneNumberRules(region, countries, config.bool(ALLOW_NON_MOBILE, false)),
                config.bool(UNIQUE_NUMBERS, false),
                settings.requireEmailBeforePhone());
    }
}
