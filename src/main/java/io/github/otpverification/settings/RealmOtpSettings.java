package io.github.otpverification.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.github.otpverification.code.CodeAlphabet;
import io.github.otpverification.code.CodePolicy;
import java.io.IOException;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/**
 * A realm's defaults for every login step, required action and the REST API (contract section 6),
 * stored as one JSON realm attribute. A missing or unreadable attribute means the defaults.
 * Limits of 0 mean "no limit"; an empty country list means "all".
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RealmOtpSettings(
        Integer codeLength, String codeAlphabet, Integer ttlSeconds, Integer maxAttempts, Integer resendCooldownSeconds,
        Integer maxSendsPerUserPerHour, Integer maxSendsPerDestinationPerHour, Integer maxSendsPerIpPerHour,
        Integer maxSmsPerRealmPerHour, List<String> smsAllowedCountries, Boolean requireEmailBeforePhone,
        List<String> urlTemplateOrigins) {

    public static final String REALM_ATTRIBUTE = "otpVerification.settings";

    private static final Logger LOG = Logger.getLogger(RealmOtpSettings.class);

    public static final RealmOtpSettings DEFAULTS = new RealmOtpSettings(6, "digits", 300, 5, 30, 10, 5, 30, 1000,
            List.of(), false, List.of());

    /** Every field filled: absent ones take the default. */
    public RealmOtpSettings {
        codeLength = codeLength == null ? 6 : codeLength;
        codeAlphabet = codeAlphabet == null ? "digits" : codeAlphabet;
        ttlSeconds = ttlSeconds == null ? 300 : ttlSeconds;
        maxAttempts = maxAttempts == null ? 5 : maxAttempts;
        resendCooldownSeconds = resendCooldownSeconds == null ? 30 : resendCooldownSeconds;
        maxSendsPerUserPerHour = maxSendsPerUserPerHour == null ? 10 : maxSendsPerUserPerHour;
        maxSendsPerDestinationPerHour = maxSendsPerDestinationPerHour == null ? 5 : maxSendsPerDestinationPerHour;
        maxSendsPerIpPerHour = maxSendsPerIpPerHour == null ? 30 : maxSendsPerIpPerHour;
        maxSmsPerRealmPerHour = maxSmsPerRealmPerHour == null ? 1000 : maxSmsPerRealmPerHour;
        smsAllowedCountries = smsAllowedCountries == null ? List.of() : List.copyOf(smsAllowedCountries);
        requireEmailBeforePhone = requireEmailBeforePhone != null && requireEmailBeforePhone;
        urlTemplateOrigins = urlTemplateOrigins == null ? List.of() : List.copyOf(urlTemplateOrigins);
    }

    public static RealmOtpSettings of(RealmModel realm) {
        String json = realm.getAttribute(REALM_ATTRIBUTE);
        if (json == null || json.isBlank()) {
            return DEFAULTS;
        }
        try {
            RealmOtpSettings settings = JsonSerialization.readValue(json, RealmOtpSettings.class);
            return settings == null ? DEFAULTS : settings; // the attribute "null"
        } catch (IOException e) {
            LOG.warnf("Realm %s: unreadable %s attribute, using defaults: %s", realm.getName(), REALM_ATTRIBUTE, e.getMessage());
            return DEFAULTS;
        }
    }

    /** Stores these settings as the realm's settings document. */
    public void save(RealmModel realm) {
        try {
            realm.setAttribute(REALM_ATTRIBUTE, JsonSerialization.writeValueAsString(this));
        } catch (IOException e) {
            throw new IllegalStateException("could not write the realm OTP settings", e);
        }
    }

    /** The code policy these settings describe; out-of-range values fall back to the contract defaults. */
    public CodePolicy codePolicy() {
        try {
            CodeAlphabet alphabet = CodeAlphabet.fromConfigValue(codeAlphabet);
            return new CodePolicy(codeLength, alphabet == null ? CodeAlphabet.DIGITS : alphabet, ttlSeconds, maxAttempts,
                    resendCooldownSeconds);
        } catch (IllegalArgumentException e) {
            LOG.warnf("Realm OTP settings out of range (%s), using default code policy", e.getMessage());
            return CodePolicy.DEFAULTS;
        }
    }
}
