package io.github.otpverification.settings;

import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Typed, forgiving reads of a provider config map: a missing value gives the default, a bad one
 * gives the default and a warning. Admin typos must never break a login.
 */
public final class ConfigValues {

    private static final Logger LOG = Logger.getLogger(ConfigValues.class);

    private final Map<String, String> values;

    public ConfigValues(Map<String, String> values) {
        this.values = values == null ? Map.of() : values;
    }

    public int intWithin(String key, int defaultValue, int min, int max) {
        String raw = values.get(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the warning
        }
        LOG.warnf("Config option %s=%s is not a number from %d to %d; using %d", key, raw, min, max, defaultValue);
        return defaultValue;
    }

    public boolean bool(String key, boolean defaultValue) {
        String raw = values.get(key);
        return raw == null || raw.isBlank() ? defaultValue : Boolean.parseBoolean(raw.trim());
    }

    public String string(String key, String defaultValue) {
        String raw = values.get(key);
        return raw == null || raw.isBlank() ? defaultValue : raw.trim();
    }
}
