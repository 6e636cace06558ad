package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.sms.SmsGateways;
import io.github.otpverification.testsupport.DemoServer;
import io.github.otpverification.testsupport.FakeSmsGateways;
import io.github.otpverification.testsupport.FormLogin;
import io.github.otpverification.testsupport.Http;
import io.github.otpverification.testsupport.PackagedServers;
import io.github.otpverification.testsupport.Reply;
import io.github.otpverification.testsupport.VerificationApi;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keycloak 26.7.5 with the packaged jar in providers/ and the demo realm, exactly as a user would
 * run it (the demo's own servers and options, {@link DemoServer}: from the distribution, or with
 * -Pcontainer from the official image): signs in with an emailed code and with an SMS over plain
 * HTTP, and calls the REST API.
 */
@EnabledIf(value = "io.github.otpverification.testsupport.PackagedServers#canStart", disabledReason = PackagedServers.NO_DOCKER)
class PackagedJarIT {

    @RegisterExtension
    static final DemoServer demo = new DemoServer();

    @Test
    void demoUserSignsInWithAnEmailedCode() throws Exception {
        FormLogin browser = FormLogin.accountConsole(demo.realmUrl());
        long before = demo.inbox().lastId();
        Reply codePage = browser.submit(browser.open(), Map.of("username", "alice", "password", "alice"));
        assertEquals(200, codePage.status());
        assertTrue(codePage.raw().contains("kc-otp-code-form"), "the Email OTP page from the jar's theme resources");
        assertTrue(codePage.raw().contains("a***@e***.com"));

        // a mail through the realm's SMTP settings
        String code = demo.inbox().awaitCode("alice@example.com", before, Duration.ofSeconds(10));

        assertSignedIn(browser, browser.submit(codePage, Map.of("code", code)));
    }

    @Test
    void demoUserWithAVerifiedPhoneSignsInWithAnSmsFromTheShadedAwsSdk() throws Exception {
        // the demo sends SMS through the http gateway; for this test the realm picks aws-sns
        demo.setRealmAttribute(SmsGateways.REALM_ATTRIBUTE, "aws-sns");
        try {
            demo.sns().reset();
            FormLogin browser = FormLogin.accountConsole(demo.realmUrl());
            Reply codePage = browser.submit(browser.open(), Map.of("username", "sam", "password", "sam"));
            assertEquals(200, codePage.status());
            assertTrue(codePage.raw().contains("+49 *** *** 78"), "masked with the shaded libphonenumber");

            FakeSmsGateways.Sms text = demo.sns().last();
            assertEquals("aws-sns", text.gateway());
            assertEquals("+4915112345678", text.to());
            assertSignedIn(browser, browser.submit(codePage, Map.of("code", text.code())));
        } finally {
            demo.setRealmAttribute(SmsGateways.REALM_ATTRIBUTE, "");
        }
    }

    @Test
    void demoAppConfirmsAUsersEmailThroughTheRestApi() throws Exception {
        VerificationApi api = new VerificationApi(demo.realmUrl(), "demo-cli");
        String app = api.clientToken("demo-app", "demo-app-secret");
        String aliceToken = api.userToken("alice", "alice");
        String alice = userIdFromToken(aliceToken);
        assertTrue(adminLookup(app, "alice").contains("\"id\":\"" + alice + "\""), "the README looks users up this way");

        Reply sent = api.post("/users/" + alice + "/send-code", app,
                "{\"channel\": \"email\", \"purpose\": \"login\", \"returnCode\": true}");
        Reply verified = api.post("/users/" + alice + "/verify-code", app,
                "{\"channel\": \"email\", \"purpose\": \"login\", \"code\": \"" + sent.text("code") + "\"}");

        assertEquals(200, sent.status(), sent.toString());
        assertEquals(200, verified.status(), verified.toString());
        assertEquals(200, api.get("/me", aliceToken).status());
        assertEquals(200, api.get("/openapi.json", null).status());
    }

    private static String adminLookup(String token, String username) {
        Reply found = new Http().get(demo.baseUrl() + "/admin/realms/demo/users?exact=true&username=" + username, token);
        assertEquals(200, found.status(), found.raw());
        return found.raw();
    }

    private static String userIdFromToken(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher subject = Pattern.compile("\"sub\":\"([^\"]+)\"").matcher(payload);
        assertTrue(subject.find(), payload);
        return subject.group(1);
    }

    private static void assertSignedIn(FormLogin browser, Reply response) {
        assertTrue(browser.isSignedIn(response), response.status() + " " + response.headers().firstValue("Location").orElse(response.raw()));
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
