package io.github.otpverification.settings;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.otpverification.code.CodeAlphabet;
import io.github.otpverification.code.CodePolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A partial settings document (contract section 6) checked field by field and merged into the
 * current settings: absent fields keep their value, and any invalid field rejects the whole
 * update, so nothing changes.
 */
public final class SettingsUpdate {

    /** Upper bound for the hourly caps: large enough for any real realm, small enough to catch typos. */
    public static final int MAX_HOURLY_LIMIT = 1_000_000;
    public static final int MAX_LIST_ENTRIES = 100;

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** A field the update refuses, with a sentence saying why. */
    public static final class InvalidField extends RuntimeException {
        private final String field;

        InvalidField(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private SettingsUpdate() {
    }

    public static RealmOtpSettings apply(RealmOtpSettings current, JsonNode update) {
        if (update == null || !update.isObject()) {
            throw new InvalidField(null, "The settings must be a JSON object.");
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = update.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            merged.put(field.getKey(), read(field.getKey(), field.getValue()));
        }
        return new RealmOtpSettings(
                (Integer) merged.getOrDefault("codeLength", current.codeLength()),
                (String) merged.getOrDefault("codeAlphabet", current.codeAlphabet()),
                (Integer) merged.getOrDefault("ttlSeconds", current.ttlSeconds()),
                (Integer) merged.getOrDefault("maxAttempts", current.maxAttempts()),
                (Integer) merged.getOrDefault("resendCooldownSeconds", current.resendCooldownSeconds()),
                (Integer) merged.getOrDefault("maxSendsPerUserPerHour", current.maxSendsPerUserPerHour()),
                (Integer) merged.getOrDefault("maxSendsPerDestinationPerHour", current.maxSendsPerDestinationPerHour()),
                (Integer) merged.getOrDefault("maxSendsPerIpPerHour", current.maxSendsPerIpPerHour()),
                (Integer) merged.getOrDefault("maxSmsPerRealmPerHour", current.maxSmsPerRealmPerHour()),
                strings(merged.getOrDefault("smsAllowedCountries", current.smsAllowedCountries())),
                (Boolean) merged.getOrDefault("requireEmailBeforePhone", current.requireEmailBeforePhone()),
                strings(merged.getOrDefault("urlTemplateOrigins", current.urlTemplateOrigins())));
    }

    private static Object read(String field, JsonNode value) {
        return switch (field) {
            case "codeLength" -> integer(field, value, CodePolicy.MIN_LENGTH, CodePolicy.MAX_LENGTH);
            case "ttlSeconds" -> integer(field, value, CodePolicy.MIN_TTL_SECONDS, CodePolicy.MAX_TTL_SECONDS);
            case "maxAttempts" -> integer(field, value, CodePolicy.MIN_ATTEMPTS, CodePolicy.MAX_ATTEMPTS);
            case "resendCooldownSeconds" -> integer(field, value, CodePolicy.MIN_COOLDOWN_SECONDS, CodePolicy.MAX_COOLDOWN_SECONDS);
            case "maxSendsPerUserPerHour", "maxSendsPerDestinationPerHour", "maxSendsPerIpPerHour", "maxSmsPerRealmPerHour" ->
                    integer(field, value, 0, MAX_HOURLY_LIMIT);
            case "codeAlphabet" -> alphabet(field, value);
            case "requireEmailBeforePhone" -> bool(field, value);
            case "smsAllowedCountries" -> countries(field, value);
            case "urlTemplateOrigins" -> origins(field, value);
            default -> throw new InvalidField(field, "Unknown setting '" + field + "'.");
        };
    }

    private static int integer(String field, JsonNode value, int min, int max) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw new InvalidField(field, "'" + field + "' must be a whole number from " + min + " to " + max + ".");
        }
        return value.intValue();
    }

    private static String alphabet(String field, JsonNode value) {
        if (!value.isTextual() || CodeAlphabet.fromConfigValue(value.textValue()) == null) {
            throw new InvalidField(field, "'" + field + "' must be \"digits\" or \"alphanumeric\".");
        }
        return value.textValue();
    }

    private static boolean bool(String field, JsonNode value) {
        if (!value.isBoolean()) {
            throw new InvalidField(field, "'" + field + "' must be true or false.");
        }
        return value.booleanValue();
    }

    private static List<String> countries(String field, JsonNode value) {
        List<String> countries = new ArrayList<>();
        for (JsonNode entry : list(field, value)) {
            if (!entry.isTextual() || !COUNTRIES.contains(entry.textValue())) {
                throw new InvalidField(field, "'" + field + "' must list ISO 3166 country codes in capitals, such as \"DE\".");
            }
            countries.add(entry.textValue());
        }
        return countries;
    }

    private static List<String> origins(String field, JsonNode value) {
        List<String> origins = new ArrayList<>();
        for (JsonNode entry : list(field, value)) {
            if (!entry.isTextual() || !isOrigin(entry.textValue())) {
                throw new InvalidField(field, "'" + field + "' must list origins such as \"https://app.example.com\" "
                        + "(scheme, host and optional port; no path).");
            }
            origins.add(entry.textValue().toLowerCase(Locale.ROOT));
        }
        return origins;
    }

    private static JsonNode list(String field, JsonNode value) {
        if (!value.isArray() || value.size() > MAX_LIST_ENTRIES) {
            throw new InvalidField(field, "'" + field + "' must be a list of at most " + MAX_LIST_ENTRIES + " entries.");
        }
        return value;
    }

    private static boolean isOrigin(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme();
            return ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) && uri.getHost() != null
                    && uri.getUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                    && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object list) {
        return (List<String>) list;
    }
}
