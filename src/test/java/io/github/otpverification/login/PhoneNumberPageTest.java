package io.github.otpverification.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which {@code login_hint} values prefill the phone field. */
class PhoneNumberPageTest {

    @Test
    void aTelUriOrAnInternationalNumberIsPrefilled() {
        assertEquals("+4915112345678", PhoneNumberPage.hintedNumber("tel:+4915112345678"));
        assertEquals("+4915112345678", PhoneNumberPage.hintedNumber("TEL:+4915112345678"));
        assertEquals("+49-151-12345678", PhoneNumberPage.hintedNumber("tel:+49-151-12345678;ext=12"));
        assertEquals("+49 151 12345678", PhoneNumberPage.hintedNumber(" +49 151 12345678 "));
    }

    @Test
    void usernamesAddressesNationalNumbersAndJunkAreNot() {
        assertNull(PhoneNumberPage.hintedNumber(null));
        assertNull(PhoneNumberPage.hintedNumber("paula"));
        assertNull(PhoneNumberPage.hintedNumber("paula@example.com"));
        assertNull(PhoneNumberPage.hintedNumber("0151 12345678"), "a national number needs a region the hint does not carry");
        assertNull(PhoneNumberPage.hintedNumber("tel:"));
        assertNull(PhoneNumberPage.hintedNumber("+49<script>"));
        assertNull(PhoneNumberPage.hintedNumber("+" + "1".repeat(40)), "longer than the field");
    }
}
