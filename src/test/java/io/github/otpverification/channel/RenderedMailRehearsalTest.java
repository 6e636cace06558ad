package io.github.otpverification.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.models.RealmModel;

/**
 * A decoy's mail is rehearsed after a blind page's answer: built for the wire as a real one, and
 * dropped (docs/architecture.md, "Blind pages and decoys").
 */
class RenderedMailRehearsalTest {

    private final RenderingEmailTemplates.RenderedMail mail = new RenderingEmailTemplates.RenderedMail("nobody@example.org",
            "Reset your password at Demö", "Your code: 123456", "<p>Your code: <b>123456</b></p>");

    @Test
    void theRehearsalBuildsTheMessageARealSendWouldHandOver() throws Exception {
        MimeMessage message = mail.forTheWire(Map.of("host", "127.0.0.1", "port", "25", "from", "noreply@example.org",
                "fromDisplayName", "Demö"));

        assertEquals("Reset your password at Demö", message.getSubject());
        assertEquals("nobody@example.org", message.getHeader("To", null));
        assertTrue(message.getFrom()[0].toString().contains("noreply@example.org"));
        Multipart parts = (Multipart) message.getContent();
        assertEquals(2, parts.getCount(), "text and HTML, as Keycloak's sender builds them");
        assertEquals("Your code: 123456", parts.getBodyPart(0).getContent());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        message.writeTo(wire);
        assertTrue(wire.toString(StandardCharsets.US_ASCII).contains("text/html"), "the whole message is encoded for the wire");
    }

    @Test
    void theRehearsalNeverReachesTheRealmsMailServer() throws Exception {
        try (ServerSocket smtp = new ServerSocket(0)) {
            smtp.setSoTimeout(300);
            mail.rehearse(null, realmWithSmtp(Map.of("host", "127.0.0.1", "port", Integer.toString(smtp.getLocalPort()),
                    "from", "noreply@example.org")));

            assertThrows(SocketTimeoutException.class, smtp::accept, "no connection to the mail server");
        }
    }

    @Test
    void aRealmWithoutMailSettingsStillRehearsesWithoutFailing() {
        mail.rehearse(null, realmWithSmtp(Map.of()));
    }

    private static RealmModel realmWithSmtp(Map<String, String> smtp) {
        return (RealmModel) Proxy.newProxyInstance(RealmModel.class.getClassLoader(), new Class<?>[] {RealmModel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSmtpConfig" -> smtp;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
