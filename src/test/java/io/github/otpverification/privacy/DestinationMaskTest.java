package io.github.otpverification.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DestinationMaskTest {

    @Test
    void emailShowsFirstLettersAndTopLevelDomainOnly() {
        assertEquals("j***@e***.com", DestinationMask.email("john.doe@example.com"));
        assertEquals("a***@m***.uk", DestinationMask.email("a@mail.example.co.uk"));
    }

    @Test
    void oddAddressesStillGetMasked() {
        assertEquals("", DestinationMask.email(null));
        assertEquals("n***", DestinationMask.email("not-an-address"));
        assertEquals("x***@l***", DestinationMask.email("x@localhost"));
    }
}
