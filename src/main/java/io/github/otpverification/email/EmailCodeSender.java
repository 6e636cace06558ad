package io.github.otpverification.email;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
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
        String realmName = realm.getDisplayName() == null || realm.getDisplayName().isBlank()
                ? realm.getName() : realm.getDisplayName();
        // EmailTemplateProvider adds its own entries to this map, so it must be mutable.
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("code", code);
        attributes.put("purpose", purpose);
        attributes.put("ttlMinutes", (ttlSeconds + 59) / 60);
        attributes.put("realmDisplayName", realmName);

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
