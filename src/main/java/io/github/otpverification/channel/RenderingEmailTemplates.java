package io.github.otpverification.channel;

import io.github.otpverification.code.DeliveryException;
import java.util.Map;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.email.freemarker.FreeMarkerEmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Keycloak's own email templating (the realm's email theme, its messages and layout), stopped
 * just before the SMTP call: the rendered mail is kept as an {@link OutgoingMessage} that any
 * session can send later with Keycloak's {@link EmailSenderProvider}.
 */
final class RenderingEmailTemplates extends FreeMarkerEmailTemplateProvider {

    private RenderedMail rendered;

    RenderingEmailTemplates(KeycloakSession session) {
        super(session);
    }

    @Override
    protected void send(Map<String, String> config, String subject, String textBody, String htmlBody, String address) {
        rendered = new RenderedMail(address, subject, textBody, htmlBody);
    }

    RenderedMail rendered() {
        return rendered;
    }

    /** A rendered mail; the realm's SMTP settings are read when it is sent. */
    record RenderedMail(String address, String subject, String textBody, String htmlBody) implements OutgoingMessage {

        @Override
        public void send(KeycloakSession session, RealmModel realm) throws DeliveryException {
            try {
                session.getProvider(EmailSenderProvider.class).send(realm.getSmtpConfig(), address, subject, textBody, htmlBody);
            } catch (EmailException e) {
                throw DeliveryException.of(e);
            }
        }

        @Override
        public String toString() {
            return "RenderedMail[subject=" + subject + "]"; // never the body: it carries the code
        }
    }
}
