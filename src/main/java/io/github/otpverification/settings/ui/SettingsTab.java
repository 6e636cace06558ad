package io.github.otpverification.settings.ui;

import io.github.otpverification.settings.SettingField;
import io.github.otpverification.settings.SettingsStore;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.settings.SettingsUpdate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.ui.extend.UiTabProvider;
import org.keycloak.services.ui.extend.UiTabProviderFactory;

/**
 * The "OTP verification" tab under Realm settings (admin console, {@code --features=declarative-ui}).
 * The admin console keeps the form's values in a realm component; every save is validated like
 * {@code PUT /verification/settings} and written to the realm's settings document, which stays
 * the one source the login steps, required actions and REST API read ({@link SettingsStore}).
 */
public class SettingsTab implements UiTabProvider, UiTabProviderFactory<ComponentModel> {

    public static final String ID = SettingsStore.TAB_ID;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getPath() {
        // Keycloak's own route for the Realm settings page: without the optional marker the tab is
        // listed only once another realm-settings tab is open.
        return "/:realm/realm-settings/:tab?";
    }

    @Override
    public Map<String, String> getParams() {
        return Map.of("tab", ID);
    }

    @Override
    public String getHelpText() {
        return "Defaults for email and SMS codes in this realm: code format, lifetime, attempts, resend cooldown, send limits.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return Arrays.stream(SettingField.values()).map(SettingField::property).toList();
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        settingsFrom(realm, model);
    }

    @Override
    public void onCreate(KeycloakSession session, RealmModel realm, ComponentModel model) {
        settingsFrom(realm, model).save(realm);
    }

    @Override
    public void onUpdate(KeycloakSession session, RealmModel realm, ComponentModel oldModel, ComponentModel newModel) {
        settingsFrom(realm, newModel).save(realm);
    }

    private static RealmOtpSettings settingsFrom(RealmModel realm, ComponentModel model) {
        try {
            return SettingsStore.fromForm(realm, model.getConfig());
        } catch (SettingsUpdate.InvalidField e) {
            throw new ComponentValidationException(e.getMessage());
        }
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }
}
