package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.github.otpverification.testsupport.FakeSmsGateways;
import io.github.otpverification.testsupport.FormLogin;
import io.github.otpverification.testsupport.PackagedKeycloak;
import io.github.otpverification.testsupport.PackagedServers;
import io.github.otpverification.testsupport.Mails;
import java.net.InetSocketAddress;
import java.net.URI;
import io.github.otpverification.testsupport.VerificationApi;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * Boots Keycloak 26.7.5 with the packaged jar in providers/ and the demo realm, exactly as a user
 * would (from the distribution, or with -Pcontainer from the official image), and signs in with an
 * emailed code over plain HTTP.
 */
@EnabledIf(value = "io.github.otpverification.testsupport.PackagedServers#canStart", disabledReason = PackagedServers.NO_DOCKER)
class PackagedJarIT {

    private static final int SMTP_PORT = 1025;
    private static final int SNS_PORT = 8501;

    private static GreenMail mail;
    private static HttpServer snsServer;
    private static FakeSmsGateways sms;
    private static PackagedKeycloak keycloak;

    @BeforeAll
    static void startKeycloakWithThePackagedJar() throws Exception {
        mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));
        mail.start();
        snsServer = HttpServer.create(new InetSocketAddress("127.0.0.1", SNS_PORT), 10);
        sms = new FakeSmsGateways(snsServer);
        snsServer.start();
        // aws-sns exercises the relocated AWS SDK inside the jar
        keycloak = PackagedServers.start(new PackagedKeycloak.Setup(Path.of(System.getProperty("extension.jar")),
                Path.of("demo/demo-realm.json"), "demo", List.of(SMTP_PORT, SNS_PORT), host -> List.of(
                "--spi-sms-gateway--provider=aws-sns",
                "--spi-sms-gateway--aws-sns--region=eu-central-1",
                "--spi-sms-gateway--aws-sns--access-key-id=" + FakeSmsGateways.SNS_ACCESS_KEY,
                "--spi-sms-gateway--aws-sns--secret-access-key=packaged-jar-test-secret",
                "--spi-sms-gateway--aws-sns--endpoint-override=http://" + host + ":" + SNS_PORT)));
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
        if (mail != null) {
            mail.stop();
        }
        if (snsServer != null) {
            snsServer.stop(0);
        }
    }

    @Test
    void demoUserSignsInWithAnEmailedCode() throws Exception {
        FormLogin browser = browser();
        HttpResponse<String> codePage = browser.submit(browser.open().body(), "username=alice&password=alice");
        assertEquals(200, codePage.statusCode());
        assertTrue(codePage.body().contains("kc-otp-code-form"), "the Email OTP page from the jar's theme resources");
        assertTrue(codePage.body().contains("a***@e***.com"));

        assertTrue(mail.waitForIncomingEmail(10_000, 1), "a mail through the realm's SMTP settings");
        String code = Mails.codeIn(mail.getReceivedMessages()[0]);

        assertSignedIn(browser, browser.submit(codePage.body(), "code=" + code));
    }

    @Test
    void demoUserWithAVerifiedPhoneSignsInWithAnSmsFromTheShadedAwsSdk() throws Exception {
        FormLogin browser = browser();
        HttpResponse<String> codePage = browser.submit(browser.open().body(), "username=sam&password=sam");
        assertEquals(200, codePage.statusCode());
        assertTrue(codePage.body().contains("+49 *** *** 78"), "masked with the shaded libphonenumber");

        FakeSmsGateways.Sms text = sms.last();
        assertEquals("aws-sns", text.gateway());
        assertEquals("+4915112345678", text.to());
        assertSignedIn(browser, browser.submit(codePage.body(), "code=" + text.code()));
    }

    @Test
    void demoAppConfirmsAUsersEmailThroughTheRestApi() throws Exception {
        VerificationApi api = new VerificationApi(keycloak.baseUrl() + "/realms/demo", "demo-cli");
        String app = api.clientToken("demo-app", "demo-app-secret");
        String aliceToken = api.userToken("alice", "alice");
        String alice = userIdFromToken(aliceToken);
        assertTrue(adminLookup(app, "alice").contains("\"id\":\"" + alice + "\""), "the README looks users up this way");

        VerificationApi.Reply sent = api.post("/users/" + alice + "/send-code", app,
                "{\"channel\": \"email\", \"purpose\": \"login\", \"returnCode\": true}");
        VerificationApi.Reply verified = api.post("/users/" + alice + "/verify-code", app,
                "{\"channel\": \"email\", \"purpose\": \"login\", \"code\": \"" + sent.text("code") + "\"}");

        assertEquals(200, sent.status(), sent.toString());
        assertEquals(200, verified.status(), verified.toString());
        assertEquals(200, api.get("/me", aliceToken).status());
        assertEquals(200, api.get("/openapi.json", null).status());
    }

    private static String adminLookup(String token, String username) throws Exception {
        HttpResponse<String> found = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl()
                + "/admin/realms/demo/users?exact=true&username=" + username)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, found.statusCode(), found.body());
        return found.body();
    }

    private static String userIdFromToken(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher subject = Pattern.compile("\"sub\":\"([^\"]+)\"").matcher(payload);
        assertTrue(subject.find(), payload);
        return subject.group(1);
    }

    private static FormLogin browser() {
        return new FormLogin(keycloak.baseUrl() + "/realms/demo", "account-console", keycloak.baseUrl() + "/realms/demo/account/");
    }

    private static void assertSignedIn(FormLogin browser, HttpResponse<String> response) {
        assertTrue(browser.isSignedIn(response), response.statusCode() + " " + response.headers().firstValue("Location").orElse(response.body()));
    }

    @Test
    void jarCarriesItsThemeAndServiceFilesButNoKeycloakClasses() throws Exception {
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(System.getProperty("extension.jar"))) {
            java.util.List<String> entries = jar.stream().map(java.util.zip.ZipEntry::getName).toList();
            assertTrue(entries.contains("theme-resources/templates/otp-code-form.ftl"));
            assertTrue(entries.contains("theme-resources/templates/html/otp-code-email.ftl"));
            assertTrue(entries.contains("theme-resources/messages/messages_de.properties"));
            assertTrue(entries.contains("META-INF/services/org.keycloak.authentication.AuthenticatorFactory"));
            assertTrue(entries.stream().noneMatch(e -> e.startsWith("org/keycloak/")), "Keycloak classes must not be bundled");
            assertTrue(entries.stream().filter(e -> e.endsWith(".class"))
                    .allMatch(e -> e.startsWith("io/github/otpverification/")), "only our own and relocated classes");
            assertTrue(entries.stream().anyMatch(e -> e.startsWith("io/github/otpverification/shaded/phonenumbers/")));
            assertTrue(entries.stream().anyMatch(e -> e.startsWith("io/github/otpverification/shaded/amazon/awssdk/services/sns/")));
        }
    }
}
