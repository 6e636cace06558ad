package io.github.otpverification.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.otpverification.testsupport.AttributeRealm;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealmOtpSettingsTest {

    @Test
    void attributeHoldingJsonNullMeansTheDefaults() {
        // found by SettingsUpdatePropertiesTest: "null" was read as no settings object at all, and every endpoint failed with a 500
        assertEquals(RealmOtpSettings.DEFAULTS, RealmOtpSettings.of(AttributeRealm.with(Map.of(RealmOtpSettings.REALM_ATTRIBUTE, "null"))));
    }

    @Test
    void unreadableOrMissingAttributeMeansTheDefaults() {
        assertEquals(RealmOtpSettings.DEFAULTS, RealmOtpSettings.of(AttributeRealm.empty()));
        assertEquals(RealmOtpSettings.DEFAULTS, RealmOtpSettings.of(AttributeRealm.with(Map.of(RealmOtpSettings.REALM_ATTRIBUTE, "[]"))));
        assertEquals(RealmOtpSettings.DEFAULTS,
                RealmOtpSettings.of(AttributeRealm.with(Map.of(RealmOtpSettings.REALM_ATTRIBUTE, "{\"smsAllowedCountries\": [null]}"))));
    }
}
