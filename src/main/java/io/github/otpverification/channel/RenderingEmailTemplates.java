package io.github.otpverification.channel;

import io.github.otpverification.code.DeliveryException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
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

        /**
         * Builds the message for the wire, takes the SMTP transport a send would connect, and
         * streams the message where that transport would stream it: into nothing.
         */
        @Override
        public void rehearse(KeycloakSession session, RealmModel realm) {
            try {
                MimeMessage message = forTheWire(realm.getSmtpConfig());
                message.getSession().getTransport("smtp"); // the transport a send connects, left unconnected
                message.writeTo(OutputStream.nullOutputStream());
            } catch (MessagingException | IOException e) {
                // nothing to tell: no message was to go anywhere
            }
        }

        /**
         * The MIME message as Keycloak's {@code DefaultEmailSenderProvider} builds it: a mail
         * session from the realm's SMTP settings, the text and HTML parts, the encoded subject.
         */
        MimeMessage forTheWire(Map<String, String> smtp) throws MessagingException, IOException {
            Properties props = new Properties();
            if (smtp.get("host") != null) {
                props.setProperty("mail.smtp.host", smtp.get("host"));
            }
            if (smtp.get("port") != null) {
                props.setProperty("mail.smtp.port", smtp.get("port"));
            }
            MimeMultipart parts = new MimeMultipart("alternative");
            if (textBody != null) {
                MimeBodyPart text = new MimeBodyPart();
                text.setText(textBody, "UTF-8");
                parts.addBodyPart(text);
            }
            if (htmlBody != null) {
                MimeBodyPart html = new MimeBodyPart();
                html.setContent(htmlBody, "text/html; charset=UTF-8");
                parts.addBodyPart(html);
            }
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            String from = smtp.get("from");
            if (from != null && !from.isBlank()) {
                message.setFrom(new InternetAddress(from, smtp.get("fromDisplayName"), "utf-8"));
            }
            message.setHeader("To", address);
            message.setSubject(MimeUtility.encodeText(subject, StandardCharsets.UTF_8.name(), null));
            message.setContent(parts);
            message.saveChanges();
            message.setSentDate(new Date());
            return message;
        }

        @Override
        public String toString() {
            return "RenderedMail[subject=" + subject + "]"; // never the body: it carries the code
        }
    }
}
