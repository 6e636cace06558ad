package io.github.otpverification.phone;

import io.github.otpverification.names.ProviderIds;
import io.github.otpverification.settings.ConfigValues;
import io.github.otpverification.settings.RealmOtpSettings;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * A realm's rules for phone numbers people type, from one source for every form that reads one
 * ({@code VERIFY_PHONE_NUMBER} and the {@code phone-number-form} sign-in): the options of the
 * realm's {@code VERIFY_PHONE_NUMBER} action (default region, non-mobile numbers, unique numbers)
 * over the realm settings' SMS countries. See docs/flows.md and docs/phone-sign-in.md.
 */
public record RealmPhoneRules(PhoneNumberRules rules, boolean uniqueNumbers) {

    public static final String DEFAULT_REGION = "defaultRegion";
    public static final String ALLOW_NON_MOBILE = "allowNonMobile";
    public static final String UNIQUE_NUMBERS = "uniqueNumbers";

    /** Declares the options (they belong to VERIFY_PHONE_NUMBER's config). */
    public static ProviderConfigurationBuilder declare(ProviderConfigurationBuilder builder) {
        return builder
                .property().name(DEFAULT_REGION).label("Default region")
                .helpText("Region (ISO 3166 code, e.g. DE) for numbers typed without a country code; default: the user's locale. "
                        + "Sign-in by phone number (the Phone Number step) reads numbers the same way.")
                .type(ProviderConfigProperty.STRING_TYPE).add()
                .property().name(ALLOW_NON_MOBILE).label("Accept non-mobile numbers")
                .helpText("Also accept fixed-line and other numbers that may not receive SMS.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false).add()
                .property().name(UNIQUE_NUMBERS).label("Unique numbers")
                .helpText("Refuse a number another user has verified (without saying who). Sign-in by phone number "
                        + "(the Phone Number step) needs it: a number several users verified signs in none of them.")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false).add();
    }

    /** Reads the options from a config map (null: none); without a default region, the locale's country. */
    public static RealmPhoneRules read(Map<String, String> options, RealmOtpSettings settings, Locale locale) {
        ConfigValues config = new ConfigValues(options);
        String region = config.string(DEFAULT_REGION, locale == null || locale.getCountry().isEmpty() ? null : locale.getCountry());
        return new RealmPhoneRules(
                new PhoneNumberRules(region, Set.copyOf(settings.smsAllowedCountries()), config.bool(ALLOW_NON_MOBILE, false)),
                config.bool(UNIQUE_NUMBERS, false));
    }

    /** The realm's rules: the options of its VERIFY_PHONE_NUMBER action (defaults when it has none). */
    public static RealmPhoneRules of(RealmModel realm, RealmOtpSettings settings, Locale locale) {
        RequiredActionConfigModel action = realm.getRequiredActionConfigByAlias(ProviderIds.VERIFY_PHONE_NUMBER);
        return read(action == null ? null : action.getConfig(), settings, locale);
    }
}
