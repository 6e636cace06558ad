package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.demo.Demo;
import io.github.otpverification.testsupport.Chromium;
import io.github.otpverification.testsupport.DemoServer;
import io.github.otpverification.testsupport.PackagedServers;
import io.github.otpverification.testsupport.Reply;
import io.github.otpverification.testsupport.VerificationApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a newcomer does with the demo, in headless Chromium against the demo's servers with the
 * packaged jar ({@link DemoServer}): each demo user from the README's first URL through password
 * and code (read from the demo inbox) to the account console with their name; registering; a
 * forgotten password reset with a code; the admin console's OTP verification tab; the inbox page itself.
 */
@EnabledIf(value = "io.github.otpverification.testsupport.PackagedServers#canStart", disabledReason = PackagedServers.NO_DOCKER)
class DemoJourneyIT {

    private static final Duration PAGE = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));

    @RegisterExtension
    static final DemoServer demo = new DemoServer();

    private static ChromeDriver chromium;

    @BeforeAll
    static void startChromium() {
        chromium = Chromium.start();
    }

    @AfterAll
    static void closeChromium() {
        if (chromium != null) {
            chromium.quit();
        }
    }

    @BeforeEach
    void freshBrowser() {
        // every site's cookies (Keycloak's and the inbox's), not only the current page's
        chromium.executeCdpCommand("Network.clearBrowserCookies", Map.of());
        chromium.get("about:blank");
    }

    @ParameterizedTest(name = "{0} signs in with a code from the {1} and sees the account console")
    @CsvSource({
            "alice, mail, alice@example.com, Alice Example",
            "bruno, mail, bruno@example.de, Bruno Beispiel",
            "sam, SMS, +4915112345678, Sam Mobile",
            "carla, mail, carla@example.com, Carla Nuevo"})
    void demoUserSignsInFromTheReadmesFirstUrlAndSeesTheAccountConsole(String user, String sink, String codeTo, String name) {
        demo.resetUser(user); // as the demo imported them (carla's address unverified), whatever earlier tests did
        long before = demo.inbox().lastId();
        chromium.get(readmeSignInUrl());

        waitFor(By.id("username")).sendKeys(user);
        submit(chromium.findElement(By.id("password")), user);
        WebElement code = waitFor(By.id("code"));
        submit(code, demo.inbox().awaitCode(codeTo, before, Duration.ofSeconds(10)));

        assertAccountConsoleShows(name, user);
        Chromium.screenshot(chromium, SCREENSHOTS, "demo-account-console-" + user);
    }

    @Test
    void samSignsInWithHisPhoneNumberAndNoPasswordFromTheReadmesUrl() {
        demo.resetUser("sam");
        long before = demo.inbox().lastId();
        chromium.get(readmeUrl("Phone number, then an SMS code"));

        submit(waitFor(By.id("phoneNumber")), "+49 151 12345678");
        submit(waitFor(By.id("code")), demo.inbox().awaitCode("+4915112345678", before, Duration.ofSeconds(10)));

        openAccountFromTheSignedInPage();
        assertAccountConsoleShows("Sam Mobile", "sam");
    }

    @Test
    void aNewNumberSignsUpThroughKeycloaksProfilePage() {
        long before = demo.inbox().lastId();
        chromium.get(readmeUrl("Phone number, then an SMS code"));

        submit(waitFor(By.id("phoneNumber")), "+49 151 99887766");
        submit(waitFor(By.id("code")), demo.inbox().awaitCode("+4915199887766", before, Duration.ofSeconds(10)));

        // Keycloak then asks for what the demo's user profile requires (email, name) and the demo verifies the new address by code:
        // the pages come in the order of the realm's required actions, so each is answered as it comes.
        java.util.List<String> pages = new java.util.ArrayList<>();
        for (int step = 0; step < 6 && chromium.findElements(By.id("signed-in")).isEmpty(); step++) {
            waitFor(By.cssSelector("#signed-in, #firstName, #email, #code"));
            String page = java.util.stream.Stream.of("signed-in", "firstName", "code", "email")
                    .filter(id -> !chromium.findElements(By.id(id)).isEmpty()).findFirst().orElseThrow();
            WebElement field = chromium.findElement(By.id(page));
            pages.add(page);
            switch (page) {
                case "firstName" -> {
                    WebElement email = chromium.findElement(By.id("email"));
                    if (email.getAttribute("value").isEmpty()) {
                        email.sendKeys("neo@example.com");
                    }
                    field.sendKeys("Neo");
                    submit(chromium.findElement(By.id("lastName")), "Phone");
                }
                case "email" -> submit(field, "neo@example.com");
                case "code" -> submit(field, demo.inbox().awaitCode("neo@example.com", before, Duration.ofSeconds(10)));
                default -> { }
            }
        }
        assertTrue(pages.contains("firstName"), "Keycloak's profile page asked for the name: " + pages);

        openAccountFromTheSignedInPage();
        assertAccountConsoleShows("Neo Phone", "+4915199887766");
    }

    @Test
    void aliceSignsInWithAnEmailCodeAloneFromTheReadmesUrl() {
        demo.resetUser("alice");
        long before = demo.inbox().lastId();
        chromium.get(readmeUrl("Username, then an email code"));

        submit(waitFor(By.id("username")), "alice");
        assertTrue(chromium.findElements(By.id("password")).isEmpty(), "no password on the way");
        submit(waitFor(By.id("code")), demo.inbox().awaitCode("alice@example.com", before, Duration.ofSeconds(10)));

        openAccountFromTheSignedInPage();
        assertAccountConsoleShows("Alice Example", "alice");
    }

    private static void openAccountFromTheSignedInPage() {
        waitFor(By.id("signed-in"));
        chromium.findElement(By.id("account")).click();
    }

    @Test
    void registrationAsksForTheEmailCodeThenThePassword() {
        chromium.get(readmeSignInUrl());
        waitFor(By.id("username"));
        chromium.findElement(By.linkText("Register")).click();

        waitFor(By.id("firstName"));
        assertTrue(chromium.findElements(By.id("password")).isEmpty(),
                "Keycloak 26.7 with 'Verify email' sets the password after the address is verified (README: Registering)");
        long before = demo.inbox().lastId();
        chromium.findElement(By.id("username")).sendKeys("dora");
        chromium.findElement(By.id("email")).sendKeys("dora@example.com");
        chromium.findElement(By.id("firstName")).sendKeys("Dora");
        submit(chromium.findElement(By.id("lastName")), "Neu");

        submit(waitFor(By.id("code")), demo.inbox().awaitCode("dora@example.com", before, Duration.ofSeconds(10)));

        // then Keycloak's "Update password" page
        waitFor(By.id("password-new")).sendKeys("dora-demo-password");
        submit(chromium.findElement(By.id("password-confirm")), "dora-demo-password");
        assertAccountConsoleShows("Dora Neu", "dora");
    }

    /** The README's "Forgot your password?": a code from the inbox instead of a link, then a new password. */
    @Test
    void forgottenPasswordIsResetWithACodeFromTheInbox() {
        demo.resetUser("bruno");
        try {
            long before = demo.inbox().lastId();
            chromium.get(readmeSignInUrl());
            waitFor(By.id("username"));
            chromium.findElement(By.linkText("Forgot Password?")).click();
            submit(waitFor(By.id("username")), "bruno");
            submit(waitFor(By.id("code")), demo.inbox().awaitCode("bruno@example.de", before, Duration.ofSeconds(10)));

            waitFor(By.id("password-new")).sendKeys("bruno-new-password");
            submit(chromium.findElement(By.id("password-confirm")), "bruno-new-password");
            assertAccountConsoleShows("Bruno Beispiel", "bruno");
        } finally {
            demo.resetUser("bruno"); // his password as the README says
        }
    }

    @Test
    void adminOpensTheOtpVerificationTabOfTheDemoRealm() {
        // the README's link (Realm settings section); the admin console needs declarative-ui for it
        chromium.get(demo.baseUrl() + "/admin/master/console/#/" + Demo.REALM + "/realm-settings/otp-verification");
        waitFor(By.id("username")).sendKeys("admin");
        submit(chromium.findElement(By.id("password")), "admin");

        WebElement codeLength = waitFor(By.id("config.codeLength"));
        WebElement tab = chromium.findElement(By.cssSelector("a[role=tab][href$='/realm-settings/otp-verification']"));
        assertEquals("true", tab.getAttribute("aria-selected"), "the OTP verification tab is the open one");
        assertEquals("Code length", chromium.findElement(By.cssSelector("label[for='config.codeLength']")).getText().trim());
        assertTrue(codeLength.getAttribute("value").matches("\\d+"), "the form shows the settings: " + codeLength.getAttribute("value"));
        assertFalse(chromium.findElements(By.id("config.resendCooldownSeconds")).isEmpty());
        Chromium.screenshot(chromium, SCREENSHOTS, "demo-admin-otp-verification-tab");
    }

    /**
     * The way a newcomer looks for the tab: Realm settings in the menu, then the tab by its name.
     */
    @Test
    void otpVerificationTabIsListedUnderRealmSettings() {
        chromium.get(demo.baseUrl() + "/admin/master/console/#/" + Demo.REALM);
        waitFor(By.id("username")).sendKeys("admin");
        submit(chromium.findElement(By.id("password")), "admin");
        waitFor(By.xpath("//nav//a[normalize-space(.)='Realm settings']")).click();

        waitFor(By.cssSelector("[data-testid=rs-general-tab]"));
        WebElement tab = new WebDriverWait(chromium, PAGE).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector("a[role=tab]")).stream()
                        .filter(t -> t.getText().trim().equals("OTP verification")).findFirst().orElse(null));
        // the realm's tabs are wider than the window: scrolled to, as a newcomer scrolls the tab strip
        chromium.executeScript("arguments[0].scrollIntoView({block: 'nearest', inline: 'center'});", tab);
        try {
            tab.click();
        } catch (ElementClickInterceptedException behindTheScrollButton) {
            chromium.executeScript("arguments[0].click();", tab); // the strip's scroll button still covers it in a headless window
        }
        waitFor(By.id("config.codeLength"));
    }

    @Test
    void inboxAddsNewMessagesWithoutReloadingAndShowsMailAsHtmlAndText() {
        VerificationApi api = new VerificationApi(demo.realmUrl(), "demo-cli");
        String app = api.clientToken("demo-app", "demo-app-secret");
        chromium.get("http://localhost:" + Demo.INBOX_PORT);
        waitFor(By.tagName("h1"));
        chromium.executeScript("window.stillTheSamePage = true;"); // a reload would drop this mark

        String first = "inbox-first-" + System.nanoTime() + "@example.org";
        String firstCode = sendGuestCode(api, app, first);
        WebElement firstMail = mailTo(first);
        // someone selects the code to copy it ...
        chromium.executeScript("const r = document.createRange(); r.selectNodeContents(arguments[0]);"
                + "getSelection().removeAllRanges(); getSelection().addRange(r);", firstMail.findElement(By.cssSelector(".code")));

        // ... while the next message comes in
        String second = "inbox-second-" + System.nanoTime() + "@example.org";
        String secondCode = sendGuestCode(api, app, second);
        WebElement secondMail = mailTo(second);
        assertEquals(Boolean.TRUE, chromium.executeScript("return window.stillTheSamePage === true;"), "the page was not reloaded");
        assertEquals(firstCode, String.valueOf(chromium.executeScript("return getSelection().toString();")).trim(),
                "the selected code stays selected");
        assertTrue(secondMail.getLocation().getY() < firstMail.getLocation().getY(), "newest on top");

        WebElement frame = secondMail.findElement(By.tagName("iframe"));
        assertEquals("", frame.getDomAttribute("sandbox"), "sandboxed without allow-scripts");
        assertTrue(frame.isDisplayed(), "the HTML part first");
        chromium.switchTo().frame(frame);
        try {
            Boolean shown = new WebDriverWait(chromium, PAGE).until(d -> bodyText(d).contains(secondCode));
            assertTrue(shown, "the HTML part shows the code");
        } finally {
            chromium.switchTo().defaultContent();
        }
        secondMail.findElement(By.cssSelector("button.show-text")).click();
        WebElement text = secondMail.findElement(By.cssSelector("pre.text"));
        assertTrue(text.isDisplayed() && !frame.isDisplayed(), "Text shows the plain-text part instead");
        assertTrue(text.getText().contains(secondCode), text.getText());
        Chromium.screenshot(chromium, SCREENSHOTS, "demo-inbox");
    }

    private static String sendGuestCode(VerificationApi api, String app, String address) {
        long before = demo.inbox().lastId();
        Reply sent = api.post("/email/send-code", app, "{\"email\": \"" + address + "\"}");
        assertEquals(200, sent.status(), sent.toString());
        return demo.inbox().awaitCode(address, before, Duration.ofSeconds(10));
    }

    private static WebElement mailTo(String address) {
        return new WebDriverWait(chromium, PAGE).until(d -> d.findElements(By.cssSelector("article[data-kind=mail]")).stream()
                .filter(article -> article.getText().contains(address)).findFirst().orElse(null));
    }

    // --- helpers -------------------------------------------------------------------------------

    /**
     * The first URL of the README's demo section ("Sign in"), on the server under test: the same
     * URL with the demo, the container's equivalent with -Pcontainer.
     */
    /** The URL of the README's demo table row that starts with {@code way}. */
    private static String readmeUrl(String way) {
        try {
            Matcher row = Pattern.compile("(?m)^\\| " + Pattern.quote(way) + "[^|]*\\| (http://localhost:8080/\\S+) \\|")
                    .matcher(Files.readString(Path.of("README.md")));
            assertTrue(row.find(), "the README has a row '" + way + "'");
            return row.group(1).replace("http://localhost:8080", demo.baseUrl());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String readmeSignInUrl() {
        return readmeUrl("Sign in");
    }

    private static void assertAccountConsoleShows(String name, String username) {
        try {
            // the account console re-renders its page while it loads: a body read then may be stale
            new WebDriverWait(chromium, PAGE).ignoring(StaleElementReferenceException.class)
                    .until(d -> bodyText(d).contains(name) || bodyText(d).contains("Something went wrong"));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no account console with '" + name + "' at " + chromium.getCurrentUrl() + ": " + bodyText(chromium), e);
        }
        assertFalse(bodyText(chromium).contains("Something went wrong"), "the account console failed: " + bodyText(chromium));
        assertTrue(chromium.getCurrentUrl().startsWith(demo.realmUrl() + "/account"), chromium.getCurrentUrl());
        // the personal-info form is filled from the Account API, which needs the account roles
        assertEquals(username, waitFor(By.id("username")).getAttribute("value"));
    }

    private static String bodyText(WebDriver driver) {
        return driver.findElement(By.tagName("body")).getText();
    }

    private static WebElement waitFor(By locator) {
        return new WebDriverWait(chromium, PAGE).ignoring(StaleElementReferenceException.class).until(d -> d.findElements(locator).stream().filter(WebElement::isDisplayed)
                .findFirst().orElse(null));
    }

    /** Types and presses Enter, as a keyboard user does. */
    private static void submit(WebElement field, String typed) {
        field.sendKeys(typed, Keys.ENTER);
    }

}
