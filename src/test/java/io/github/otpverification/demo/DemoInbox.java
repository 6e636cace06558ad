package io.github.otpverification.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.otpverification.testsupport.Mails;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's SMTP server and SMS sink, with a web page that lists what they received, newest
 * first. The page loads new messages as JSON and adds them on top, so nothing on it (a selected
 * code, an open mail) changes while it waits. Each mail shows as HTML (in a sandboxed frame, no
 * scripts) or as text; SMS as text.
 *
 * <p>Endpoints on the inbox port: {@code /} the page, {@code POST /sms} what the {@code http} SMS
 * gateway posts, {@code GET /api/messages?after=<id>} the messages after that id as JSON,
 * {@code GET /api/messages/<id>/html} a mail's HTML part, {@code GET /api/last-code?to=<address or
 * number>} the code of the newest message to that address or number (plain text; 404 when none).
 */
public final class DemoInbox implements AutoCloseable {

    /** One mail or SMS as the inbox shows it. {@code code} is null for messages without one. */
    public record Message(long id, String kind, String to, String subject, String purpose, Instant received, String text,
                          String html, String code) {
    }

    /** A code on a line of its own in a mail's text part (codes are 4 to 10 digits or capitals). */
    private static final Pattern MAIL_CODE = Pattern.compile("(?m)^\\s*([0-9A-Z]{4,10})\\s*$");
    /** The WebOTP line every SMS ends with: {@code @host #code}. */
    private static final Pattern SMS_CODE = Pattern.compile("@\\S+ #([0-9A-Z]{4,10})\\s*$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final GreenMail smtp;
    private final HttpServer web;
    private final List<Message> messages = new ArrayList<>();
    private final Set<MimeMessage> mailsSeen = Collections.newSetFromMap(new IdentityHashMap<>());

    public DemoInbox(int smtpPort, int webPort) throws IOException {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", webPort), 0);
        web.createContext("/", this::page);
        web.createContext("/sms", this::receiveSms);
        web.createContext("/api/messages", this::messages);
        web.createContext("/api/last-code", this::lastCode);
        web.createContext("/signed-in", this::signedIn);
    }

    public void start() {
        smtp.start();
        web.start();
    }

    /** Every message so far, oldest first. */
    public synchronized List<Message> messages() {
        collectMail();
        return List.copyOf(messages);
    }

    /** The id of the newest message so far (0 before the first). */
    public long lastId() {
        List<Message> all = messages();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).id();
    }

    /** The code of the newest message to this address or number, if any. */
    public Optional<String> lastCode(String to) {
        return newestWithCode(to, 0);
    }

    /** Waits for a message with a code to this address or number newer than {@code afterId}. */
    public String awaitCode(String to, long afterId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> code = newestWithCode(to, afterId);
            if (code.isPresent()) {
                return code.get();
            }
            synchronized (this) {
                try {
                    wait(50); // woken at once by an SMS; mail is looked for again every 50 ms
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new AssertionError("no code to " + to + " within " + timeout + " (inbox: " + messages().stream()
                .map(m -> m.id() + " " + m.kind() + " to " + m.to()).toList() + ")");
    }

    private Optional<String> newestWithCode(String to, long afterId) {
        List<Message> all = messages();
        for (int i = all.size() - 1; i >= 0 && all.get(i).id() > afterId; i--) {
            Message message = all.get(i);
            if (message.code() != null && sameDestination(message.to(), to)) {
                return Optional.of(message.code());
            }
        }
        return Optional.empty();
    }

    /** Addresses ignore case; phone numbers compare by their digits ({@code +49 151 ...} or {@code 49151...}). */
    private static boolean sameDestination(String stored, String asked) {
        if (stored.contains("@") || asked.contains("@")) {
            return Arrays.stream(stored.split(",\\s*")).anyMatch(address -> address.equalsIgnoreCase(asked.trim()));
        }
        String digits = asked.replaceAll("\\D", "");
        return !digits.isEmpty() && stored.replaceAll("\\D", "").equals(digits);
    }

    /**
     * Adds the mails GreenMail received since the last look. GreenMail lists them mailbox by
     * mailbox (one per recipient), not in one order, so a new mail can appear anywhere in its list:
     * each is recognised by its object (GreenMail keeps the stored message).
     */
    private void collectMail() {
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            if (mailsSeen.add(mail)) {
                messages.add(readMail(messages.size() + 1, mail));
            }
        }
    }

    private static Message readMail(long id, MimeMessage mail) {
        try {
            String to = String.join(", ", Arrays.stream(Optional.ofNullable(mail.getAllRecipients()).orElse(new Address[0]))
                    .map(Address::toString).toList());
            String text = Mails.part(mail, "text/plain");
            String html = Mails.part(mail, "text/html");
            String code = null;
            if (text != null) {
                Matcher matcher = MAIL_CODE.matcher(text);
                code = matcher.find() ? matcher.group(1) : null;
            }
            Instant sent = mail.getSentDate() == null ? Instant.now() : mail.getSentDate().toInstant();
            return new Message(id, "mail", to, mail.getSubject(), null, sent, text == null ? "" : text, html, code);
        } catch (MessagingException | AssertionError e) {
            return new Message(id, "mail", "?", "unreadable mail: " + e.getMessage(), null, Instant.now(), "", null, null);
        }
    }

    /** What the {@code http} gateway posts: {"to", "text", "realm", "purpose"}. */
    private void receiveSms(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "text/plain; charset=utf-8", "POST an SMS here\n");
            return;
        }
        JsonNode sms = JSON.readTree(exchange.getRequestBody());
        String text = sms.path("text").asText();
        Matcher code = SMS_CODE.matcher(text.strip());
        synchronized (this) {
            collectMail();
            messages.add(new Message(messages.size() + 1, "sms", sms.path("to").asText(), null, sms.path("purpose").asText(),
                    Instant.now(), text, null, code.find() ? code.group(1) : null));
            notifyAll();
        }
        exchange.sendResponseHeaders(202, -1);
        exchange.close();
    }

    private void messages(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Matcher html = Pattern.compile("/api/messages/(\\d+)/html").matcher(path);
        if (html.matches()) {
            long id = Long.parseLong(html.group(1));
            Optional<Message> mail = messages().stream().filter(m -> m.id() == id && m.html() != null).findFirst();
            if (mail.isEmpty()) {
                respond(exchange, 404, "text/plain; charset=utf-8", "no HTML mail " + id + "\n");
                return;
            }
            // shown in a sandboxed frame; the policy also keeps the mail from loading anything
            exchange.getResponseHeaders().set("Content-Security-Policy",
                    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox");
            respond(exchange, 200, "text/html; charset=utf-8", mail.get().html());
            return;
        }
        if (!path.equals("/api/messages")) {
            respond(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            return;
        }
        long after = query(exchange, "after").map(Long::parseLong).orElse(0L);
        ArrayNode list = JSON.createArrayNode();
        for (Message message : messages()) {
            if (message.id() > after) {
                ObjectNode item = list.addObject()
                        .put("id", message.id())
                        .put("kind", message.kind())
                        .put("to", message.to())
                        .put("received", message.received().toString())
                        .put("text", message.text())
                        .put("hasHtml", message.html() != null)
                        .put("code", message.code());
                if (message.subject() != null) {
                    item.put("subject", message.subject());
                }
                if (message.purpose() != null) {
                    item.put("purpose", message.purpose());
                }
            }
        }
        respond(exchange, 200, "application/json", list + "\n");
    }

    private void lastCode(HttpExchange exchange) throws IOException {
        Optional<String> to = query(exchange, "to");
        if (to.isEmpty() || to.get().isBlank()) {
            respond(exchange, 400, "text/plain; charset=utf-8", "usage: /api/last-code?to=<email address or phone number>\n");
            return;
        }
        Optional<String> code = lastCode(to.get());
        if (code.isEmpty()) {
            respond(exchange, 404, "text/plain; charset=utf-8", "no code was sent to " + to.get().trim() + "\n");
            return;
        }
        respond(exchange, 200, "text/plain; charset=utf-8", code.get() + "\n");
    }

    private static Optional<String> query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /**
     * Where the demo's passwordless clients ({@code demo-phone}, {@code demo-email-code}) return
     * after the sign-in: Keycloak's session is in the browser now, so the account console opens
     * without asking again.
     */
    private void signedIn(HttpExchange exchange) throws IOException {
        respond(exchange, 200, "text/html; charset=utf-8", SIGNED_IN);
    }

    private static final String SIGNED_IN = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Signed in</title>
            <style>body{font-family:system-ui,sans-serif;max-width:640px;margin:3em auto;padding:0 1em;color:#151515}</style>
            </head><body>
            <h1 id="signed-in">You are signed in</h1>
            <p>Keycloak signed you in to the demo realm. <a id="account" href="http://localhost:8080/realms/demo/account">Open your account</a>
            (it uses the same sign-in, so it asks for nothing).</p>
            </body></html>
            """;

    private void page(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            respond(exchange, 404, "text/plain; charset=utf-8", "not found\n");
            return;
        }
        respond(exchange, 200, "text/html; charset=utf-8", PAGE);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        web.stop(0);
        smtp.stop();
    }

    /** The page: loads /api/messages?after=<newest id> every 2 s and puts what is new on top. */
    private static final String PAGE = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Demo inbox</title>
            <style>
              body{font-family:system-ui,sans-serif;max-width:820px;margin:2em auto;padding:0 1em;color:#151515}
              article{border:1px solid #d2d2d2;border-radius:6px;padding:.8em 1em;margin:1em 0}
              article header{display:flex;flex-wrap:wrap;gap:.3em 1.2em;align-items:baseline}
              .kind{font-weight:600;text-transform:uppercase;font-size:.8em;color:#6a6e73}
              .code{font-family:monospace;font-size:1.4em;font-weight:600;letter-spacing:.1em}
              pre{white-space:pre-wrap;background:#f5f5f5;padding:.6em;border-radius:4px;margin:.6em 0 0}
              iframe{width:100%;height:520px;border:1px solid #d2d2d2;border-radius:4px;margin-top:.6em;background:#fff}
              .views button{margin-right:.4em}.views button[aria-pressed=true]{font-weight:700}
              #empty{color:#6a6e73}
            </style></head>
            <body>
            <h1>Demo inbox</h1>
            <p>Every mail and text message Keycloak sends in the demo lands here. New ones appear on top
            by themselves; the rest of the page stays as it is. The newest code for an address or number is also at
            <code>/api/last-code?to=&lt;address or number&gt;</code>.</p>
            <p id="empty">Nothing received yet.</p>
            <div id="messages" aria-live="polite"></div>
            <script>
            let newest = 0;
            function el(tag, attrs, text) {
              const e = document.createElement(tag);
              Object.entries(attrs || {}).forEach(([k, v]) => e.setAttribute(k, v));
              if (text !== undefined) e.textContent = text;
              return e;
            }
            function show(m) {
              const a = el('article', {id: 'message-' + m.id, 'data-kind': m.kind});
              const h = el('header');
              h.append(el('span', {class: 'kind'}, m.kind === 'sms' ? 'SMS' : 'Mail'));
              h.append(el('span', {class: 'to'}, 'To: ' + m.to));
              if (m.subject) h.append(el('span', {class: 'subject'}, m.subject));
              if (m.purpose) h.append(el('span', {class: 'purpose'}, '(' + m.purpose + ')'));
              h.append(el('time', {datetime: m.received}, new Date(m.received).toLocaleTimeString()));
              a.append(h);
              if (m.code) { const p = el('p'); p.append('Code: ', el('span', {class: 'code'}, m.code)); a.append(p); }
              const text = el('pre', {class: 'text'}, m.text);
              if (m.kind === 'mail' && m.hasHtml) {
                const views = el('div', {class: 'views', role: 'group', 'aria-label': 'Show the mail as'});
                const asHtml = el('button', {type: 'button', class: 'show-html', 'aria-pressed': 'true'}, 'HTML');
                const asText = el('button', {type: 'button', class: 'show-text', 'aria-pressed': 'false'}, 'Text');
                views.append(asHtml, asText);
                // sandbox without allow-scripts: the mail's HTML cannot run anything
                const frame = el('iframe', {sandbox: '', title: 'HTML of the mail', src: '/api/messages/' + m.id + '/html'});
                text.hidden = true;
                asHtml.onclick = () => { frame.hidden = false; text.hidden = true; asHtml.setAttribute('aria-pressed', 'true'); asText.setAttribute('aria-pressed', 'false'); };
                asText.onclick = () => { frame.hidden = true; text.hidden = false; asHtml.setAttribute('aria-pressed', 'false'); asText.setAttribute('aria-pressed', 'true'); };
                a.append(views, frame, text);
              } else {
                a.append(text);
              }
              const list = document.getElementById('messages');
              list.insertBefore(a, list.firstChild);
              document.getElementById('empty').hidden = true;
            }
            async function poll() {
              try {
                const r = await fetch('/api/messages?after=' + newest, {cache: 'no-store'});
                if (r.ok) {
                  for (const m of await r.json()) { show(m); newest = Math.max(newest, m.id); }
                }
              } catch (e) { /* the demo stopped; try again */ }
              setTimeout(poll, 2000);
            }
            poll();
            </script>
            </body></html>
            """;
}
