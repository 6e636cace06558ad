package io.github.otpverification.email;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Mails a code with the realm's SMTP settings, inside the realm's email theme layout; subject
 * and body text come from the message bundles, per purpose.
 */
public final class EmailCodeSender {

    static final String TEMPLATE = "otp-code-email.ftl";

    private final KeycloakSession session;

    public EmailCodeSender(KeycloakSession session) {
        this.session = session;
    }

    public void send(RealmModel realm, UserModel user, AuthenticationSessionModel authSession, String address,
                     String code, String purpose, int ttlSeconds, boolean codeInSubject) throws EmailException {
        send(realm, user, authSession, address, code, purpose, ttlSeconds, codeInSubject, null);
    }

    /**
     * @param authSession the login's session, or null outside a login (REST): then the locale
     *                    comes from the request's choice, the user or the realm, never from the
     *                    calling app's Accept-Language header
     * @param link        an app's link carrying the code, or null
     */
    public void send(RealmModel realm, UserModel user, AuthenticationSessionModel authSession, String address,
                     String code, String purpose, int ttlSeconds, boolean codeInSubject, String link) throws EmailException {
        String realmName = realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName() : realm.getDisplayName();
        // EmailTemplateProvider adds its own entries to this map, so it must be mutable.
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("code", code);
        attributes.put("purpose", purpose);
        attributes.put("ttlMinutes", (ttlSeconds + 59) / 60);
        attributes.put("realmDisplayName", realmName);
        if (link != null) {
            attributes.put("link", link);
        }
        if (authSession == null) {
            attributes.put(Constants.IGNORE_ACCEPT_LANGUAGE_HEADER, true);
        }

        List<Object> subjectArguments = new ArrayList<>();
        subjectArguments.add(realmName);
        String subjectKey = "otpEmailSubject." + purpose;
        if (codeInSubject) {
            subjectArguments.add(code);
            subjectKey = "otpEmailSubjectWithCode." + purpose;
        }

        EmailTemplateProvider emails = session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user);
        if (authSession != null) {
            emails.setAuthenticationSession(authSession);
        }
        emails.send(subjectKey, subjectArguments, TEMPLATE, attributes, address);
    }
}
