package io.github.otpverification.sms.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpSmsGatewayConfigTest {

    @Test
    void extraHeadersAreReadFromOneOption() {
        assertEquals(Map.of("X-Api-Key", "abc:def", "X-Tenant", "7"),
                HttpSmsGatewayConfig.parseHeaders("X-Api-Key: abc:def; X-Tenant:7 ; broken"));
        assertEquals(Map.of(), HttpSmsGatewayConfig.parseHeaders(null));
    }

    @Test
    void aPairWithoutANameIsSkipped() {
        // found by HttpSmsGatewayConfigPropertiesTest: "\t:" gave a header with an empty name
        assertEquals(Map.of("X-Tenant", "7"), HttpSmsGatewayConfig.parseHeaders("\t: x; X-Tenant: 7;  : y"));
    }
}
