package io.github.otpverification.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The blind pages' mail server (scenario 6): it speaks just enough SMTP for Keycloak's mail sender
 * (greeting, EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), counts each message and forgets it. A
 * production mail server runs on other machines; GreenMail, which parses and keeps every mail, would
 * put several milliseconds of CPU per mail on the two cores Keycloak is measured on, and only for
 * the known accounts' side. Replies are written whole with {@code TCP_NODELAY} (see MailCatcher).
 */
final class DiscardingSmtp implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "discarding-smtp");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong received = new AtomicLong();

    /** Listens on a free port of 127.0.0.1. */
    DiscardingSmtp() throws IOException {
        server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        connections.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Messages accepted so far (ended with the DATA's dot and answered 250). */
    long received() {
        return received.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                connections.execute(() -> converse(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void converse(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 discarding-smtp ready");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 discarding-smtp");
                    case "MAIL", "RCPT", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "DATA" -> {
                        reply(out, "354 go on");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message, forgotten line by line
                        }
                        received.incrementAndGet();
                        reply(out, "250 OK forgotten");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not here");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
