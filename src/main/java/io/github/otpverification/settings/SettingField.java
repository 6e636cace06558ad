package io.github.otpverification.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.github.otpverification.code.CodeAlphabet;
import io.github.otpverification.code.CodePolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * Every realm setting, declared once: name, kind, bounds, default, label and help. Defaults,
 * validation ({@code PUT /settings} and the admin tab), the tab's form, the OpenAPI schema and the
 * docs table all come from here ({@code SettingsDocsTest} checks the last two).
 */
public enum SettingField {

    CODE_LENGTH("codeLength", Kind.INTEGER, CodePolicy.MIN_LENGTH, CodePolicy.MAX_LENGTH, 6,
            "Code length", "Characters per code."),
    CODE_ALPHABET("codeAlphabet", Kind.ALPHABET, 0, 0, "digits",
            "Code alphabet", "digits, or alphanumeric (upper-case letters and digits without look-alikes)."),
    TTL_SECONDS("ttlSeconds", Kind.INTEGER, CodePolicy.MIN_TTL_SECONDS, CodePolicy.MAX_TTL_SECONDS, 300,
            "Code lifetime (seconds)", "How long a code stays valid."),
    MAX_ATTEMPTS("maxAttempts", Kind.INTEGER, CodePolicy.MIN_ATTEMPTS, CodePolicy.MAX_ATTEMPTS, 5,
            "Attempts per code", "Wrong entries before a code is dead and only a new code helps."),
    RESEND_COOLDOWN_SECONDS("resendCooldownSeconds", Kind.INTEGER, CodePolicy.MIN_COOLDOWN_SECONDS,
            CodePolicy.MAX_COOLDOWN_SECONDS, 30, "Resend cooldown (seconds)", "Minimum time between two codes; 0 means none."),
    MAX_SENDS_PER_USER_PER_HOUR("maxSendsPerUserPerHour", Kind.INTEGER, 0, SettingField.MAX_HOURLY_LIMIT, 10,
            "Codes per user per hour", "0 means no limit."),
    MAX_SENDS_PER_DESTINATION_PER_HOUR("maxSendsPerDestinationPerHour", Kind.INTEGER, 0, SettingField.MAX_HOURLY_LIMIT, 5,
            "Codes per address or number per hour", "0 means no limit."),
    MAX_SENDS_PER_IP_PER_HOUR("maxSendsPerIpPerHour", Kind.INTEGER, 0, SettingField.MAX_HOURLY_LIMIT, 30,
            "Codes per client IP per hour", "SMS on the login pages, a new account's email code there, and every self-service (/me) send; "
                    + "0 means no limit."),
    MAX_SMS_PER_REALM_PER_HOUR("maxSmsPerRealmPerHour", Kind.INTEGER, 0, SettingField.MAX_HOURLY_LIMIT, 1000,
            "SMS per realm per hour", "The realm's SMS budget against SMS pumping; 0 means no limit."),
    MAX_SMS_TO_NEW_NUMBERS_PER_REALM_PER_HOUR("maxSmsToNewNumbersPerRealmPerHour", Kind.INTEGER, 0, SettingField.MAX_HOURLY_LIMIT,
            200, "SMS to new numbers per realm per hour", "The part of the SMS budget that numbers not yet verified (phone "
                    + "setup, changes, sign-up) may use, so a pumping wave there cannot starve sign-ins; 0 means no limit."),
    SMS_ALLOWED_COUNTRIES("smsAllowedCountries", Kind.COUNTRIES, 0, SettingField.MAX_LIST_ENTRIES, List.of(),
            "SMS countries", "ISO country codes (DE, FR, ...) whose numbers may receive codes; empty means every country."),
    REQUIRE_EMAIL_BEFORE_PHONE("requireEmailBeforePhone", Kind.BOOLEAN, 0, 0, false,
            "Verified email before phone", "Only users with a verified email address may add a phone number."),
    URL_TEMPLATE_ORIGINS("urlTemplateOrigins", Kind.ORIGINS, 0, SettingField.MAX_LIST_ENTRIES, List.of(),
            "Link origins", "Origins (https://app.example.com) REST link templates may point to, besides the clients' "
                    + "redirect URIs and web origins."),
    MAX_AUTH_AGE_SECONDS("maxAuthAgeSeconds", Kind.INTEGER, 0, SettingField.MAX_AUTH_AGE_SECONDS_LIMIT, 300,
            "Sign-in age for contact changes (seconds)", "How recent the sign-in of a token must be to change the account's "
                    + "email address or phone number through the REST API; 0 means no check.");

    /** What kind of value a setting holds. */
    public enum Kind { INTEGER, BOOLEAN, ALPHABET, COUNTRIES, ORIGINS }

    /** Upper bound for the hourly caps: large enough for any real realm, small enough to catch typos. */
    public static final int MAX_HOURLY_LIMIT = 1_000_000;
    public static final int MAX_LIST_ENTRIES = 100;
    /** A day: older sign-ins are no proof of anything. */
    public static final int MAX_AUTH_AGE_SECONDS_LIMIT = 86_400;

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final String id;
    private final Kind kind;
    private final int min;
    private final int max;
    private final Object defaultValue;
    private final String label;
    private final String help;

    SettingField(String id, Kind kind, int min, int max, Object defaultValue, String label, String help) {
        this.id = id;
        this.kind = kind;
        this.min = min;
        this.max = max;
        this.defaultValue = defaultValue;
        this.label = label;
        this.help = help;
    }

    /** The name in the settings document. */
    public String id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** For integers the bounds; for lists the most entries (min 0). */
    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public Object defaultValue() {
        return defaultValue;
    }

    public String label() {
        return label;
    }

    /** The help text with the bounds spelled out. */
    public String help() {
        return kind == Kind.INTEGER ? help + " " + min + " to " + max + "." : help;
    }

    /** The field named {@code id}, or null. */
    public static SettingField byId(String id) {
        for (SettingField field : values()) {
            if (field.id.equals(id)) {
                return field;
            }
        }
        return null;
    }

    /** The value a JSON node gives this field, or an {@link SettingsUpdate.InvalidField} saying why it cannot. */
    public Object parse(JsonNode value) {
        return switch (kind) {
            case INTEGER -> {
                if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
                    throw invalid("'" + id + "' must be a whole number from " + min + " to " + max + ".");
                }
                yield value.intValue();
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw invalid("'" + id + "' must be true or false.");
                }
                yield value.booleanValue();
            }
            case ALPHABET -> {
                if (!value.isTextual() || CodeAlphabet.fromConfigValue(value.textValue()) == null) {
                    throw invalid("'" + id + "' must be \"digits\" or \"alphanumeric\".");
                }
                yield value.textValue();
            }
            case COUNTRIES -> strings(value, entry -> COUNTRIES.contains(entry) ? entry : null,
                    "'" + id + "' must list ISO 3166 country codes in capitals, such as \"DE\".");
            case ORIGINS -> strings(value, entry -> isOrigin(entry) ? entry.toLowerCase(Locale.ROOT) : null,
                    "'" + id + "' must list origins such as \"https://app.example.com\" (scheme, host and optional port; no path).");
        };
    }

    /** The value as JSON. */
    public JsonNode toJson(Object value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (kind) {
            case INTEGER -> nodes.numberNode((Integer) value);
            case BOOLEAN -> nodes.booleanNode((Boolean) value);
            case ALPHABET -> nodes.textNode((String) value);
            case COUNTRIES, ORIGINS -> {
                var array = nodes.arrayNode();
                for (Object entry : (List<?>) value) {
                    array.add((String) entry);
                }
                yield array;
            }
        };
    }

    /** The admin console's form field for this setting. */
    public ProviderConfigProperty property() {
        ProviderConfigProperty property = new ProviderConfigProperty();
        property.setName(id);
        property.setLabel(label);
        property.setHelpText(help());
        switch (kind) {
            case INTEGER -> {
                property.setType(ProviderConfigProperty.INTEGER_TYPE);
                property.setDefaultValue(defaultValue);
            }
            case BOOLEAN -> {
                property.setType(ProviderConfigProperty.BOOLEAN_TYPE);
                property.setDefaultValue(defaultValue);
            }
            case ALPHABET -> {
                property.setType(ProviderConfigProperty.LIST_TYPE);
                property.setOptions(List.of(CodeAlphabet.DIGITS.configValue(), CodeAlphabet.ALPHANUMERIC.configValue()));
                property.setDefaultValue(defaultValue);
            }
            case COUNTRIES, ORIGINS -> property.setType(ProviderConfigProperty.MULTIVALUED_STRING_TYPE);
        }
        return property;
    }

    private List<String> strings(JsonNode value, java.util.function.UnaryOperator<String> accept, String refusal) {
        if (!value.isArray() || value.size() > max) {
            throw invalid("'" + id + "' must be a list of at most " + max + " entries.");
        }
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : value) {
            String accepted = entry.isTextual() ? accept.apply(entry.textValue()) : null;
            if (accepted == null) {
                throw invalid(refusal);
            }
            entries.add(accepted);
        }
        return List.copyOf(entries);
    }

    private SettingsUpdate.InvalidField invalid(String message) {
        return new SettingsUpdate.InvalidField(id, message);
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
}
