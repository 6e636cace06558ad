package io.github.otpverification.testsupport;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keycloak.testframework.mail.MailServer;

/** Reads codes out of the mails GreenMail received. */
public final class Mails {

    private static final Pattern SIX_DIGITS = Pattern.compile("(?m)^\\s*(\\d{6})\\s*$");

    private Mails() {
    }

    /** Waits for the n-th mail of the test and returns it. */
    public static MimeMessage awaitMail(MailServer mail, int count) {
        if (!mail.waitForIncomingEmail(10_000, count)) {
            throw new AssertionError("expected " + count + " mail(s), got " + mail.getReceivedMessages().length);
        }
        MimeMessage[] received = mail.getReceivedMessages();
        return received[count - 1];
    }

    public static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError("cannot read recipient", e);
        }
    }

    public static String codeIn(MimeMessage message) {
        String text = part(message, "text/plain");
        Matcher matcher = SIX_DIGITS.matcher(text);
        if (!matcher.find()) {
            throw new AssertionError("no code in mail text: " + text);
        }
        return matcher.group(1);
    }

    public static String part(MimeMessage message, String mimeType) {
        try {
            return find(message, mimeType);
        } catch (Exception e) {
            throw new AssertionError("cannot read mail", e);
        }
    }

    private static String find(Part part, String mimeType) throws Exception {
        if (part.isMimeType(mimeType)) {
            return part.getContent().toString();
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = find(body, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
