package io.github.otpverification.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PhoneMaskTest {

    @Test
    void phoneShowsCountryCodeAndLastTwoDigits() {
        assertEquals("+49 *** *** 78", DestinationMask.phone("+4915112345678"));
        assertEquals("+1 *** *** 67", DestinationMask.phone("+12025550167"));
        assertEquals("+353 *** *** 45", DestinationMask.phone("+353851234545"));
    }

    @Test
    void oddInputNeverRevealsTheNumber() {
        assertEquals("", DestinationMask.phone(null));
        assertEquals("***", DestinationMask.phone("+491"));
    }
}
