package io.github.otpverification.settings;

import io.github.otpverification.code.CodeAlphabet;
import io.github.otpverification.code.CodePolicy;
import io.github.otpverification.settings.ConfigValues;
import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The code-policy options every login step and required action offers in its admin console
 * config, declared once and read into a {@link CodePolicy}.
 */
public final class CodePolicyOptions {

    public static final String CODE_LENGTH = "codeLength";
    public static final String CODE_ALPHABET = "codeAlphabet";
    public static final String TTL_SECONDS = "ttlSeconds";
    public static final String MAX_ATTEMPTS = "maxAttempts";
    public static final String RESEND_COOLDOWN_SECONDS = "resendCooldownSeconds";

    private CodePolicyOptions() {
    }

    public static ProviderConfigurationBuilder declare(ProviderConfigurationBuilder builder, CodePolicy defaults) {
        return builder
                .property().name(CODE_LENGTH).label("Code length")
                .helpText("Characters in a code, " + CodePolicy.MIN_LENGTH + " to " + CodePolicy.MAX_LENGTH + ".")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(defaults.length()).add()
                .property().name(CODE_ALPHABET).label("Code alphabet")
                .helpText("'digits', or 'alphanumeric' (upper-case letters and digits without look-alikes).")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(List.of(CodeAlphabet.DIGITS.configValue(), CodeAlphabet.ALPHANUMERIC.configValue()))
                .defaultValue(defaults.alphabet().configValue()).add()
                .property().name(TTL_SECONDS).label("Code lifetime (seconds)")
                .helpText("How long a code stays valid, " + CodePolicy.MIN_TTL_SECONDS + " to " + CodePolicy.MAX_TTL_SECONDS + " seconds.")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(defaults.ttlSeconds()).add()
                .property().name(MAX_ATTEMPTS).label("Attempts per code")
                .helpText("Wrong entries allowed before the code is dead and only a new code helps, "
                        + CodePolicy.MIN_ATTEMPTS + " to " + CodePolicy.MAX_ATTEMPTS + ".")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(defaults.maxAttempts()).add()
                .property().name(RESEND_COOLDOWN_SECONDS).label("Resend cooldown (seconds)")
                .helpText("Minimum time between two codes, 0 to " + CodePolicy.MAX_COOLDOWN_SECONDS + " seconds (0: none).")
                .type(ProviderConfigProperty.INTEGER_TYPE).defaultValue(defaults.resendCooldownSeconds()).add();
    }

    public static CodePolicy read(ConfigValues config, CodePolicy defaults) {
        CodeAlphabet alphabet = CodeAlphabet.fromConfigValue(config.string(CODE_ALPHABET, defaults.alphabet().configValue()));
        return new CodePolicy(
                config.intWithin(CODE_LENGTH, defaults.length(), CodePolicy.MIN_LENGTH, CodePolicy.MAX_LENGTH),
                alphabet == null ? defaults.alphabet() : alphabet,
                config.intWithin(TTL_SECONDS, defaults.ttlSeconds(), CodePolicy.MIN_TTL_SECONDS, CodePolicy.MAX_TTL_SECONDS),
                config.intWithin(MAX_ATTEMPTS, defaults.maxAttempts(), CodePolicy.MIN_ATTEMPTS, CodePolicy.MAX_ATTEMPTS),
                config.intWithin(RESEND_COOLDOWN_SECONDS, defaults.resendCooldownSeconds(),
                        CodePolicy.MIN_COOLDOWN_SECONDS, CodePolicy.MAX_COOLDOWN_SECONDS));
    }
}
