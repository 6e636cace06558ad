package io.github.otpverification.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ui.extend.UiTabProvider;

/**
 * Changes to a realm's settings, from the REST API and from the admin console's tab alike: one
 * validation, one document. The admin console keeps the tab's form values in a realm component;
 * an update through the API is written there too, so both always show the same values.
 */
public final class SettingsStore {

    /** The id of the "OTP verification" tab under Realm settings. */
    public static final String TAB_ID = "otp-verification";
    /** How the admin console joins the entries of a multi-valued form field. */
    private static final String LIST_SEPARATOR = "##";

    private SettingsStore() {
    }

    /** Validates a partial document, saves the result and shows it in the admin tab. */
    public static RealmOtpSettings update(KeycloakSession session, RealmModel realm, JsonNode update) {
        RealmOtpSettings updated = SettingsUpdate.apply(RealmOtpSettings.of(realm), update);
        updated.save(realm);
        showInTab(session, realm, updated);
        return updated;
    }

    /** The settings the admin tab's form describes, validated like a REST update (nothing is saved). */
    public static RealmOtpSettings fromForm(RealmModel realm, MultivaluedHashMap<String, String> form) {
        ObjectNode update = JsonNodeFactory.instance.objectNode();
        for (SettingField field : SettingField.values()) {
            List<String> values = form.getList(field.id());
            if (values == null || (values.isEmpty() && field.kind() != SettingField.Kind.COUNTRIES
                    && field.kind() != SettingField.Kind.ORIGINS)) {
                continue;
            }
            String first = values.isEmpty() || values.get(0) == null ? "" : values.get(0).trim();
            switch (field.kind()) {
                case INTEGER -> {
                    if (!first.isEmpty()) {
                        try {
                            update.put(field.id(), Integer.parseInt(first));
                        } catch (NumberFormatException e) {
                            update.put(field.id(), first); // refused by the field's check, with its message
                        }
                    }
                }
                case BOOLEAN -> {
                    if (!first.isEmpty()) {
                        update.put(field.id(), Boolean.parseBoolean(first));
                    }
                }
                case ALPHABET -> {
                    if (!first.isEmpty()) {
                        update.put(field.id(), first);
                    }
                }
                case COUNTRIES, ORIGINS -> {
                    ArrayNode list = update.putArray(field.id());
                    for (String value : values) {
                        for (String entry : value == null ? new String[0] : value.split(LIST_SEPARATOR)) {
                            if (!entry.isBlank()) {
                                list.add(entry.trim());
                            }
                        }
                    }
                }
            }
        }
        return SettingsUpdate.apply(RealmOtpSettings.of(realm), update);
    }

    /** The admin tab's form values for these settings. */
    public static MultivaluedHashMap<String, String> toForm(RealmOtpSettings settings) {
        MultivaluedHashMap<String, String> form = new MultivaluedHashMap<>();
        for (SettingField field : SettingField.values()) {
            Object value = settings.value(field);
            if (value instanceof List<?> list) {
                List<String> entries = new ArrayList<>();
                list.forEach(entry -> entries.add((String) entry));
                form.put(field.id(), entries);
            } else {
                form.putSingle(field.id(), value.toString());
            }
        }
        return form;
    }

    /** Writes the settings into the tab's component, if the tab was ever saved (and declarative-ui is on). */
    private static void showInTab(KeycloakSession session, RealmModel realm, RealmOtpSettings settings) {
        if (session.getKeycloakSessionFactory().getProviderFactory(UiTabProvider.class, TAB_ID) == null) {
            return; // declarative-ui is off: the tab's component cannot be updated (nor seen)
        }
        List<ComponentModel> tabs = realm.getComponentsStream(realm.getId(), UiTabProvider.class.getName())
                .filter(component -> TAB_ID.equals(component.getProviderId())).toList();
        for (ComponentModel tab : tabs) {
            tab.setConfig(toForm(settings));
            realm.updateComponent(tab);
        }
    }
}
