package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.testsupport.FormLogin;
import io.github.otpverification.testsupport.Http;
import io.github.otpverification.testsupport.KeycloakProcess;
import io.github.otpverification.testsupport.MailCatcher;
import io.github.otpverification.testsupport.Mails;
import io.github.otpverification.testsupport.Reply;
import io.github.otpverification.testsupport.VerificationApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A bounded soak (mvn -Psoak verify; default 3 minutes, -Dsoak.minutes=N): mixed Email OTP
 * logins and REST send/verify calls from 4 clients against the packaged jar in the distribution.
 * Every call must succeed, and the server's heap after a full GC must stay flat.
 */
class SoakIT {

    private static final int HTTP_PORT = 8180;
    private static final int CLIENTS = 4;
    private static final int USERS = 40;
    private static final Duration RUN = Duration.ofMinutes(Long.getLong("soak.minutes", 3));
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(20);
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private static final Http HTTP = new Http();

    private static MailCatcher mail;
    private static KeycloakProcess keycloak;

    @BeforeAll
    static void start() throws Exception {
        mail = new MailCatcher(1025);
        keycloak = KeycloakProcess.packaged(Path.of(System.getProperty("keycloak.dist.dir")), HTTP_PORT,
                Path.of(System.getProperty("extension.jar")), Path.of("demo/demo-realm.json"));
        keycloak.start(KeycloakProcess.Mode.DEV, List.of(), "demo", Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    void mixedLoginsAndApiCallsRunWithoutErrorsAndFlatMemory() throws Exception {
        String realmUrl = keycloak.baseUrl() + "/realms/demo";
        VerificationApi api = new VerificationApi(realmUrl, "demo-cli");
        String admin = new VerificationApi(keycloak.baseUrl() + "/realms/master", "admin-cli").userToken("admin", "admin");
        // the demo's send caps would stop a soak that signs the same users in again and again
        String noCaps = "{\\\"resendCooldownSeconds\\\": 0, \\\"maxSendsPerUserPerHour\\\": 0, "
                + "\\\"maxSendsPerDestinationPerHour\\\": 0, \\\"maxSendsPerIpPerHour\\\": 0}";
        Reply updated = HTTP.putJson(keycloak.baseUrl() + "/admin/realms/demo", admin,
                "{\"attributes\": {\"otpVerification.settings\": \"" + noCaps + "\"}}");
        assertEquals(204, updated.status());
        List<String[]> users = createUsers(admin);
        String app = api.clientToken("demo-app", "demo-app-secret");

        AtomicLong logins = new AtomicLong();
        AtomicLong apiCalls = new AtomicLong();
        Map<String, String> errors = new ConcurrentHashMap<>();
        long deadline = System.nanoTime() + RUN.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(pool.submit(() -> {
                for (int round = 0; System.nanoTime() < deadline; round++) {
                    String[] user = users.get((round * CLIENTS + client) % USERS);
                    try {
                        if (round % 2 == 0) {
                            login(realmUrl, user);
                            logins.incrementAndGet();
                        } else {
                            sendAndVerify(api, app, user[2]);
                            apiCalls.addAndGet(2);
                        }
                    } catch (Throwable failure) {
                        errors.merge(String.valueOf(failure.getMessage()), user[0], (a, b) -> a);
                    }
                }
                return null;
            }));
        }
        List<Long> heap = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Thread.sleep(SAMPLE_EVERY.toMillis());
            heap.add(heapAfterGcKb());
        }
        for (Future<?> client : clients) {
            client.get();
        }
        pool.shutdown();
        heap.add(heapAfterGcKb());

        String report = "Soak: " + RUN.toMinutes() + " min, " + CLIENTS + " clients: " + logins.get() + " Email OTP logins, "
                + apiCalls.get() + " REST calls, " + errors.size() + " distinct errors " + errors + "\n"
                + "Heap used after full GC (MB), every " + SAMPLE_EVERY.toSeconds() + " s: "
                + heap.stream().map(kb -> String.valueOf(kb / 1024)).toList() + "\n";
        System.out.println(report);
        Files.writeString(Path.of("target", "soak-report.txt"), report);

        assertTrue(errors.isEmpty(), "every call must succeed: " + errors);
        assertTrue(logins.get() > 0 && apiCalls.get() > 0, report);
        long settled = heap.get(Math.min(2, heap.size() - 1));
        long last = heap.get(heap.size() - 1);
        assertTrue(last <= settled * 1.25 + 32 * 1024, "heap must stay flat: " + report);
    }

    private static void login(String realmUrl, String[] user) throws Exception {
        FormLogin browser = FormLogin.accountConsole(realmUrl);
        String address = user[0] + "@soak.example";
        mail.discard(address);
        Reply codePage = browser.submit(browser.open(), Map.of("username", user[0], "password", user[1]));
        if (codePage.status() != 200 || !codePage.raw().contains("kc-otp-code-form")) {
            throw new AssertionError("no code page: " + codePage.status());
        }
        String code = Mails.codeIn(mail.awaitMail(address, Duration.ofSeconds(20)));
        Reply done = browser.submit(codePage, Map.of("code", code));
        if (!browser.isSignedIn(done)) {
            throw new AssertionError("not signed in: " + done.status());
        }
    }

    private static void sendAndVerify(VerificationApi api, String app, String userId) {
        Reply sent = api.post("/users/" + userId + "/send-code", app, "{\"channel\": \"email\", \"purpose\": \"login\", \"returnCode\": true}");
        if (sent.status() != 200) {
            throw new AssertionError("send-code " + sent);
        }
        Reply verified = api.post("/users/" + userId + "/verify-code", app,
                "{\"channel\": \"email\", \"purpose\": \"login\", \"code\": \"" + sent.text("code") + "\"}");
        if (verified.status() != 200) {
            throw new AssertionError("verify-code " + verified);
        }
    }

    private List<String[]> createUsers(String admin) {
        List<String[]> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            String name = "soak" + i;
            String body = "{\"username\": \"" + name + "\", \"email\": \"" + name + "@soak.example\", \"emailVerified\": true, "
                    + "\"firstName\": \"Soak\", \"lastName\": \"User " + i + "\", \"enabled\": true, "
                    + "\"credentials\": [{\"type\": \"password\", \"value\": \"" + name + "\", \"temporary\": false}]}";
            Reply created = HTTP.postJson(keycloak.baseUrl() + "/admin/realms/demo/users", admin, body);
            assertEquals(201, created.status());
            String location = created.location();
            users.add(new String[] {name, name, location.substring(location.lastIndexOf('/') + 1)});
        }
        return users;
    }

    /** Used heap of the Keycloak JVM right after a full GC, from the JDK's jcmd. */
    private static long heapAfterGcKb() throws IOException, InterruptedException {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String pid = String.valueOf(keycloak.serverPid());
        new ProcessBuilder(jcmd, pid, "GC.run").redirectErrorStream(true).start().waitFor();
        Process info = new ProcessBuilder(jcmd, pid, "GC.heap_info").redirectErrorStream(true).start();
        String out = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        info.waitFor();
        Matcher used = HEAP_USED.matcher(out);
        if (!used.find()) {
            throw new IllegalStateException("cannot read heap: " + out);
        }
        return Long.parseLong(used.group(1));
    }
}
