package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.testsupport.ApiUsers;
import io.github.otpverification.testsupport.FakeSmsGateways;
import io.github.otpverification.testsupport.OtpServerConfig;
import io.github.otpverification.testsupport.RealmAttributes;
import io.github.otpverification.testsupport.Reply;
import io.github.otpverification.testsupport.VerificationApi;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectHttpServer;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Mail and SMS providers that are slow or down: the caller gets a clear error within the
 * configured timeout, no code is left pending, and the next send works once the provider is back.
 */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class DeliveryFaultsTest {

    private static final String NO_LIMITS = "{\"maxSendsPerUserPerHour\": 0, \"maxSendsPerDestinationPerHour\": 0, "
            + "\"maxSendsPerIpPerHour\": 0, \"maxSmsPerRealmPerHour\": 0, \"resendCooldownSeconds\": 0}";
    private static final int SMTP_TIMEOUT_MILLIS = 2000;
    /** Generous on a busy 2-core machine; what matters is that nothing waits for the stalled provider. */
    private static final Duration MARGIN = Duration.ofSeconds(4);

    @InjectRealm(fromJson = "/realms/verification-api-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectHttpServer
    HttpServer httpServer;

    FakeSmsGateways gateways;
    VerificationApi api;
    ApiUsers users;
    String app;

    @BeforeEach
    void freshStart() {
        gateways = new FakeSmsGateways(httpServer);
        mail.runCleanup();
        api = new VerificationApi(realm.getBaseUrl());
        users = new ApiUsers(realm);
        app = api.clientToken("app-backend", "backend-secret");
        RealmAttributes.setWithCleanup(realm, RealmOtpSettings.REALM_ATTRIBUTE, NO_LIMITS);
    }

    @Test
    void stalledSmsGatewayGivesUpAtTheReadTimeoutAndLeavesNothingPending() throws Exception {
        UserRepresentation user = users.create(ApiUsers.phone("+4915112345671", false));
        gateways.stall(true);
        try {
            Timed<Reply> sent = timed(() -> sendSms(user));

            assertEquals(502, sent.value().status(), sent.value().toString());
            assertEquals("delivery_failed", sent.value().error());
            assertWithin(Duration.ofMillis(OtpServerConfig.SMS_READ_TIMEOUT_MILLIS), sent.took());
            assertNothingPending(user);
        } finally {
            gateways.stall(false);
        }
        assertEquals(200, sendSms(user).status(), "works again once the gateway answers");
    }

    @Test
    void smsGatewayDownMidRunFailsOnlyTheSendsWhileItIsDown() {
        UserRepresentation first = users.create(ApiUsers.phone("+4915112345672", false));
        UserRepresentation second = users.create(ApiUsers.phone("+4915112345673", false));
        assertEquals(200, sendSms(first).status());

        gateways.refuse(true);
        Reply whileDown = sendSms(second);
        gateways.refuse(false);

        assertEquals(502, whileDown.status(), whileDown.toString());
        assertEquals("delivery_failed", whileDown.error());
        assertNothingPending(second);
        Reply confirmed = api.post("/users/" + first.getId() + "/verify-code", app,
                "{\"channel\": \"sms\", \"code\": \"" + gateways.received().get(0).code() + "\"}");
        assertEquals(200, confirmed.status(), "the code sent before the outage still works: " + confirmed);
        assertEquals(200, sendSms(second).status(), "and the gateway is usable again");
    }

    @Test
    void silentSmtpServerTimesOutAndLeavesNothingPending() throws Exception {
        UserRepresentation user = users.create();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             SmtpAt smtp = new SmtpAt(realm, silent.getLocalPort())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept()); // never says a word
                    }
                } catch (IOException closed) {
                    // test over
                }
            });
            acceptor.start();

            Timed<Reply> sent = timed(() -> sendEmail(user));

            assertEquals(502, sent.value().status(), sent.value().toString());
            assertEquals("delivery_failed", sent.value().error());
            assertWithin(Duration.ofMillis(SMTP_TIMEOUT_MILLIS), sent.took());
            assertNothingPending(user);
        }
        assertEquals(200, sendEmail(user).status(), "works again with the real SMTP server");
        assertTrue(mail.waitForIncomingEmail(10_000, 1));
    }

    @Test
    void smtpServerDownFailsFastAndTheServerStaysHealthy() throws Exception {
        UserRepresentation user = users.create();
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (SmtpAt smtp = new SmtpAt(realm, closedPort)) {
            Timed<Reply> sent = timed(() -> sendEmail(user));

            assertEquals(502, sent.value().status(), sent.value().toString());
            assertWithin(Duration.ZERO, sent.took());
            assertNothingPending(user);
        }
        assertEquals(200, api.get("/users/" + user.getId(), app).status(), "the server answers as before");
        assertEquals(200, sendEmail(user).status());
    }

    private Reply sendSms(UserRepresentation user) {
        return api.post("/users/" + user.getId() + "/send-code", app, "{\"channel\": \"sms\"}");
    }

    private Reply sendEmail(UserRepresentation user) {
        return api.post("/users/" + user.getId() + "/send-code", app, "{\"channel\": \"email\"}");
    }

    private void assertNothingPending(UserRepresentation user) {
        Reply status = api.get("/users/" + user.getId(), app);
        assertEquals(200, status.status());
        assertEquals(0, status.body().get("pending").size(), "no code may stay pending after a failed delivery: " + status);
    }

    private static void assertWithin(Duration timeout, Duration took) {
        assertTrue(took.compareTo(timeout.plus(MARGIN)) <= 0, "took " + took + ", timeout " + timeout + " + margin " + MARGIN);
    }

    private record Timed<T>(T value, Duration took) {
    }

    private static <T> Timed<T> timed(Callable<T> call) throws Exception {
        long start = System.nanoTime();
        T value = call.call();
        return new Timed<>(value, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Points the realm's SMTP settings at a local port with short timeouts; restores them on close. */
    private static final class SmtpAt implements AutoCloseable {
        private final ManagedRealm realm;
        private final Map<String, String> original;

        SmtpAt(ManagedRealm realm, int port) {
            this.realm = realm;
            RealmRepresentation settings = realm.admin().toRepresentation();
            this.original = settings.getSmtpServer();
            Map<String, String> smtp = new HashMap<>(original);
            smtp.put("host", "127.0.0.1");
            smtp.put("port", String.valueOf(port));
            smtp.put("timeout", String.valueOf(SMTP_TIMEOUT_MILLIS));
            smtp.put("connectionTimeout", String.valueOf(SMTP_TIMEOUT_MILLIS));
            settings.setSmtpServer(smtp);
            realm.admin().update(settings);
        }

        @Override
        public void close() {
            RealmRepresentation settings = realm.admin().toRepresentation();
            settings.setSmtpServer(original);
            realm.admin().update(settings);
        }
    }
}
