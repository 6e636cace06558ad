package io.github.otpverification.rest;

import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.settings.SettingsUpdate;
import io.github.otpverification.settings.ui.SettingsTab;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/** {@code GET}/{@code PUT /settings}: the realm's settings document, validated field by field. */
final class SettingsDocument {

    private static final Set<String> FIELDS = fieldsOf(RealmOtpSettings.DEFAULTS);

    private final KeycloakSession session;
    private final RealmModel realm;

    SettingsDocument(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    RealmOtpSettings read() {
        return RealmOtpSettings.of(realm);
    }

    RealmOtpSettings update(String contentType, InputStream body) {
        JsonBody json = JsonBody.read(contentType, body, FIELDS);
        RealmOtpSettings updated;
        try {
            updated = SettingsUpdate.apply(RealmOtpSettings.of(realm), json.asNode());
        } catch (SettingsUpdate.InvalidField e) {
            throw ApiError.INVALID_REQUEST.because(e.getMessage()).with("field", e.field());
        }
        updated.save(realm);
        SettingsTab.mirror(session, realm, updated);
        return updated;
    }

    /** The settings document's field names, as Jackson writes them. */
    private static Set<String> fieldsOf(RealmOtpSettings settings) {
        Set<String> names = new HashSet<>();
        JsonSerialization.mapper.valueToTree(settings).fieldNames().forEachRemaining(names::add);
        return Set.copyOf(names);
    }
}
