package io.github.otpverification.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow real-world SMS gateway for the benchmark's Keycloak: the extension's {@code http} gateway
 * posts its JSON here ({@link #keycloakOptions()}), and every accepted message is answered
 * {@code 202} after {@code delayMillis}. A wrong or missing token is answered {@code 401} and
 * counted apart, so a misconfiguration shows in the report.
 */
final class SlowSmsGateway implements AutoCloseable {

    static final String PATH = "/bench-sms";
    static final String TOKEN = "Bearer bench-gateway-token";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "slow-sms-gateway");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int delayMillis;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

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
            exchange.getRequestBody().readAllBytes();
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
