package io.github.otpverification.channel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.email.EmailException;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Renders a code's mail inside the realm's email theme layout; subject and body text come from
 * the message bundles, per purpose. It is sent with the realm's SMTP settings.
 */
final class EmailCodeSender {

    static final String TEMPLATE = "otp-code-email.ftl";

    private final KeycloakSession session;

    EmailCodeSender(KeycloakSession session) {
        this.session = session;
    }

    /**
     * Outside a login (no authentication session: REST) the language comes from the request's
     * choice, the user or the realm, never from the calling app's Accept-Language header.
     */
    OutgoingMessage render(Delivery delivery, String code) throws EmailException {
        RealmModel realm = delivery.realm();
        AuthenticationSessionModel authSession = delivery.authSession();
        String purpose = delivery.purpose();
        String link = delivery.link();
        String realmName = displayName(realm);
        // EmailTemplateProvider adds its own entries to this map, so it must be mutable.
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("code", code);
        attributes.put("purpose", purpose);
        attributes.put("ttlMinutes", (delivery.ttlSeconds() + 59) / 60);
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
        if (delivery.codeInSubject()) {
            subjectArguments.add(code);
            subjectKey = "otpEmailSubjectWithCode." + purpose;
        }

        RenderingEmailTemplates emails = new RenderingEmailTemplates(session);
        emails.setRealm(realm).setUser(delivery.user());
        if (authSession != null) {
            emails.setAuthenticationSession(authSession);
        }
        emails.send(subjectKey, subjectArguments, TEMPLATE, attributes, delivery.destination());
        return emails.rendered();
    }

    /** The realm's name as its mails show it. */
    static String displayName(RealmModel realm) {
        return realm.getDisplayName() == null || realm.getDisplayName().isBlank() ? realm.getName() : realm.getDisplayName();
    }
}
