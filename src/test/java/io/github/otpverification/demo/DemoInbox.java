package io.github.otpverification.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.otpverification.testsupport.Mails;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The demo's SMTP server and a web page listing what it received, newest first. */
final class DemoInbox implements AutoCloseable {

    private final GreenMail smtp;
    private final HttpServer web;

    DemoInbox(int smtpPort, int webPort) throws IOException {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", webPort), 0);
        web.createContext("/", this::listMails);
    }

    void start() {
        smtp.start();
        web.start();
    }

    private void listMails(HttpExchange exchange) throws IOException {
        StringBuilder page = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
                <title>Demo inbox</title><style>body{font-family:sans-serif;max-width:760px;margin:2em auto}
                article{border:1px solid #ccc;border-radius:6px;padding:1em;margin:1em 0}pre{white-space:pre-wrap}</style>
                </head><body><h1>Demo inbox</h1><p>Every mail Keycloak sends in the demo lands here (refreshes itself).</p>
                """);
        MimeMessage[] received = smtp.getReceivedMessages();
        if (received.length == 0) {
            page.append("<p><em>No mail yet.</em></p>");
        }
        for (MimeMessage message : reversed(received)) {
            try {
                page.append("<article><b>To:</b> ").append(escape(String.join(", ", Arrays.stream(message.getAllRecipients()).map(Object::toString).toList())))
                        .append("<br><b>Subject:</b> ").append(escape(message.getSubject()))
                        .append("<br><b>Sent:</b> ").append(message.getSentDate())
                        .append("<pre>").append(escape(String.valueOf(Mails.part(message, "text/plain")))).append("</pre></article>");
            } catch (Exception e) {
                page.append("<article>unreadable mail: ").append(escape(e.getMessage())).append("</article>");
            }
        }
        byte[] body = page.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static MimeMessage[] reversed(MimeMessage[] messages) {
        MimeMessage[] copy = new MimeMessage[messages.length];
        for (int i = 0; i < messages.length; i++) {
            copy[i] = messages[messages.length - 1 - i];
        }
        return copy;
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() {
        web.stop(0);
        smtp.stop();
    }
}
