package io.github.otpverification.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.otpverification.testsupport.Http;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A slow real-world SMS gateway for the benchmark's Keycloak: the extension's {@code http} gateway
 * posts its JSON here ({@link #keycloakOptions()}), and every accepted message is answered
 * {@code 202} after {@code delayMillis}. A wrong or missing token is answered {@code 401} and
 * counted apart, so a misconfiguration shows in the report. The code of each accepted message is
 * kept per number for {@link #awaitCode} (the SMS login of scenario 1); nobody reads those of
 * scenario 6, so they are dropped when the gateway is not {@link #setKeepCodes keeping codes}.
 */
final class SlowSmsGateway implements AutoCloseable {

    static final String PATH = "/bench-sms";
    static final String TOKEN = "Bearer bench-gateway-token";
    private static final Pattern WEB_OTP_CODE = Pattern.compile("#(\\w+)\\s*$");
    private static final int WAIT_SECONDS = 10;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "slow-sms-gateway");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int delayMillis;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, BlockingQueue<String>> codes = new ConcurrentHashMap<>();
    private volatile boolean keepCodes;

    SlowSmsGateway(int port, int delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 100);
        server.createContext(PATH, this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The options that point Keycloak's {@code http} SMS gateway (the default one) here. */
    List<String> keycloakOptions() {
        return List.of("--spi-sms-gateway--http--url=http://127.0.0.1:" + server.getAddress().getPort() + PATH,
                "--spi-sms-gateway--http--authorization=" + TOKEN);
    }

    int delayMillis() {
        return delayMillis;
    }

    /** From now on answer after {@code millis} (0: at once). */
    void setDelayMillis(int millis) {
        this.delayMillis = millis;
    }

    /** Whether accepted messages' codes are kept for {@link #awaitCode} from now on. */
    void setKeepCodes(boolean keep) {
        keepCodes = keep;
        if (!keep) {
            codes.clear();
        }
    }

    /** The code of the next SMS to {@code number} (E.164) that nobody took yet, waiting up to 10 s for it. */
    String awaitCode(String number) throws InterruptedException {
        String code = inbox(number).poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (code == null) {
            throw new IllegalStateException("no SMS to " + number + " within " + WAIT_SECONDS + " s");
        }
        return code;
    }

    /** Drops codes to {@code number} that nobody read (left by an operation that failed half-way). */
    void discard(String number) {
        inbox(number).clear();
    }

    private BlockingQueue<String> inbox(String number) {
        return codes.computeIfAbsent(number, n -> new LinkedBlockingQueue<>());
    }

    /** Messages answered 202 so far. */
    int accepted() {
        return accepted.get();
    }

    /** Requests refused for a wrong token. */
    int refused() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            accepted.incrementAndGet();
            if (keepCodes) {
                JsonNode message = Http.JSON.readTree(request);
                // the last line of the text is the WebOTP line "@host #code"
                Matcher code = WEB_OTP_CODE.matcher(message.path("text").asText());
                if (code.find()) {
                    inbox(message.path("to").asText()).add(code.group(1));
                }
            }
            byte[] body = "{\"status\":\"queued\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(202, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
