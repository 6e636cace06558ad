package io.github.otpverification.settings.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.otpverification.code.CodeAlphabet;
import io.github.otpverification.code.CodePolicy;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.settings.SettingsUpdate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.ui.extend.UiTabProvider;
import org.keycloak.services.ui.extend.UiTabProviderFactory;

/**
 * The "OTP verification" tab under Realm settings (admin console, {@code --features=declarative-ui}).
 * The admin console keeps the form's values in a realm component; every save is validated like
 * {@code PUT /verification/settings} and written to the realm's settings document, which stays
 * the one source the login steps, required actions and REST API read. A REST update is mirrored
 * back into the tab's component, so both always show the same values.
 */
public class SettingsTab implements UiTabProvider, UiTabProviderFactory<ComponentModel> {

    public static final String ID = "otp-verification";
    private static final String LIST_SEPARATOR = "##";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getPath() {
        return "/:realm/realm-settings/:tab";
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
        RealmOtpSettings d = RealmOtpSettings.DEFAULTS;
        return ProviderConfigurationBuilder.create()
                .property().name("codeLength").label("Code length").type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Characters per code, " + CodePolicy.MIN_LENGTH + " to " + CodePolicy.MAX_LENGTH + ".")
                .defaultValue(d.codeLength()).add()
                .property().name("codeAlphabet").label("Code alphabet").type(ProviderConfigProperty.LIST_TYPE)
                .options(CodeAlphabet.DIGITS.configValue(), CodeAlphabet.ALPHANUMERIC.configValue())
                .helpText("digits, or alphanumeric (upper-case letters and digits without look-alikes).")
                .defaultValue(d.codeAlphabet()).add()
                .property().name("ttlSeconds").label("Code lifetime (seconds)").type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText(CodePolicy.MIN_TTL_SECONDS + " to " + CodePolicy.MAX_TTL_SECONDS + " seconds.")
                .defaultValue(d.ttlSeconds()).add()
                .property().name("maxAttempts").label("Attempts per code").type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Wrong entries before a code is dead, " + CodePolicy.MIN_ATTEMPTS + " to " + CodePolicy.MAX_ATTEMPTS + ".")
                .defaultValue(d.maxAttempts()).add()
                .property().name("resendCooldownSeconds").label("Resend cooldown (seconds)").type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("0 to " + CodePolicy.MAX_COOLDOWN_SECONDS + " seconds; 0 means none.")
                .defaultValue(d.resendCooldownSeconds()).add()
                .property().name("maxSendsPerUserPerHour").label("Codes per user per hour").type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("0 means no limit.").defaultValue(d.maxSendsPerUserPerHour()).add()
                .property().name("maxSendsPerDestinationPerHour").label("Codes per address or number per hour")
                .type(ProviderConfigProperty.INTEGER_TYPE).helpText("0 means no limit.")
                .defaultValue(d.maxSendsPerDestinationPerHour()).add()
                .property().name("maxSendsPerIpPerHour").label("SMS codes per client IP per hour")
                .type(ProviderConfigProperty.INTEGER_TYPE).helpText("0 means no limit.").defaultValue(d.maxSendsPerIpPerHour()).add()
                .property().name("maxSmsPerRealmPerHour").label("SMS per realm per hour").type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("The realm's SMS budget against SMS pumping; 0 means no limit.").defaultValue(d.maxSmsPerRealmPerHour()).add()
                .property().name("smsAllowedCountries").label("SMS countries").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("ISO country codes (DE, FR, ...) whose numbers may receive codes; empty means all.").add()
                .property().name("requireEmailBeforePhone").label("Verified email before phone").type(ProviderConfigProperty.BOOLEAN_TYPE)
                .helpText("Only users with a verified email address may add a phone number.")
                .defaultValue(d.requireEmailBeforePhone()).add()
                .property().name("urlTemplateOrigins").label("Link origins").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Origins (https://app.example.com) REST link templates may point to, besides the clients' redirect URIs "
                        + "and web origins.").add()
                .build();
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

    /** Writes settings changed through the REST API into the tab's component, if the tab was ever saved. */
    public static void mirror(KeycloakSession session, RealmModel realm, RealmOtpSettings settings) {
        if (session.getKeycloakSessionFactory().getProviderFactory(UiTabProvider.class, ID) == null) {
            return; // declarative-ui is off: the tab's component cannot be updated (nor seen)
        }
        realm.getComponentsStream(realm.getId(), UiTabProvider.class.getName())
                .filter(component -> ID.equals(component.getProviderId()))
                .toList()
                .forEach(component -> {
                    component.setConfig(configOf(settings));
                    realm.updateComponent(component);
                });
    }

    private static RealmOtpSettings settingsFrom(RealmModel realm, ComponentModel model) {
        ObjectNode update = JsonNodeFactory.instance.objectNode();
        MultivaluedHashMap<String, String> config = model.getConfig();
        for (String field : List.of("codeLength", "ttlSeconds", "maxAttempts", "resendCooldownSeconds", "maxSendsPerUserPerHour",
                "maxSendsPerDestinationPerHour", "maxSendsPerIpPerHour", "maxSmsPerRealmPerHour")) {
            String value = config.getFirst(field);
            if (value != null && !value.isBlank()) {
                try {
                    update.put(field, Integer.parseInt(value.trim()));
                } catch (NumberFormatException e) {
                    update.put(field, value);
                }
            }
        }
        String alphabet = config.getFirst("codeAlphabet");
        if (alphabet != null && !alphabet.isBlank()) {
            update.put("codeAlphabet", alphabet.trim());
        }
        String emailFirst = config.getFirst("requireEmailBeforePhone");
        if (emailFirst != null && !emailFirst.isBlank()) {
            update.put("requireEmailBeforePhone", Boolean.parseBoolean(emailFirst.trim()));
        }
        for (String field : List.of("smsAllowedCountries", "urlTemplateOrigins")) {
            if (config.containsKey(field)) {
                ArrayNode list = update.putArray(field);
                for (String value : config.getList(field)) {
                    for (String entry : value.split(LIST_SEPARATOR)) {
                        if (!entry.isBlank()) {
                            list.add(entry.trim());
                        }
                    }
                }
            }
        }
        try {
            return SettingsUpdate.apply(RealmOtpSettings.of(realm), update);
        } catch (SettingsUpdate.InvalidField e) {
            throw new ComponentValidationException(e.getMessage());
        }
    }

    private static MultivaluedHashMap<String, String> configOf(RealmOtpSettings settings) {
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle("codeLength", settings.codeLength().toString());
        config.putSingle("codeAlphabet", settings.codeAlphabet());
        config.putSingle("ttlSeconds", settings.ttlSeconds().toString());
        config.putSingle("maxAttempts", settings.maxAttempts().toString());
        config.putSingle("resendCooldownSeconds", settings.resendCooldownSeconds().toString());
        config.putSingle("maxSendsPerUserPerHour", settings.maxSendsPerUserPerHour().toString());
        config.putSingle("maxSendsPerDestinationPerHour", settings.maxSendsPerDestinationPerHour().toString());
        config.putSingle("maxSendsPerIpPerHour", settings.maxSendsPerIpPerHour().toString());
        config.putSingle("maxSmsPerRealmPerHour", settings.maxSmsPerRealmPerHour().toString());
        config.put("smsAllowedCountries", new ArrayList<>(settings.smsAllowedCountries()));
        config.putSingle("requireEmailBeforePhone", settings.requireEmailBeforePhone().toString());
        config.put("urlTemplateOrigins", new ArrayList<>(settings.urlTemplateOrigins()));
        return config;
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
