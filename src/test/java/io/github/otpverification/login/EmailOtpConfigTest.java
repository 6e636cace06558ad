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
                "codeInSubject", "missingEmail", "markEmailVerified", "trustDeviceDays"), names);
    }

    @Test
    void trustedDevicesAreOffByDefaultAndOnlyZeroTo365DaysAreTaken() {
        assertEquals(0, EmailOtpConfig.from(null, CodePolicy.DEFAULTS).trustDeviceDays());
        assertEquals(0, SmsOtpConfig.from(null, CodePolicy.DEFAULTS).trustDeviceDays());
        assertEquals(30, EmailOtpConfig.from(config("trustDeviceDays", "30"), CodePolicy.DEFAULTS).trustDeviceDays());
        assertEquals(365, SmsOtpConfig.from(config("trustDeviceDays", "365"), CodePolicy.DEFAULTS).trustDeviceDays());
        assertEquals(0, EmailOtpConfig.from(config("trustDeviceDays", "366"), CodePolicy.DEFAULTS).trustDeviceDays(),
                "out of range: the default (off)");
        assertEquals(0, SmsOtpConfig.from(config("trustDeviceDays", "-1"), CodePolicy.DEFAULTS).trustDeviceDays());
        assertTrue(SmsOtpConfig.properties().stream().anyMatch(p -> "trustDeviceDays".equals(p.getName())));
    }

    private static AuthenticatorConfigModel config(String key, String value) {
        AuthenticatorConfigModel model = new AuthenticatorConfigModel();
        model.setConfig(Map.of(key, value));
        return model;
    }
}
