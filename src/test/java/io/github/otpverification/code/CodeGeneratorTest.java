package io.github.otpverification.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodeGeneratorTest {

    private final CodeGenerator generator = new CodeGenerator();

    @Test
    void digitCodesHaveTheRequestedLength() {
        for (int length = CodePolicy.MIN_LENGTH; length <= CodePolicy.MAX_LENGTH; length++) {
            String code = generator.generate(new CodePolicy(length, CodeAlphabet.DIGITS, 300, 5, 30));
            assertTrue(code.matches("\\d{" + length + "}"), code);
        }
    }

    @Test
    void alphanumericCodesAvoidLookAlikes() {
        CodePolicy policy = new CodePolicy(10, CodeAlphabet.ALPHANUMERIC, 300, 5, 30);
        for (int i = 0; i < 2000; i++) {
            String code = generator.generate(policy);
            assertTrue(code.matches("[A-HJKMNP-Z2-9]{10}"), code);
        }
    }

    @Test
    void everyDigitTurnsUpAboutEquallyOften() {
        Map<Character, Integer> counts = new HashMap<>();
        CodePolicy policy = new CodePolicy(10, CodeAlphabet.DIGITS, 300, 5, 30);
        for (int i = 0; i < 10_000; i++) {
            for (char c : generator.generate(policy).toCharArray()) {
                counts.merge(c, 1, Integer::sum);
            }
        }
        assertEquals(10, counts.size());
        // 100,000 draws: each digit expects 10,000; 9,400..10,600 is over 6 standard deviations wide.
        counts.values().forEach(n -> assertTrue(n > 9_400 && n < 10_600, counts.toString()));
    }
}
