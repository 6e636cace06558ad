package io.github.otpverification.settings;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.otpverification.code.CodeAlphabet;
import io.github.otpverification.code.CodePolicy;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/**
 * A realm's defaults for every login step, required action and the REST API, stored as one JSON
 * realm attribute (so they travel with realm exports). Every {@link SettingField} has a value; a
 * missing or unreadable attribute means the defaults. Limits of 0 mean "no limit"; an empty
 * country list means "all".
 */
public final class RealmOtpSettings {

    public static final String REALM_ATTRIBUTE = "otpVerification.settings";

    private static final Logger LOG = Logger.getLogger(RealmOtpSettings.class);

    public static final RealmOtpSettings DEFAULTS = new RealmOtpSettings(Map.of());

    private final Map<SettingField, Object> values = new EnumMap<>(SettingField.class);

    /** The given values over the defaults. */
    private RealmOtpSettings(Map<SettingField, Object> given) {
        for (SettingField field : SettingField.values()) {
            values.put(field, given.getOrDefault(field, field.defaultValue()));
        }
    }

    /** These settings with some fields changed. */
    public RealmOtpSettings with(Map<SettingField, Object> changes) {
        Map<SettingField, Object> merged = new EnumMap<>(values);
        merged.putAll(changes);
        return new RealmOtpSettings(merged);
    }

    public RealmOtpSettings with(SettingField field, Object value) {
        return with(Map.of(field, value));
    }

    /** Reads a settings document strictly: every field known and valid, else {@link SettingsUpdate.InvalidField}. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RealmOtpSettings fromJson(JsonNode document) {
        return SettingsUpdate.apply(DEFAULTS, document);
    }

    public static RealmOtpSettings of(RealmModel realm) {
        String json = realm.getAttribute(REALM_ATTRIBUTE);
        if (json == null || json.isBlank()) {
            return DEFAULTS;
        }
        try {
            JsonNode document = JsonSerialization.mapper.readTree(json);
            return document == null || document.isNull() ? DEFAULTS : fromJson(document); // the attribute "null"
        } catch (IOException | SettingsUpdate.InvalidField e) {
            LOG.warnf("Realm %s: unreadable %s attribute, using defaults: %s", realm.getName(), REALM_ATTRIBUTE, e.getMessage());
            return DEFAULTS;
        }
    }

    /** Stores these settings as the realm's settings document. */
    public void save(RealmModel realm) {
        try {
            realm.setAttribute(REALM_ATTRIBUTE, JsonSerialization.writeValueAsString(toJson()));
        } catch (IOException e) {
            throw new IllegalStateException("could not write the realm OTP settings", e);
        }
    }

    /** The settings document, every field in declaration order. */
    @JsonValue
    public ObjectNode toJson() {
        ObjectNode document = JsonSerialization.mapper.createObjectNode();
        values.forEach((field, value) -> document.set(field.id(), field.toJson(value)));
        return document;
    }

    public Object value(SettingField field) {
        return values.get(field);
    }

    /** The code policy these settings describe. */
    public CodePolicy codePolicy() {
        return new CodePolicy(codeLength(), CodeAlphabet.fromConfigValue(codeAlphabet()), ttlSeconds(), maxAttempts(),
                resendCooldownSeconds());
    }

    public Integer codeLength() {
        return (Integer) values.get(SettingField.CODE_LENGTH);
    }

    public String codeAlphabet() {
        return (String) values.get(SettingField.CODE_ALPHABET);
    }

    public Integer ttlSeconds() {
        return (Integer) values.get(SettingField.TTL_SECONDS);
    }

    public Integer maxAttempts() {
        return (Integer) values.get(SettingField.MAX_ATTEMPTS);
    }

    public Integer resendCooldownSeconds() {
        return (Integer) values.get(SettingField.RESEND_COOLDOWN_SECONDS);
    }

    public Integer maxSendsPerUserPerHour() {
        return (Integer) values.get(SettingField.MAX_SENDS_PER_USER_PER_HOUR);
    }

    public Integer maxSendsPerDestinationPerHour() {
        return (Integer) values.get(SettingField.MAX_SENDS_PER_DESTINATION_PER_HOUR);
    }

    public Integer maxSendsPerIpPerHour() {
        return (Integer) values.get(SettingField.MAX_SENDS_PER_IP_PER_HOUR);
    }

    public Integer maxSmsPerRealmPerHour() {
        return (Integer) values.get(SettingField.MAX_SMS_PER_REALM_PER_HOUR);
    }

    public Integer maxSmsToNewNumbersPerRealmPerHour() {
        return (Integer) values.get(SettingField.MAX_SMS_TO_NEW_NUMBERS_PER_REALM_PER_HOUR);
    }

    @SuppressWarnings("unchecked")
    public List<String> smsAllowedCountries() {
        return (List<String>) values.get(SettingField.SMS_ALLOWED_COUNTRIES);
    }

    public Boolean requireEmailBeforePhone() {
        return (Boolean) values.get(SettingField.REQUIRE_EMAIL_BEFORE_PHONE);
    }

    @SuppressWarnings("unchecked")
    public List<String> urlTemplateOrigins() {
        return (List<String>) values.get(SettingField.URL_TEMPLATE_ORIGINS);
    }

    /** How recent a sign-in a contact change through the REST API needs, in seconds; 0: no check. */
    public Integer maxAuthAgeSeconds() {
        return (Integer) values.get(SettingField.MAX_AUTH_AGE_SECONDS);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RealmOtpSettings settings && values.equals(settings.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "RealmOtpSettings" + Collections.unmodifiableMap(values);
    }
}
