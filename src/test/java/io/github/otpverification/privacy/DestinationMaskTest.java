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

    @Test
    void scrubbedReasonsNameNoNumberAndNoAddress() {
        String twilio = "HTTP 400: {\"code\": 21211, \"message\": \"The 'To' number +4915112345678 is not a valid phone number.\"}";
        String smtp = "SendFailedException: 550 5.1.1 <vera@example.com>: Recipient address rejected";

        assertEquals("HTTP 400: {\"code\": 21211, \"message\": \"The 'To' number +49 *** *** 78 is not a valid phone number.\"}",
                DestinationMask.scrub(twilio));
        assertEquals("SendFailedException: 550 5.1.1 <v***@e***.com>: Recipient address rejected", DestinationMask.scrub(smtp));
        assertEquals("connect timed out after 3000 ms", DestinationMask.scrub("connect timed out after 3000 ms"));
    }

    @Test
    void whatSomeoneTypedIsShownBackMaskedOnlyWhenItIsAnAddressOrANumber() {
        assertEquals("j***@e***.com", DestinationMask.typed("john.doe@example.com"));
        assertEquals("+49 *** *** 78", DestinationMask.typed("+49 151 12345678"));
        assertEquals("uc0981378", DestinationMask.typed("uc0981378"), "a username with digits in it is no phone number");
        assertEquals("jane.doe", DestinationMask.typed("jane.doe"));
    }
}
