package io.github.otpverification.testsupport;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * GreenMail in this JVM as the realms' SMTP server, for the soak and the benchmark. Every delivered
 * mail is also handed to a queue per recipient, so a client waiting for its own mail gets it at
 * once among thousands.
 *
 * <p>GreenMail writes its SMTP replies in pieces; with Nagle's algorithm on its sockets each
 * reply then waits for the client's delayed ACK, and one mail takes ~230 ms of idle waiting on
 * Linux. Its accepted sockets get {@code TCP_NODELAY} here, as real mail servers' replies need no
 * such wait, so that the latencies show Keycloak and not that stall.
 */
public final class MailCatcher implements AutoCloseable {

    private final GreenMail greenMail;
    private final Map<String, BlockingQueue<MimeMessage>> inboxes = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();

    private static final Duration WAIT = Duration.ofSeconds(10);

    public MailCatcher(int port) {
        greenMail = new NoDelayGreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        MessageDeliveryHandler store = greenMail.getUserManager().getMessageDeliveryHandler();
        greenMail.getUserManager().setMessageDeliveryHandler((message, address) -> {
            inbox(address).add(message.getMessage());
            received.incrementAndGet();
            return store.handle(message, address);
        });
    }

    /** The six-digit code of the next mail to {@code email}, waiting up to 10 s for it. */
    public String awaitCode(String email) throws InterruptedException {
        return Mails.codeIn(awaitMail(email, WAIT));
    }

    public MimeMessage awaitMail(String email) throws InterruptedException {
        return awaitMail(email, WAIT);
    }

    /** The next mail to {@code email} that nobody took yet, waiting up to {@code within} for it. */
    public MimeMessage awaitMail(String email, Duration within) throws InterruptedException {
        MimeMessage mail = inbox(email).poll(within.toMillis(), TimeUnit.MILLISECONDS);
        if (mail == null) {
            throw new IllegalStateException("no mail to " + email + " within " + within.toSeconds() + " s");
        }
        return mail;
    }

    /** Drops mails to {@code email} that nobody read (left by an operation that failed half-way). */
    public void discard(String email) {
        inbox(email).clear();
    }

    public long received() {
        return received.get();
    }

    public int port() {
        return greenMail.getSmtp().getPort();
    }

    /** Forgets the mails GreenMail keeps for IMAP, between phases (they are not needed). */
    public void purge() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
    }

    private BlockingQueue<MimeMessage> inbox(MailAddress address) {
        return inbox(address.getEmail());
    }

    private BlockingQueue<MimeMessage> inbox(String email) {
        return inboxes.computeIfAbsent(email.toLowerCase(Locale.ROOT), e -> new LinkedBlockingQueue<>());
    }

    @Override
    public void close() {
        greenMail.stop();
    }

    /** GreenMail whose SMTP server sets TCP_NODELAY on every accepted socket. */
    private static final class NoDelayGreenMail extends GreenMail {

        NoDelayGreenMail(ServerSetup setup) {
            super(setup);
        }

        @Override
        protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
            Map<String, AbstractServer> services = new HashMap<>();
            for (ServerSetup setup : setups) {
                if (!ServerSetup.PROTOCOL_SMTP.equals(setup.getProtocol())) {
                    throw new IllegalArgumentException("only SMTP is needed, not " + setup.getProtocol());
                }
                services.put(setup.getProtocol(), new SmtpServer(setup, managers) {
                    @Override
                    protected ProtocolHandler createProtocolHandler(Socket socket) {
                        try {
                            socket.setTcpNoDelay(true);
                        } catch (SocketException e) {
                            throw new IllegalStateException(e);
                        }
                        return super.createProtocolHandler(socket);
                    }
                });
            }
            return services;
        }
    }
}
