package io.github.otpverification.code;

import io.github.otpverification.settings.CodePolicyOptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.otpverification.settings.ConfigValues;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodePolicyTest {

    @Test
    void defaultsAreTheContractDefaults() {
        assertEquals(new CodePolicy(6, CodeAlphabet.DIGITS, 300, 5, 30), CodePolicy.DEFAULTS);
    }

    @Test
    void outOfBoundsValuesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new CodePolicy(3, CodeAlphabet.DIGITS, 300, 5, 30));
        assertThrows(IllegalArgumentException.class, () -> new CodePolicy(11, CodeAlphabet.DIGITS, 300, 5, 30));
        assertThrows(IllegalArgumentException.class, () -> new CodePolicy(6, CodeAlphabet.DIGITS, 29, 5, 30));
        assertThrows(IllegalArgumentException.class, () -> new CodePolicy(6, CodeAlphabet.DIGITS, 300, 0, 30));
        assertThrows(IllegalArgumentException.class, () -> new CodePolicy(6, CodeAlphabet.DIGITS, 300, 21, 30));
        assertThrows(IllegalArgumentException.class, () -> new CodePolicy(6, CodeAlphabet.DIGITS, 300, 5, 3601));
    }

    @Test
    void configOptionsAreReadWithFallbacksForBadValues() {
        CodePolicy read = CodePolicyOptions.read(new ConfigValues(Map.of(
                "codeLength", "8", "codeAlphabet", "alphanumeric", "ttlSeconds", "abc",
                "maxAttempts", "99", "resendCooldownSeconds", "0")), CodePolicy.DEFAULTS);

        assertEquals(new CodePolicy(8, CodeAlphabet.ALPHANUMERIC, 300, 5, 0), read);
    }

    @Test
    void missingConfigMeansDefaults() {
        assertEquals(CodePolicy.DEFAULTS, CodePolicyOptions.read(new ConfigValues(null), CodePolicy.DEFAULTS));
    }
}
