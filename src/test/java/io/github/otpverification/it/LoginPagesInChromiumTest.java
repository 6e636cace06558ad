package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.otpverification.testsupport.Chromium;
import io.github.otpverification.testsupport.Chromium.Viewport;
import io.github.otpverification.testsupport.DemoRealmCopy;
import io.github.otpverification.testsupport.FakeSmsGateways;
import io.github.otpverification.testsupport.Mails;
import io.github.otpverification.testsupport.OtpServerConfig;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectHttpServer;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The pages as end users meet them: headless Chromium on the demo realm, with the keyboard,
 * pasting codes, waiting out the resend countdown, in English and German, at desktop and phone
 * widths. Screenshots of every page go to {@code target/screenshots} (copied to
 * {@code docs/screenshots} for the README).
 */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class LoginPagesInChromiumTest {

    private static final String APP = "browser-app";
    private static final String SIGNED_IN_PATH = "/signed-in";
    private static final String ROSAS_NUMBER = "+4915112345679";
    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    private static ChromeDriver chromium;

    /**
     * The demo realm: alice gets an email code, sam (verified phone) an SMS code; carla and rosa
     * (verified phone) reset their passwords, which nobody else here uses.
     */
    public static class DemoRealm extends DemoRealmCopy {
        @Override
        protected void adjust(RealmRepresentation realm) {
            realm.setRealm("browser-demo");
            addApp(realm);
            UserRepresentation rosa = user("rosa", "rosa@example.com", true);
            rosa.setAttributes(Map.of("phoneNumber", List.of(ROSAS_NUMBER), "phoneNumberVerified", List.of("true")));
            realm.getUsers().add(rosa);
            realm.getUsers().add(user("tina", "tina@example.com", true)); // trusts her browser; nobody else signs in as her
        }
    }

    /** The demo realm with Keycloak's plain browser flow, for the required-action pages. */
    public static class ActionsRealm extends DemoRealmCopy {
        @Override
        protected void adjust(RealmRepresentation realm) {
            realm.setRealm("browser-actions");
            realm.setBrowserFlow("browser");
            addApp(realm);
            realm.getUsers().add(user("pia", "pia@example.com", true, "VERIFY_PHONE_NUMBER"));
            realm.getUsers().add(user("vera", "vera@example.com", false, "VERIFY_EMAIL_CODE"));
        }
    }

    @InjectRealm(ref = "demo", config = DemoRealm.class)
    ManagedRealm demo;

    @InjectRealm(ref = "actions", config = ActionsRealm.class)
    ManagedRealm actions;

    @InjectMailServer
    MailServer mail;

    @InjectHttpServer
    HttpServer httpServer;

    FakeSmsGateways sms;

    @BeforeEach
    void freshBrowser() {
        if (chromium == null) {
            chromium = Chromium.start();
        }
        mail.runCleanup();
        sms = new FakeSmsGateways(httpServer);
        try {
            httpServer.removeContext(SIGNED_IN_PATH);
        } catch (IllegalArgumentException notThereYet) {
            // first test of the run
        }
        httpServer.createContext(SIGNED_IN_PATH, exchange -> {
            byte[] body = "<!doctype html><title>Signed in</title><h1>Signed in</h1>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        for (ManagedRealm realm : List.of(demo, actions)) {
            realm.admin().logoutAll();
        }
        chromium.manage().deleteAllCookies();
        Chromium.use(chromium, Viewport.DESKTOP);
    }

    @AfterAll
    static void closeBrowser() {
        if (chromium != null) {
            chromium.quit();
            chromium = null;
        }
    }

    @Test
    void emailCodeByKeyboardAndPaste() {
        signIn(demo, "alice", "alice");

        assertTitle("Check your email");
        assertEquals("code", focusedId(), "the cursor waits in the code field");
        WebElement code = field("code");
        assertEquals("one-time-code", code.getAttribute("autocomplete"));
        assertEquals("numeric", code.getAttribute("inputmode"));
        assertEquals("Code", chromium.findElement(By.cssSelector("label[for=code]")).getText());
        assertFalse(chromium.findElement(By.id("kc-otp-resend")).isEnabled(), "resend waits for the cooldown");
        assertEquals("polite", chromium.findElement(By.id("kc-otp-resend-hint")).getAttribute("aria-live"));
        screenshots("email-code", "Prüfen Sie Ihre E-Mails");

        submit(field("code"), "000000");
        WebElement wrong = field("code");
        assertEquals("true", wrong.getAttribute("aria-invalid"));
        assertEquals("input-error-code", wrong.getAttribute("aria-describedby"));
        assertEquals("Wrong code. 4 attempts left.", chromium.findElement(By.id("input-error-code")).getText().trim());
        String color = chromium.findElement(By.cssSelector("#input-error-code .pf-v5-c-helper-text__item-text")).getCssValue("color");
        assertTrue(redder(color), "the field error is red like Keycloak's own: " + color);
        assertEquals("code", focusedId());

        MimeMessage message = Mails.awaitMail(mail, 1);
        paste(Mails.codeIn(message), wrong);
        submit(wrong);
        assertSignedIn();

        assertMailReadsWell(message);
    }

    /**
     * The demo's Email OTP step trusts devices for 30 days: the checkbox is the next stop after the
     * code field, says what it does, starts unticked, and Space ticks it; a right code with it ticked
     * lets the next sign-in on this browser through without a code.
     */
    @Test
    void trustThisDeviceCheckboxIsReachableByKeyboardAndLabelled() {
        signIn(demo, "tina", "tina");
        assertTitle("Check your email");
        assertEquals("Don't ask for a code on this device for 30 days",
                chromium.findElement(By.cssSelector("label[for=trustDevice]")).getText().trim());
        assertFalse(field("trustDevice").isSelected(), "not ticked for the person");
        screenshots("email-code-trust-device", "Prüfen Sie Ihre E-Mails");
        assertEquals("code", focusedId());

        field("code").sendKeys(Mails.codeIn(Mails.awaitMail(mail, 1)), Keys.TAB);
        assertEquals("trustDevice", focusedId(), "Tab goes from the code to the checkbox");
        WebElement box = field("trustDevice");
        assertEquals("checkbox", box.getAttribute("type"));
        box.sendKeys(Keys.SPACE);
        assertTrue(box.isSelected(), "Space ticks it");
        submit(field("code"));
        assertSignedIn();

        // A new Keycloak session on the same browser: its other cookies stay.
        chromium.get(demo.getBaseUrl() + "/account/");
        for (String cookie : List.of("KEYCLOAK_IDENTITY", "KEYCLOAK_SESSION", "AUTH_SESSION_ID", "AUTH_SESSION_ID_HASH")) {
            chromium.manage().deleteCookieNamed(cookie);
        }
        signIn(demo, "tina", "tina");
        assertSignedIn();
        assertFalse(mail.waitForIncomingEmail(1500, 2), "the trusted browser got no second code");
        chromium.get(demo.getBaseUrl() + "/account/");
        chromium.manage().deleteCookieNamed("OTP_TRUSTED_DEVICE_EMAIL");
    }

    /** The mail as a client shows it: table layout, no images or remote resources, the code big. */
    private void assertMailReadsWell(MimeMessage message) {
        String html = Mails.part(message, "text/html");
        String code = Mails.codeIn(message);
        assertTrue(html.contains("<table"), "table layout");
        assertFalse(html.contains("<img") || html.contains("<link") || html.contains("url("), "nothing to download");
        chromium.get("data:text/html;charset=utf-8;base64,"
                + java.util.Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8)));
        WebElement codeBox = chromium.findElement(By.xpath("//*[normalize-space(text())='" + code + "']"));
        assertEquals("32px", codeBox.getCssValue("font-size"));
        Chromium.screenshot(chromium, SCREENSHOTS, "email-message-en-desktop");
        Chromium.use(chromium, Viewport.PHONE);
        assertTrue(codeBox.getRect().getX() + codeBox.getRect().getWidth() <= 390, "the code fits a phone screen");
        Chromium.screenshot(chromium, SCREENSHOTS, "email-message-en-phone");
        Chromium.use(chromium, Viewport.DESKTOP);
    }

    @Test
    void resendCountdownEndsAndTheNewCodeSignsIn() {
        AuthenticatorConfigRepresentation step = stepConfig(demo, "demo email otp");
        String cooldown = step.getConfig().get("resendCooldownSeconds");
        step.getConfig().put("resendCooldownSeconds", "3");
        demo.admin().flows().updateAuthenticatorConfig(step.getId(), step);
        try {
            signIn(demo, "alice", "alice");
            WebElement resend = chromium.findElement(By.id("kc-otp-resend"));
            WebElement hint = chromium.findElement(By.id("kc-otp-resend-hint"));
            String counting = hint.getText().trim();
            assertTrue(counting.matches("You can request a new code in [123] seconds\\."), counting);
            assertFalse(resend.isEnabled());
            new WebDriverWait(chromium, Duration.ofSeconds(5)).until(d -> !hint.getText().trim().equals(counting) || resend.isEnabled());
            assertTrue(resend.isEnabled() || hint.getText().trim().matches("You can request a new code in [12] seconds\\."),
                    "the countdown counts: " + hint.getText());

            new WebDriverWait(chromium, Duration.ofSeconds(10)).until(d -> resend.isEnabled());
            assertEquals("You can request a new code now.", hint.getText().trim());
            String first = Mails.codeIn(Mails.awaitMail(mail, 1));
            submit(resend);

            assertTrue(chromium.findElement(By.tagName("body")).getText().contains("A new code is on its way."));
            String second = Mails.codeIn(Mails.awaitMail(mail, 2));
            assertFalse(first.equals(second), "a new code, not the old one again");
            submit(field("code"), second);
            assertSignedIn();
        } finally {
            if (cooldown == null) {
                step.getConfig().remove("resendCooldownSeconds"); // the demo's steps use the realm settings
            } else {
                step.getConfig().put("resendCooldownSeconds", cooldown);
            }
            demo.admin().flows().updateAuthenticatorConfig(step.getId(), step);
        }
    }

    @Test
    void emailCodeAlsoWorksInTheBaseTheme() {
        RealmRepresentation settings = demo.admin().toRepresentation();
        settings.setLoginTheme("base");
        demo.admin().update(settings);
        try {
            signIn(demo, "alice", "alice");
            // base shows the attempted username where keycloak.v2 shows the page title
            assertTrue(chromium.findElement(By.id("kc-otp-destination")).getText().contains("a***@e***.com"));
            assertEquals("code", focusedId());
            Chromium.screenshot(chromium, SCREENSHOTS, "base-theme-email-code-en-desktop");
            submit(field("code"), Mails.codeIn(Mails.awaitMail(mail, 1)));
            assertSignedIn();
        } finally {
            settings.setLoginTheme("keycloak.v2");
            demo.admin().update(settings);
        }
    }

    @Test
    void smsCode() {
        signIn(demo, "sam", "sam");

        assertTitle("Check your phone");
        assertTrue(chromium.findElement(By.id("kc-otp-destination")).getText().contains("+49 *** *** 78"));
        assertEquals("code", focusedId());
        assertEquals("numeric", field("code").getAttribute("inputmode"));
        screenshots("sms-code", "Prüfen Sie Ihr Telefon");

        submit(field("code"), sms.last().code());
        assertSignedIn();
    }

    @Test
    void phoneNumberEntryThenSmsCode() {
        signIn(actions, "pia", "pia");

        assertTitle("Verify your phone number");
        WebElement number = field("phoneNumber");
        assertEquals("phoneNumber", focusedId());
        assertEquals("tel", number.getAttribute("autocomplete"));
        assertEquals("tel", number.getAttribute("inputmode"));
        assertEquals("Mobile phone number", chromium.findElement(By.cssSelector("label[for=phoneNumber]")).getText());
        assertEquals("phone-number-hint", number.getAttribute("aria-describedby"));
        screenshots("phone-number", "Telefonnummer bestätigen");

        submit(field("phoneNumber"), "12");
        WebElement refused = field("phoneNumber");
        assertEquals("true", refused.getAttribute("aria-invalid"));
        assertEquals("phone-number-hint input-error-phone-number", refused.getAttribute("aria-describedby"));
        assertTrue(chromium.findElement(By.id("input-error-phone-number")).getText().contains("not a valid phone number"));

        refused.clear();
        submit(refused, "+49 151 99998888");
        assertTitle("Check your phone");
        assertEquals("+4915199998888", sms.last().to());
        submit(field("code"), sms.last().code());
        assertSignedIn();
        UserRepresentation pia = actions.admin().users().search("pia", true).get(0);
        assertEquals(List.of("+4915199998888"), pia.getAttributes().get("phoneNumber"));
    }

    @Test
    void verifyEmailCodeAndChangeOfAddress() {
        signIn(actions, "vera", "vera");

        assertTitle("Check your email");
        assertTrue(chromium.findElement(By.id("kc-otp-destination")).getText().contains("v***@e***.com"));
        screenshots("verify-email-code", "Prüfen Sie Ihre E-Mails");

        submit(chromium.findElement(By.id("kc-otp-change")));
        assertTitle("Change your email address");
        assertEquals("email", focusedId());
        assertEquals("email", field("email").getAttribute("autocomplete"));
        screenshots("change-email", "E-Mail-Adresse ändern");
        submit(field("kc-email-back"));
        assertTitle("Check your email");
        submit(chromium.findElement(By.id("kc-otp-change")));
        assertTitle("Change your email address");

        field("email").clear();
        submit(field("email"), "vera.new@example.com");
        assertTitle("Check your email");
        MimeMessage toNewAddress = Mails.awaitMail(mail, 2);
        assertEquals("vera.new@example.com", Mails.recipient(toNewAddress));
        submit(field("code"), Mails.codeIn(toNewAddress));
        assertSignedIn();
        UserRepresentation vera = actions.admin().users().search("vera", true).get(0);
        assertEquals("vera.new@example.com", vera.getEmail());
        assertTrue(vera.isEmailVerified());
    }

    @Test
    void forgotPasswordWithAnEmailCode() {
        startReset(demo, "carla");

        assertTitle("Check your email");
        assertEquals("If carla belongs to an account, we sent a code to its email address. Enter it below.",
                chromium.findElement(By.id("kc-otp-destination")).getText());
        assertEquals("code", focusedId());
        assertEquals("one-time-code", field("code").getAttribute("autocomplete"));
        screenshots("reset-code", "Prüfen Sie Ihre E-Mails");

        MimeMessage message = Mails.awaitMail(mail, 1);
        assertEquals("carla@example.com", Mails.recipient(message));
        paste(Mails.codeIn(message), field("code"));
        submit(field("code"));
        assertChoosesANewPasswordAndIsSignedIn("carla-new-Passw0rd");
    }

    @Test
    void forgotPasswordWithAnSmsCode() {
        startReset(demo, "rosa");

        assertTitle("Check your phone");
        assertEquals("If rosa belongs to an account with a verified phone number, we sent a code to it by SMS. Enter it below.",
                chromium.findElement(By.id("kc-otp-destination")).getText());
        assertEquals(ROSAS_NUMBER, sms.last().to());
        submit(field("code"), sms.last().code());
        assertChoosesANewPasswordAndIsSignedIn("rosa-new-Passw0rd");
    }

    @Test
    void anUnknownUsernameSeesTheResetPageAKnownAccountSees() {
        startReset(demo, "bruno"); // a German account in an English browser
        String known = visibleText().replace("bruno", "{typed}");
        assertTrue(known.contains("Check your email"), known);
        Mails.awaitMail(mail, 1);

        chromium.manage().deleteAllCookies();
        startReset(demo, "nobody-here");

        assertEquals(known, visibleText().replace("nobody-here", "{typed}"));
        assertFalse(mail.waitForIncomingEmail(2000, 2), "nothing is sent for an unknown username");
    }

    // --- helpers -------------------------------------------------------------------------------

    /** "Forgot Password?" on the app's login page, then the username, by keyboard. */
    private void startReset(ManagedRealm realm, String typed) {
        openLoginPage(realm);
        submit(chromium.findElement(By.linkText("Forgot Password?")));
        assertEquals("username", focusedId());
        submit(field("username"), typed);
    }

    private void assertChoosesANewPasswordAndIsSignedIn(String password) {
        assertTitle("Update password");
        assertEquals("password-new", focusedId());
        field("password-new").sendKeys(password);
        submit(field("password-confirm"), password);
        assertSignedIn();
    }

    /** What the page shows, the resend countdown's seconds aside. */
    private String visibleText() {
        return chromium.findElement(By.tagName("body")).getText().replaceAll("in \\d+ seconds", "in … seconds");
    }

    private void signIn(ManagedRealm realm, String username, String password) {
        openLoginPage(realm);
        field("username").sendKeys(username);
        submit(field("password"), password);
    }

    private void openLoginPage(ManagedRealm realm) {
        chromium.get(realm.getBaseUrl() + "/protocol/openid-connect/auth?client_id=" + APP + "&response_type=code"
                + "&scope=openid&state=browser-test&redirect_uri=" + "http%3A%2F%2F127.0.0.1%3A8500" + SIGNED_IN_PATH);
    }

    /**
     * Four screenshots of the current page: English and German, desktop and phone. Switches the
     * language the way the page's own language menu does ({@code kc_locale}), then back to English.
     */
    private void screenshots(String page, String germanTitle) {
        for (String language : List.of("en", "de")) {
            switchLanguage(language);
            if (language.equals("de")) {
                assertTitle(germanTitle);
            }
            for (Viewport viewport : Viewport.values()) {
                Chromium.use(chromium, viewport);
                Chromium.screenshot(chromium, SCREENSHOTS, page + "-" + language + "-" + viewport.name().toLowerCase());
            }
            Chromium.use(chromium, Viewport.DESKTOP);
        }
        switchLanguage("en");
    }

    private void switchLanguage(String language) {
        String url = chromium.getCurrentUrl().replaceAll("[?&]kc_locale=[^&]*", "");
        chromium.get(url + (url.contains("?") ? "&" : "?") + "kc_locale=" + language);
    }

    /** Puts the code on the clipboard and pastes it with Ctrl+V, as someone copying it from a mail does. */
    private void paste(String code, WebElement field) {
        chromium.executeScript("var t = document.createElement('textarea'); t.id = 'clipboard-source'; t.value = arguments[0];"
                + "document.body.appendChild(t); t.select();", code);
        chromium.findElement(By.id("clipboard-source")).sendKeys(Keys.chord(Keys.CONTROL, "c"));
        chromium.executeScript("document.getElementById('clipboard-source').remove();");
        field.clear();
        field.sendKeys(Keys.chord(Keys.CONTROL, "v"));
        assertEquals(code, field.getAttribute("value"), "pasted");
    }

    /** Types into an element and presses Enter, as a keyboard user does, and waits for the next page. */
    private void submit(WebElement element, CharSequence... typed) {
        Chromium.submit(chromium, element, typed);
    }

    private WebElement field(String id) {
        return chromium.findElement(By.id(id));
    }

    /** An rgb(a) colour whose red part clearly dominates. */
    private static boolean redder(String color) {
        java.util.regex.Matcher rgb = java.util.regex.Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)").matcher(color);
        return rgb.find() && Integer.parseInt(rgb.group(1)) > 150 && Integer.parseInt(rgb.group(2)) < 100
                && Integer.parseInt(rgb.group(3)) < 100;
    }

    private String focusedId() {
        return Chromium.focusedId(chromium);
    }

    private void assertTitle(String title) {
        assertEquals(title, chromium.findElement(By.id("kc-page-title")).getText().trim());
    }

    private void assertSignedIn() {
        new WebDriverWait(chromium, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains(SIGNED_IN_PATH));
        assertTrue(chromium.getCurrentUrl().contains("code="), chromium.getCurrentUrl());
        assertFalse(chromium.getCurrentUrl().contains("error="), chromium.getCurrentUrl());
    }

    private static AuthenticatorConfigRepresentation stepConfig(ManagedRealm realm, String alias) {
        return realm.admin().flows().getFlows().stream()
                .flatMap(flow -> realm.admin().flows().getExecutions(flow.getAlias()).stream())
                .filter(execution -> execution.getAuthenticationConfig() != null)
                .map(execution -> realm.admin().flows().getAuthenticatorConfig(execution.getAuthenticationConfig()))
                .filter(config -> config.getAlias().equals(alias))
                .findFirst().orElseThrow();
    }

    private static void addApp(RealmRepresentation realm) {
        ClientRepresentation app = new ClientRepresentation();
        app.setClientId(APP);
        app.setPublicClient(true);
        app.setRedirectUris(List.of("http://127.0.0.1:8500" + SIGNED_IN_PATH));
        realm.getClients().add(app);
    }

    private static UserRepresentation user(String username, String email, boolean emailVerified, String... requiredActions) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(email);
        user.setEmailVerified(emailVerified);
        user.setFirstName(username.substring(0, 1).toUpperCase() + username.substring(1));
        user.setLastName("Example");
        user.setEnabled(true);
        user.setRequiredActions(new ArrayList<>(List.of(requiredActions)));
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(username);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        user.setAttributes(Map.of());
        return user;
    }
}
