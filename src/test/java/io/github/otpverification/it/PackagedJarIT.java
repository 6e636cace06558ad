package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.otpverification.testsupport.KeycloakDistribution;
import io.github.otpverification.testsupport.LocalhostCookieJar;
import io.github.otpverification.testsupport.Mails;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Boots Keycloak 26.7.3 from its distribution with the packaged jar in providers/ and the demo
 * realm, exactly as a user would, and signs in with an emailed code over plain HTTP.
 */
class PackagedJarIT {

    private static final int HTTP_PORT = 8180;
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");

    private static GreenMail mail;
    private static KeycloakDistribution keycloak;

    @BeforeAll
    static void startKeycloakWithThePackagedJar() throws Exception {
        mail = new GreenMail(new ServerSetup(1025, "127.0.0.1", "smtp"));
        mail.start();
        keycloak = new KeycloakDistribution(Path.of(System.getProperty("keycloak.dist.dir")), HTTP_PORT)
                .install(Path.of(System.getProperty("extension.jar")), Path.of("demo/demo-realm.json"));
        keycloak.start("demo", Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void demoUserSignsInWithAnEmailedCode() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new LocalhostCookieJar())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String redirectUri = keycloak.baseUrl() + "/realms/demo/account/";
        String verifier = "packaged-jar-test-verifier-0123456789-abcdefghijklmnop";
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));

        HttpResponse<String> loginPage = browser.send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl()
                + "/realms/demo/protocol/openid-connect/auth?client_id=account-console&response_type=code&scope=openid"
                + "&state=s1&code_challenge_method=S256&code_challenge=" + challenge
                + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, loginPage.statusCode());

        HttpResponse<String> codePage = post(browser, formAction(loginPage.body()), "username=alice&password=alice");
        assertEquals(200, codePage.statusCode());
        assertTrue(codePage.body().contains("kc-otp-code-form"), "the Email OTP page from the jar's theme resources");
        assertTrue(codePage.body().contains("a***@e***.com"));

        assertTrue(mail.waitForIncomingEmail(10_000, 1), "a mail through the realm's SMTP settings");
        String code = Mails.codeIn(mail.getReceivedMessages()[0]);

        HttpResponse<String> done = post(browser, formAction(codePage.body()), "code=" + code);
        assertEquals(302, done.statusCode(), done.body());
        String location = done.headers().firstValue("Location").orElse("");
        assertTrue(location.startsWith(redirectUri) && location.contains("code="), location);
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
                    .allMatch(e -> e.startsWith("io/github/otpverification/")), "only our own (or relocated) classes");
        }
    }

    private static HttpResponse<String> post(HttpClient browser, String url, String form) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String formAction(String html) {
        Matcher matcher = FORM_ACTION.matcher(html);
        assertTrue(matcher.find(), "no form in page");
        return matcher.group(1).replace("&amp;", "&");
    }
}
