package io.github.otpverification.sms;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.theme.FreeMarkerException;
import org.keycloak.theme.Theme;
import org.keycloak.theme.beans.MessageFormatterMethod;
import org.keycloak.theme.freemarker.FreeMarkerProvider;

/**
 * Renders an SMS from the theme template {@code sms/otp-code-sms.ftl} of the realm's email theme,
 * in the given locale, per purpose. The text ends with the WebOTP line {@code @host #code}.
 */
public final class SmsTextRenderer {

    static final String TEMPLATE = "sms/otp-code-sms.ftl";

    private final KeycloakSession session;

    public SmsTextRenderer(KeycloakSession session) {
        this.session = session;
    }

    public String render(RealmModel realm, Locale locale, String purpose, String code, int ttlSeconds) throws SmsDeliveryException {
        return render(realm, locale, purpose, code, ttlSeconds, null);
    }

    /** @param link an app's link carrying the code, or null */
    public String render(RealmModel realm, Locale locale, String purpose, String code, int ttlSeconds, String link)
            throws SmsDeliveryException {
        try {
            Theme theme = session.theme().getTheme(Theme.Type.EMAIL);
            Properties messages = theme.getEnhancedMessages(realm, locale);
            Map<String, Object> attributes = new HashMap<>();
            attributes.put("msg", new MessageFormatterMethod(locale, messages));
            attributes.put("code", code);
            attributes.put("purpose", purpose);
            attributes.put("ttlMinutes", (ttlSeconds + 59) / 60);
            attributes.put("realmName", realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                    ? realm.getName() : realm.getDisplayName());
            if (link != null) {
                attributes.put("link", link);
            }
            attributes.put("host", session.getContext().getUri().getBaseUri().getHost());
            return session.getProvider(FreeMarkerProvider.class).processTemplate(attributes, TEMPLATE, theme).strip();
        } catch (IOException | FreeMarkerException e) {
            throw new SmsDeliveryException("could not render the SMS text: " + e.getMessage(), e);
        }
    }
}
