package io.github.otpverification.demo;

import io.github.otpverification.testsupport.KeycloakDistribution;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * {@code mvn -Pdemo verify}: Keycloak 26.7.5 with the freshly built jar, a mail inbox in the
 * browser and the demo realm. Ctrl-C stops everything.
 */
public final class Demo {

    private static final int KEYCLOAK_PORT = 8080;
    private static final int SMTP_PORT = 1025;
    private static final int INBOX_PORT = 8025;

    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        DemoInbox inbox = new DemoInbox(SMTP_PORT, INBOX_PORT);
        KeycloakDistribution keycloak = new KeycloakDistribution(Path.of(System.getProperty("keycloak.dist.dir")), KEYCLOAK_PORT)
                .install(Path.of(System.getProperty("extension.jar")), Path.of(System.getProperty("demo.realm.file")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the demo ...");
            keycloak.close();
            inbox.close();
            stopped.countDown();
        }));

        inbox.start();
        System.out.println("Starting Keycloak 26.7.5 with the extension (log: " + keycloak.log() + ") ...");
        keycloak.start("demo", Duration.ofMinutes(5),
                "--spi-sms-gateway--http--url=http://127.0.0.1:" + INBOX_PORT + "/sms");
        System.out.println("""

                ============================================================
                 Demo ready
                   Sign in: alice/alice (email code), bruno/bruno (German),
                   sam/sam (SMS code, phone +49 151 12345678):
                     %1$s/realms/demo/account
                   Inbox for mail and SMS (the codes arrive here):
                     http://localhost:%2$d
                   Admin console (admin/admin):
                     %1$s/admin/master/console/#/demo
                 Ctrl-C stops everything.
                ============================================================
                """.formatted(keycloak.baseUrl(), INBOX_PORT));
        stopped.await();
    }
}
