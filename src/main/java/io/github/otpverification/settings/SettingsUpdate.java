package io.github.otpverification.settings;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A partial settings document checked field by field ({@link SettingField}) and merged into the
 * current settings: absent fields keep their value, and any invalid field rejects the whole
 * update, so nothing changes.
 */
public final class SettingsUpdate {

    public static final int MAX_HOURLY_LIMIT = SettingField.MAX_HOURLY_LIMIT;
    public static final int MAX_LIST_ENTRIES = SettingField.MAX_LIST_ENTRIES;

    /** A field the update refuses, with a sentence saying why. */
    public static final class InvalidField extends RuntimeException {
        private final String field;

        InvalidField(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        /** The field's name, or null when the whole document is wrong. */
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
        Map<SettingField, Object> changes = new EnumMap<>(SettingField.class);
        for (Iterator<Map.Entry<String, JsonNode>> fields = update.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = fields.next();
            SettingField field = SettingField.byId(entry.getKey());
            if (field == null) {
                throw new InvalidField(entry.getKey(), "Unknown setting '" + entry.getKey() + "'.");
            }
            changes.put(field, field.parse(entry.getValue()));
        }
        return current.with(changes);
    }
}
