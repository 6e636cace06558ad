package io.github.otpverification.bench;

import io.github.otpverification.testsupport.MailCatcher;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;

/** Plain Jakarta Mail sends from this JVM to the {@link MailCatcher}: what one SMTP transaction costs here. */
final class SmtpFloor {

    private static final String TO = "smtp-floor@bench.test";

    private SmtpFloor() {
    }

    static Latencies directSends(MailCatcher mail, int count) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", Integer.toString(mail.port()));
        Session session = Session.getInstance(properties);
        Latencies latencies = new Latencies();
        for (int i = 0; i < count; i++) {
            MimeMessage message = new MimeMessage(session);
            message.setFrom("bench@bench.test");
            message.setRecipients(Message.RecipientType.TO, TO);
            message.setSubject("SMTP floor");
            message.setText("123456");
            long start = System.nanoTime();
            Transport.send(message);
            latencies.add(System.nanoTime() - start);
            mail.discard(TO);
        }
        return latencies;
    }
}
