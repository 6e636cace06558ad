package io.github.otpverification.demo;

import io.github.otpverification.testsupport.KeycloakProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code mvn -Pdemo verify}: Keycloak 26.7.5 with the freshly built jar, a mail and SMS inbox in
 * the browser and the demo realm. Ctrl-C stops everything. The tests that walk through the README
 * ({@code DemoJourneyIT}, {@code ReadmeExamplesIT}) start the same servers with the same options.
 */
public final class Demo {

    public static final int KEYCLOAK_PORT = 8080;
    public static final int SMTP_PORT = 1025;
    public static final int INBOX_PORT = 8025;
    public static final String REALM = "demo";
    public static final Path REALM_FILE = Path.of("demo", "demo-realm.json");

    private Demo() {
    }

    /**
     * The options the demo starts Keycloak with (besides ports and the realm import): the admin
     * console's "OTP verification" tab needs the experimental {@code declarative-ui} feature, and
     * SMS go through the {@code http} gateway to the inbox on {@code inboxHost}.
     */
    public static List<String> keycloakOptions(String inboxHost) {
        return List.of("--features=declarative-ui",
                "--spi-sms-gateway--http--url=http://" + inboxHost + ":" + INBOX_PORT + "/sms");
    }

    public static void main(String[] args) throws Exception {
        DemoInbox inbox = new DemoInbox(SMTP_PORT, INBOX_PORT);
        KeycloakProcess keycloak = KeycloakProcess.packaged(Path.of(System.getProperty("keycloak.dist.dir")), KEYCLOAK_PORT,
                Path.of(System.getProperty("extension.jar")), Path.of(System.getProperty("demo.realm.file")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the demo ...");
            keycloak.close();
            inbox.close();
            stopped.countDown();
        }));

        inbox.start();
        System.out.println("Starting Keycloak 26.7.5 with the extension (log: " + keycloak.log() + ") ...");
        keycloak.start(KeycloakProcess.Mode.DEV, keycloakOptions("127.0.0.1"), REALM, Duration.ofMinutes(5));
        System.out.println("""

                ============================================================
                 Demo ready
                   Sign in: alice/alice (email code), bruno/bruno (German),
                   sam/sam (SMS code, phone +49 151 12345678),
                   carla/carla (email not verified yet):
                     %1$s/realms/demo/account
                   Inbox for mail and SMS (the codes arrive here):
                     http://localhost:%2$d
                   Admin console (admin/admin), OTP settings under
                   Realm settings > OTP verification:
                     %1$s/admin/master/console/#/demo
                 Ctrl-C stops everything.
                ============================================================
                """.formatted(keycloak.baseUrl(), INBOX_PORT));
        stopped.await();
    }
}
