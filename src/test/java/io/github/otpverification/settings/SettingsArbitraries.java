package io.github.otpverification.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.code.CodeAlphabet;
import io.github.otpverification.code.CodePolicy;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Valid realm OTP settings, every field anywhere within the README's bounds; and the check of those bounds. */
public final class SettingsArbitraries {

    private static final List<String> COUNTRIES = List.of(Locale.getISOCountries());
    private static final Set<String> COUNTRY_SET = Set.copyOf(COUNTRIES);

    private SettingsArbitraries() {
    }

    public static Arbitrary<RealmOtpSettings> settings() {
        Arbitrary<Integer> limit = Arbitraries.oneOf(Arbitraries.integers().between(0, 100),
                Arbitraries.integers().between(0, SettingsUpdate.MAX_HOURLY_LIMIT));
        Arbitrary<List<Integer>> numbers = Combinators.combine(List.of(
                Arbitraries.integers().between(CodePolicy.MIN_LENGTH, CodePolicy.MAX_LENGTH),
                Arbitraries.integers().between(CodePolicy.MIN_TTL_SECONDS, CodePolicy.MAX_TTL_SECONDS),
                Arbitraries.integers().between(CodePolicy.MIN_ATTEMPTS, CodePolicy.MAX_ATTEMPTS),
                Arbitraries.integers().between(CodePolicy.MIN_COOLDOWN_SECONDS, CodePolicy.MAX_COOLDOWN_SECONDS),
                limit, limit, limit, limit)).as(List::copyOf);
        return Combinators.combine(numbers, Arbitraries.of("digits", "alphanumeric"), countries(), Arbitraries.of(true, false), origins())
                .as((n, alphabet, countries, emailFirst, origins) -> {
                    Map<SettingField, Object> values = new EnumMap<>(SettingField.class);
                    List<SettingField> numeric = List.of(SettingField.CODE_LENGTH, SettingField.TTL_SECONDS, SettingField.MAX_ATTEMPTS,
                            SettingField.RESEND_COOLDOWN_SECONDS, SettingField.MAX_SENDS_PER_USER_PER_HOUR,
                            SettingField.MAX_SENDS_PER_DESTINATION_PER_HOUR, SettingField.MAX_SENDS_PER_IP_PER_HOUR,
                            SettingField.MAX_SMS_PER_REALM_PER_HOUR);
                    for (int i = 0; i < numeric.size(); i++) {
                        values.put(numeric.get(i), n.get(i));
                    }
                    values.put(SettingField.CODE_ALPHABET, alphabet);
                    values.put(SettingField.SMS_ALLOWED_COUNTRIES, countries);
                    values.put(SettingField.REQUIRE_EMAIL_BEFORE_PHONE, emailFirst);
                    values.put(SettingField.URL_TEMPLATE_ORIGINS, origins);
                    return RealmOtpSettings.DEFAULTS.with(values);
                });
    }

    public static Arbitrary<List<String>> countries() {
        return Arbitraries.of(COUNTRIES).list().uniqueElements().ofMaxSize(SettingsUpdate.MAX_LIST_ENTRIES);
    }

    /** Origins as the settings keep them: lower case, scheme, host and optional port. */
    public static Arbitrary<List<String>> origins() {
        Arbitrary<String> label = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10);
        Arbitrary<String> origin = Combinators.combine(Arbitraries.of("https://", "http://"),
                        label.list().ofMinSize(1).ofMaxSize(3), Arbitraries.integers().between(1, 65535).injectNull(0.7))
                .as((scheme, labels, port) -> scheme + String.join(".", labels) + (port == null ? "" : ":" + port));
        return origin.list().uniqueElements().ofMaxSize(5);
    }

    /** Fails unless every field is within the README's bounds. */
    public static void assertWithinBounds(RealmOtpSettings settings) {
        CodePolicy policy = new CodePolicy(settings.codeLength(), CodeAlphabet.fromConfigValue(settings.codeAlphabet()),
                settings.ttlSeconds(), settings.maxAttempts(), settings.resendCooldownSeconds()); // throws when out of bounds
        assertEquals(policy, settings.codePolicy());
        for (int limit : List.of(settings.maxSendsPerUserPerHour(), settings.maxSendsPerDestinationPerHour(), settings.maxSendsPerIpPerHour(),
                settings.maxSmsPerRealmPerHour())) {
            assertTrue(limit >= 0 && limit <= SettingsUpdate.MAX_HOURLY_LIMIT, Integer.toString(limit));
        }
        assertTrue(settings.smsAllowedCountries().size() <= SettingsUpdate.MAX_LIST_ENTRIES);
        assertTrue(COUNTRY_SET.containsAll(settings.smsAllowedCountries()), settings.smsAllowedCountries().toString());
        assertTrue(settings.urlTemplateOrigins().size() <= SettingsUpdate.MAX_LIST_ENTRIES);
        for (String origin : settings.urlTemplateOrigins()) {
            assertTrue(origin.matches("https?://[^/?#@]+"), origin);
            assertEquals(origin.toLowerCase(Locale.ROOT), origin);
        }
    }
}
