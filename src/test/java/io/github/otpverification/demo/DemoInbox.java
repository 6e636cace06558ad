package io.github.otpverification.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The demo's SMTP server and a web page listing what it received, newest first. */
final class DemoInbox implements AutoCloseable {

    private final GreenMail smtp;
    private final HttpServer web;
    private final List<String[]> texts = new CopyOnWriteArrayList<>();

    DemoInbox(int smtpPort, int webPort) throws IOException {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", webPort), 0);
        web.createContext("/", this::listMessages);
        web.createContext("/sms", this::receiveSms);
    }

    void start() {
        smtp.start();
        web.start();
    }

    /** What the {@code http} gateway posts: {"to", "text", "realm", "purpose"}. */
    private void receiveSms(HttpExchange exchange) throws IOException {
        JsonNode sms = new ObjectMapper().readTree(exchange.getRequestBody());
        texts.add(new String[] {sms.path("to").asText(), sms.path("purpose").asText(), sms.path("text").asText(), new java.util.Date().toString()});
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
    }

    private void listMessages(HttpExchange exchange) throws IOException {
        StringBuilder page = new StringBuilder("""
                <!doctype html><html><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
                <title>Demo inbox</title><style>body{font-family:sans-serif;max-width:760px;margin:2em auto}
                article{border:1px solid #ccc;border-radius:6px;padding:1em;margin:1em 0}pre{white-space:pre-wrap}</style>
                </head><body><h1>Demo inbox</h1><p>Every mail and text message Keycloak sends in the demo lands here (refreshes itself).</p>
                """);
        page.append("<h2>Text messages</h2>");
        if (texts.isEmpty()) {
            page.append("<p><em>No SMS yet.</em></p>");
        }
        for (int i = texts.size() - 1; i >= 0; i--) {
            String[] sms = texts.get(i);
            page.append("<article><b>SMS to:</b> ").append(escape(sms[0])).append(" (").append(escape(sms[1])).append(")")
                    .append("<br><b>Sent:</b> ").append(escape(sms[3])).append("<pre>").append(escape(sms[2])).append("</pre></article>");
        }
        page.append("<h2>Mail</h2>");
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
