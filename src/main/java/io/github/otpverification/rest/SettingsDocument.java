package io.github.otpverification.rest;

import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.settings.SettingsUpdate;
import io.github.otpverification.settings.SettingField;
import io.github.otpverification.settings.SettingsStore;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/** {@code GET}/{@code PUT /settings}: the realm's settings document, validated field by field. */
final class SettingsDocument {

    private static final Set<String> FIELDS = Arrays.stream(SettingField.values()).map(SettingField::id)
            .collect(Collectors.toUnmodifiableSet());

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
        try {
            return SettingsStore.update(session, realm, json.asNode());
        } catch (SettingsUpdate.InvalidField e) {
            throw ApiError.INVALID_REQUEST.because(e.getMessage()).with("field", e.field());
        }
    }

    /** Records an accepted update as an admin event of the caller: UPDATE of the realm, with the new document. */
    void audit(AdminEventBuilder event, RealmOtpSettings updated) {
        event.operation(OperationType.UPDATE).resource(ResourceType.REALM).resourcePath(session.getContext().getUri())
                .representation(updated.toJson()).success();
    }
}
