package io.github.otpverification.settings;

import io.github.otpverification.code.CodeAlphabet;
import io.github.otpverification.code.CodePolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.otpverification.login.EmailOtpConfig;
import io.github.otpverification.requiredaction.VerifyEmailCodeConfig;
import io.github.otpverification.phone.PhoneNumberValidator;
import io.github.otpverification.phone.RealmPhoneRules;
import io.github.otpverification.requiredaction.VerifyPhoneNumberConfig;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.login.SmsOtpConfig;
import io.github.otpverification.settings.ConfigValues;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RequiredActionConfigModel;

/**
 * Step and action configs are typed by admins: whatever a config map holds, every login step and
 * required action reads a code policy within the bounds (a bad value gives the default, never an
 * exception), and a policy written as config is read back as itself.
 */
class CodePolicyOptionsPropertiesTest {

    private static final List<String> KEYS = List.of(CodePolicyOptions.CODE_LENGTH, CodePolicyOptions.CODE_ALPHABET,
            CodePolicyOptions.TTL_SECONDS, CodePolicyOptions.MAX_ATTEMPTS, CodePolicyOptions.RESEND_COOLDOWN_SECONDS,
            EmailOtpConfig.CODE_IN_SUBJECT, EmailOtpConfig.MISSING_EMAIL, EmailOtpConfig.MARK_EMAIL_VERIFIED,
            RealmPhoneRules.DEFAULT_REGION, RealmPhoneRules.ALLOW_NON_MOBILE, RealmPhoneRules.UNIQUE_NUMBERS);

    @Property(tries = 1500)
    void anyConfigGivesAPolicyWithinBoundsKeepingGoodValues(@ForAll("configs") Map<String, String> config,
                                                           @ForAll("policies") CodePolicy defaults) {
        CodePolicy policy = CodePolicyOptions.read(new ConfigValues(config), defaults); // the record refuses out-of-bounds values

        assertEquals(expected(config, CodePolicyOptions.CODE_LENGTH, defaults.length(), CodePolicy.MIN_LENGTH, CodePolicy.MAX_LENGTH),
                policy.length());
        assertEquals(expected(config, CodePolicyOptions.TTL_SECONDS, defaults.ttlSeconds(), CodePolicy.MIN_TTL_SECONDS,
                CodePolicy.MAX_TTL_SECONDS), policy.ttlSeconds());
        assertEquals(expected(config, CodePolicyOptions.MAX_ATTEMPTS, defaults.maxAttempts(), CodePolicy.MIN_ATTEMPTS,
                CodePolicy.MAX_ATTEMPTS), policy.maxAttempts());
        assertEquals(expected(config, CodePolicyOptions.RESEND_COOLDOWN_SECONDS, defaults.resendCooldownSeconds(),
                CodePolicy.MIN_COOLDOWN_SECONDS, CodePolicy.MAX_COOLDOWN_SECONDS), policy.resendCooldownSeconds());
        CodeAlphabet named = CodeAlphabet.fromConfigValue(config.get(CodePolicyOptions.CODE_ALPHABET));
        assertEquals(named == null ? defaults.alphabet() : named, policy.alphabet());
    }

    @Property(tries = 1000)
    void aPolicyWrittenAsConfigIsReadBackAsItself(@ForAll("policies") CodePolicy policy, @ForAll("policies") CodePolicy defaults,
                                                  @ForAll("padding") String padding) {
        Map<String, String> config = Map.of(
                CodePolicyOptions.CODE_LENGTH, padding + policy.length() + padding,
                CodePolicyOptions.CODE_ALPHABET, padding + policy.alphabet().configValue().toUpperCase(Locale.ROOT),
                CodePolicyOptions.TTL_SECONDS, Integer.toString(policy.ttlSeconds()),
                CodePolicyOptions.MAX_ATTEMPTS, Integer.toString(policy.maxAttempts()),
                CodePolicyOptions.RESEND_COOLDOWN_SECONDS, Integer.toString(policy.resendCooldownSeconds()) + padding);

        assertEquals(policy, CodePolicyOptions.read(new ConfigValues(config), defaults));
    }

    @Property(tries = 1000)
    void everyStepAndActionReadsAnyConfig(@ForAll("configs") Map<String, String> config, @ForAll("policies") CodePolicy defaults,
                                          @ForAll("userLocales") Locale userLocale, @ForAll("phoneInput") String typed) {
        AuthenticatorConfigModel step = new AuthenticatorConfigModel();
        step.setConfig(config);
        RequiredActionConfigModel action = new RequiredActionConfigModel();
        action.setConfig(config);
        RealmOtpSettings settings = RealmOtpSettings.DEFAULTS.with(Map.of(SettingField.CODE_LENGTH, defaults.length(),
                SettingField.CODE_ALPHABET, defaults.alphabet().configValue(), SettingField.TTL_SECONDS, defaults.ttlSeconds(),
                SettingField.MAX_ATTEMPTS, defaults.maxAttempts(), SettingField.RESEND_COOLDOWN_SECONDS, defaults.resendCooldownSeconds(),
                SettingField.SMS_ALLOWED_COUNTRIES, List.of("DE", "AT")));

        assertNotNull(EmailOtpConfig.from(step, defaults));
        assertNotNull(SmsOtpConfig.from(step, defaults));
        assertNotNull(VerifyEmailCodeConfig.from(action, settings));
        VerifyPhoneNumberConfig phone = VerifyPhoneNumberConfig.from(action, settings, userLocale);
        assertNotNull(new PhoneNumberValidator().check(typed, phone.rules()), "any default region an admin types is usable");
    }

    @Property(tries = 1000)
    void alphabetNamesAndTypedCodesNeverBreak(@ForAll("text") String text) {
        CodeAlphabet alphabet = CodeAlphabet.fromConfigValue(text);
        for (CodeAlphabet any : CodeAlphabet.values()) {
            String normalized = any.normalize(text);
            assertEquals(normalized, any.normalize(normalized), "normalizing twice changes nothing");
        }
        if (alphabet != null) {
            assertEquals(alphabet.configValue(), text.trim().toLowerCase(Locale.ROOT));
        }
        assertNull(CodeAlphabet.fromConfigValue(text + "x"));
    }

    /** The config value an option should give: a whole number within the bounds, else the default. */
    private static int expected(Map<String, String> config, String key, int defaultValue, int min, int max) {
        String raw = config.get(key);
        if (raw == null) {
            return defaultValue;
        }
        BigInteger value;
        try {
            value = new BigInteger(raw.trim());
        } catch (NumberFormatException notAWholeNumber) {
            return defaultValue;
        }
        return value.compareTo(BigInteger.valueOf(min)) >= 0 && value.compareTo(BigInteger.valueOf(max)) <= 0 ? value.intValue() : defaultValue;
    }

    @Provide
    Arbitrary<Map<String, String>> configs() {
        Arbitrary<String> key = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(KEYS)), Tuple.of(1, Arbitraries.strings().ofMaxLength(6)));
        Arbitrary<String> value = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(-10, 100_000).map(Object::toString)),
                Tuple.of(2, Arbitraries.of("", " ", " 6 ", "+8", "-0", "06", "6.0", "1e3", "0x10", "2147483648", "-2147483649",
                        "99999999999999999999", "digits", " Alphanumeric ", "hex", "true", "TRUE", "no", "skip", "SKIP", "fail", "DE", "de",
                        "ZZ", "001", "u", "ß", "null")),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(12)));
        return Combinators.combine(key, value.injectNull(0.05)).as(Tuple::of).list().ofMaxSize(10).map(entries -> {
            Map<String, String> config = new HashMap<>();
            entries.forEach(entry -> config.put(entry.get1(), entry.get2()));
            return config;
        });
    }

    @Provide
    Arbitrary<CodePolicy> policies() {
        return Combinators.combine(Arbitraries.integers().between(CodePolicy.MIN_LENGTH, CodePolicy.MAX_LENGTH),
                        Arbitraries.of(CodeAlphabet.values()),
                        Arbitraries.integers().between(CodePolicy.MIN_TTL_SECONDS, CodePolicy.MAX_TTL_SECONDS),
                        Arbitraries.integers().between(CodePolicy.MIN_ATTEMPTS, CodePolicy.MAX_ATTEMPTS),
                        Arbitraries.integers().between(CodePolicy.MIN_COOLDOWN_SECONDS, CodePolicy.MAX_COOLDOWN_SECONDS))
                .as(CodePolicy::new);
    }

    @Provide
    Arbitrary<String> padding() {
        return Arbitraries.of("", " ", "\t", "  \n");
    }

    @Provide
    Arbitrary<Locale> userLocales() {
        return Arbitraries.of(Locale.getAvailableLocales()).injectNull(0.1);
    }

    @Provide
    Arbitrary<String> phoneInput() {
        return Arbitraries.of("+4915112345678", "0151 12345678", "030 1234567", "+1 202 555 0100", "", "12", "+");
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.of("digits", " DIGITS ", "alphanumeric", "Alphanumeric\t", "12 34-56", " ab-cd ", "\u00df", "\u0130"));
    }
}
