package io.github.otpverification.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Local stand-ins for the SMS services, served by the test framework's HTTP server: our
 * {@code http} JSON, Twilio's Messages API and Amazon SNS Publish. Each checks what the real
 * service checks (credentials, fields) and can be told to refuse.
 */
public final class FakeSmsGateways {

    public static final String HTTP_PATH = "/fake-sms-http";
    public static final String TWILIO_PATH = "/fake-twilio";
    /** The AWS SDK posts to the root of its endpoint; the other contexts are more specific and win. */
    public static final String SNS_PATH = "/";
    public static final String HTTP_TOKEN = "Bearer http-gateway-test-token";
    public static final String TWILIO_ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    public static final String TWILIO_TOKEN = "twilio-test-auth-token";
    public static final String TWILIO_FROM = "+15005550006";
    public static final String SNS_ACCESS_KEY = "AKIAOTPVERIFICATIONTEST";

    private static final Pattern WEB_OTP_LINE = Pattern.compile("@\\S+ #(\\S+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One text a fake gateway accepted, as the gateway saw it. */
    public record Sms(String gateway, String to, String text, Map<String, String> fields) {
        /** The code, read from the WebOTP line that ends every message. */
        public String code() {
            Matcher matcher = WEB_OTP_LINE.matcher(text.strip());
            if (!matcher.find()) {
                throw new AssertionError("no WebOTP line in: " + text);
            }
            return matcher.group(1);
        }
    }

    private final List<Sms> received = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger holding = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean refusing;
    private volatile java.util.concurrent.CountDownLatch stall;

    public FakeSmsGateways(HttpServer server) {
        replaceContext(server, HTTP_PATH, this::http);
        replaceContext(server, TWILIO_PATH, this::twilio);
        replaceContext(server, SNS_PATH, this::sns);
    }

    public List<Sms> received() {
        return received;
    }

    /**
     * The latest SMS. Pages that must not tell whether an account exists hand the SMS to the
     * gateway after their answer, so the first one is waited for a little.
     */
    public Sms last() {
        return await(1);
    }

    /** The latest SMS once at least {@code count} arrived (within 10 s). */
    public Sms await(int count) {
        if (!waitFor(10_000, count)) {
            throw new AssertionError("expected " + count + " SMS, got " + received.size());
        }
        return received.get(received.size() - 1);
    }

    /**
     * Whether {@code count} texts arrived within the time, like GreenMail's
     * {@code waitForIncomingEmail}; false also tells that no more came (nothing was sent).
     */
    public boolean waitFor(long millis, int count) {
        return Waits.within(java.time.Duration.ofMillis(millis), () -> received.size() >= count);
    }

    /** While on, every gateway answers with its service's error. */
    public void refuse(boolean refuse) {
        refusing = refuse;
    }

    /**
     * While on, the {@code http} gateway holds every request without answering (a provider that
     * hangs); turning it off lets the held requests go with an error, so the (single-threaded)
     * server is free for the next one.
     */
    public void stall(boolean on) {
        if (on) {
            stall = new java.util.concurrent.CountDownLatch(1);
        } else if (stall != null) {
            stall.countDown();
            stall = null;
        }
    }

    /** Waits (up to 10 s) until the stalled gateway holds a request: a send reached it. */
    public void awaitHeldRequest() {
        if (!Waits.within(java.time.Duration.ofSeconds(10), () -> holding.get() > 0)) {
            throw new AssertionError("no request reached the stalled gateway");
        }
    }

    public void reset() {
        received.clear();
        refusing = false;
    }

    private void http(HttpExchange exchange) throws IOException {
        if (!HTTP_TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "application/json", "{\"error\":\"unauthorized\"}");
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody());
        java.util.concurrent.CountDownLatch held = stall;
        if (held != null) {
            holding.incrementAndGet();
            try {
                held.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 504, "application/json", "{\"error\":\"gave up\"}");
            return;
        }
        if (refusing) {
            respond(exchange, 503, "application/json", "{\"error\":\"upstream carrier unavailable\"}");
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        body.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
        received.add(new Sms("http", fields.get("to"), fields.get("text"), fields));
        respond(exchange, 202, "application/json", "{\"status\":\"queued\"}");
    }

    private void twilio(HttpExchange exchange) throws IOException {
        String expectedPath = TWILIO_PATH + "/2010-04-01/Accounts/" + TWILIO_ACCOUNT + "/Messages.json";
        String basic = "Basic " + Base64.getEncoder().encodeToString((TWILIO_ACCOUNT + ":" + TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8));
        if (!expectedPath.equals(exchange.getRequestURI().getPath()) || !basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "application/json", "{\"code\":20003,\"message\":\"Authenticate\",\"status\":401}");
            return;
        }
        Map<String, String> form = form(exchange);
        if (refusing || form.get("To") == null || form.get("Body") == null || form.get("From") == null) {
            respond(exchange, 400, "application/json",
                    "{\"code\":21211,\"message\":\"The 'To' number is not a valid phone number.\",\"status\":400}");
            return;
        }
        received.add(new Sms("twilio", form.get("To"), form.get("Body"), form));
        respond(exchange, 201, "application/json", "{\"sid\":\"SM0123456789abcdef0123456789abcdef\",\"status\":\"queued\"}");
    }

    private void sns(HttpExchange exchange) throws IOException {
        if (!"/".equals(exchange.getRequestURI().getPath())) {
            respond(exchange, 404, "text/plain", "not found");
            return;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=" + SNS_ACCESS_KEY + "/")
                || !authorization.contains("/eu-central-1/sns/aws4_request") || !authorization.contains("Signature=")) {
            respond(exchange, 403, "text/xml", snsError("Sender", "InvalidClientTokenId", "The security token included in the request is invalid."));
            return;
        }
        Map<String, String> form = form(exchange);
        if (refusing || !"Publish".equals(form.get("Action")) || form.get("PhoneNumber") == null) {
            respond(exchange, 400, "text/xml", snsError("Sender", "InvalidParameter", "Invalid parameter: PhoneNumber"));
            return;
        }
        received.add(new Sms("aws-sns", form.get("PhoneNumber"), form.get("Message"), form));
        respond(exchange, 200, "text/xml", "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                + "<MessageId>5f0a2c1e-0000-4000-8000-000000000001</MessageId></PublishResult>"
                + "<ResponseMetadata><RequestId>f1e2d3c4-0000-4000-8000-000000000002</RequestId></ResponseMetadata></PublishResponse>");
    }

    private static String snsError(String type, String code, String message) {
        return "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>" + type + "</Type><Code>" + code
                + "</Code><Message>" + message + "</Message></Error><RequestId>f1e2d3c4-0000-4000-8000-000000000003</RequestId></ErrorResponse>";
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void replaceContext(HttpServer server, String path, com.sun.net.httpserver.HttpHandler handler) {
        try {
            server.removeContext(path);
        } catch (IllegalArgumentException notYetThere) {
            // first test class on this server
        }
        server.createContext(path, handler);
    }
}
