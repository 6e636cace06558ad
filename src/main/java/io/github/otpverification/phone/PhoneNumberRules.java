package io.github.otpverification.phone;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which numbers may receive codes: the region assumed for numbers typed without a country
 * code, the countries allowed (empty: all), and whether fixed lines and other non-mobile
 * numbers are accepted.
 */
public record PhoneNumberRules(String defaultRegion, Set<String> allowedCountries, boolean allowNonMobile) {

    public static final PhoneNumberRules DEFAULTS = new PhoneNumberRules(null, Set.of(), false);

    public PhoneNumberRules {
        defaultRegion = defaultRegion == null || defaultRegion.isBlank() ? null : defaultRegion.trim().toUpperCase(Locale.ROOT);
        allowedCountries = allowedCountries == null ? Set.of()
                : allowedCountries.stream().map(c -> c.trim().toUpperCase(Locale.ROOT)).filter(c -> !c.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
    }

    /** These rules for numbers that must receive SMS: mobile numbers only. */
    public PhoneNumberRules mobileOnly() {
        return new PhoneNumberRules(defaultRegion, allowedCountries, false);
    }

    public boolean allows(String regionCode) {
        return allowedCountries.isEmpty() || allowedCountries.contains(regionCode);
    }
}
