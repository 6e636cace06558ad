package io.github.otpverification.sms;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.sms.log.LogSmsGatewayFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogSmsGatewayFactoryTest {

    @AfterEach
    void clearProfile() {
        System.clearProperty("kc.profile");
    }

    @Test
    void logGatewayExistsOnlyInDevMode() {
        LogSmsGatewayFactory factory = new LogSmsGatewayFactory();

        System.clearProperty("kc.profile");
        assertFalse(factory.isSupported(null), "a production server must not load it");

        System.setProperty("kc.profile", "dev");
        assertTrue(factory.isSupported(null));
    }
}
