package io.github.otpverification.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.code.CodePolicy;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.provider.ProviderConfigProperty;

class EmailOtpConfigTest {

    @Test
    void noConfigMeansSafeDefaults() {
        EmailOtpConfig config = EmailOtpConfig.from(null, CodePolicy.DEFAULTS);

        assertEquals(CodePolicy.DEFAULTS, config.policy());
        assertEquals(EmailOtpConfig.MissingEmail.FAIL, config.missingEmail());
        assertEquals(false, config.codeInSubject());
        assertEquals(true, config.markEmailVerified());
    }

    @Test
    void adminValuesAreRead() {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(Map.of("missingEmail", "skip", "codeInSubject", "true", "markEmailVerified", "false", "codeLength", "4"));

        EmailOtpConfig config = EmailOtpConfig.from(model, CodePolicy.DEFAULTS);

        assertEquals(EmailOtpConfig.MissingEmail.SKIP, config.missingEmail());
        assertTrue(config.codeInSubject());
        assertEquals(false, config.markEmailVerified());
        assertEquals(4, config.policy().length());
    }

    @Test
    void everyOptionIsDeclaredForTheAdminConsole() {
        Set<String> names = EmailOtpConfig.properties().stream().map(ProviderConfigProperty::getName).collect(Collectors.toSet());

        assertEquals(Set.of("codeLength", "codeAlphabet", "ttlSeconds", "maxAttempts", "resendCooldownSeconds",
                "codeInSubject", "missingEmail", "markEmailVerified"), names);
    }
}
