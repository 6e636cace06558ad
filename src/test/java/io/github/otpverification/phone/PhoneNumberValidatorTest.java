package io.github.otpverification.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PhoneNumberValidatorTest {

    private final PhoneNumberValidator validator = new PhoneNumberValidator();
    private final PhoneNumberRules anywhere = PhoneNumberRules.DEFAULTS;

    @Test
    void mobileNumbersAreNormalisedToE164() {
        assertEquals("+4915112345678", validator.check("+49 151 12345678", anywhere).e164());
        assertEquals("+4915112345678", validator.check("0151 / 123-456 78", new PhoneNumberRules("DE", Set.of(), false)).e164());
        assertEquals("+436641234567", validator.check("+43 (664) 1234567", anywhere).e164());
    }

    @Test
    void eachRefusalHasItsOwnReason() {
        assertEquals(PhoneNumberCheck.MISSING, validator.check("  ", anywhere).errorKey());
        assertEquals(PhoneNumberCheck.INVALID, validator.check("call me maybe", anywhere).errorKey());
        assertEquals(PhoneNumberCheck.INVALID, validator.check("+49 151", anywhere).errorKey());
        assertEquals(PhoneNumberCheck.INVALID, validator.check("0151 12345678", anywhere).errorKey(), "no country code, no default region");
        assertEquals(PhoneNumberCheck.INVALID, validator.check("+49151".repeat(40), anywhere).errorKey());
        assertEquals(PhoneNumberCheck.NOT_MOBILE, validator.check("+49 30 12345678", anywhere).errorKey());
        assertEquals(PhoneNumberCheck.PREMIUM_RATE, validator.check("+49 900 1234567", anywhere).errorKey());
    }

    /** Found by PhoneNumberValidatorPropertiesTest: libphonenumber calls this 6-digit number valid, E.164 storage does not. */
    @Test
    void numbersShorterThanTheStoredPatternAreRefusedEvenWhereFixedLinesPass() {
        assertEquals(PhoneNumberCheck.INVALID, validator.check("+989601", new PhoneNumberRules(null, Set.of(), true)).errorKey());
        assertEquals(PhoneNumberCheck.INVALID, validator.check("+989601", anywhere).errorKey());
    }

    @Test
    void countriesOutsideTheAllowListAreRefused() {
        PhoneNumberRules germanOnly = new PhoneNumberRules(null, Set.of("de"), false);

        assertEquals(PhoneNumberCheck.COUNTRY_NOT_ALLOWED, validator.check("+33 6 12 34 56 78", germanOnly).errorKey());
        assertEquals("+4915112345678", validator.check("+4915112345678", germanOnly).e164());
    }

    @Test
    void fixedLinesPassOnlyWhenAllowed() {
        PhoneNumberRules anyLine = new PhoneNumberRules(null, Set.of(), true);

        assertEquals("+493012345678", validator.check("+49 30 12345678", anyLine).e164());
        assertEquals(PhoneNumberCheck.PREMIUM_RATE, validator.check("+49 900 1234567", anyLine).errorKey(), "premium rate never");
    }
}
