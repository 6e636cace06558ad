package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.otpverification.testsupport.Chromium;
import io.github.otpverification.testsupport.Chromium.Viewport;
import io.github.otpverification.testsupport.FakeSmsGateways;
import io.github.otpverification.testsupport.OtpServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectHttpServer;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;
import org.openqa.selenium.By;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The Phone Number page as people meet it on a phone: headless Chromium at 390 px, keyboard only.
 * Screenshots go to {@code target/screenshots} (copied to {@code docs/screenshots} for the docs).
 */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class PhoneSignInInChromiumTest {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    private static ChromeDriver chromium;

    @InjectRealm(fromJson = "/realms/phone-sign-in-realm.json")
    ManagedRealm realm;

    @InjectHttpServer
    HttpServer httpServer;

    FakeSmsGateways sms;

    @BeforeAll
    static void startBrowser() {
        chromium = Chromium.start();
    }

    @BeforeEach
    void freshBrowser() {
        sms = new FakeSmsGateways(httpServer);
        realm.admin().logoutAll();
        chromium.manage().deleteAllCookies();
        Chromium.use(chromium, Viewport.PHONE);
    }

    @AfterAll
    static void closeBrowser() {
        chromium.quit();
    }

    @Test
    void onA390PixelScreenTheFieldIsVisibleLabelledAndUsableWithTheKeyboard() {
        openSignIn();

        assertEquals("Sign in with your phone number", chromium.findElement(By.id("kc-page-title")).getText().trim());
        WebElement number = chromium.findElement(By.id("phoneNumber"));
        assertTrue(number.isDisplayed());
        assertWithinScreen(number.getRect(), "the field");
        assertEquals("phoneNumber", Chromium.focusedId(chromium), "the cursor waits in the number field");
        assertEquals("tel", number.getAttribute("autocomplete"));
        assertEquals("tel", number.getAttribute("inputmode"));
        WebElement label = chromium.findElement(By.cssSelector("label[for=phoneNumber]"));
        assertTrue(label.isDisplayed());
        assertEquals("Mobile phone number", label.getText());
        assertEquals("phone-number-hint", number.getAttribute("aria-describedby"));
        assertNothingOverflows();
        screenshots("phone-sign-in", "Mit Ihrer Telefonnummer anmelden");

        Chromium.submit(chromium, chromium.findElement(By.id("phoneNumber")), "call me");
        WebElement refused = chromium.findElement(By.id("phoneNumber"));
        assertEquals("true", refused.getAttribute("aria-invalid"));
        assertEquals("phone-number-hint input-error-phone-number", refused.getAttribute("aria-describedby"));
        WebElement error = chromium.findElement(By.id("input-error-phone-number"));
        assertTrue(error.isDisplayed() && error.getText().contains("not a valid phone number"), error.getText());
        assertWithinScreen(error.getRect(), "the error");
        assertNothingOverflows();
        Chromium.screenshot(chromium, SCREENSHOTS, "phone-sign-in-error-en-phone");

        refused.clear();
        Chromium.submit(chromium, refused, "+49 151 11111101");
        assertTrue(chromium.findElement(By.id("kc-otp-destination")).getText().contains("+49 *** *** 01"));
        assertEquals("+4915111111101", sms.last().to());
    }

    /**
     * Back from the code page: whether the browser restores the field itself or fetches the sign-in
     * request again (then the server prefills it; PhoneNumberFormTest checks that part), the number is there.
     */
    @Test
    void theBackButtonBringsThePageBackWithTheNumberTyped() {
        openSignIn();
        Chromium.submit(chromium, chromium.findElement(By.id("phoneNumber")), "+49 151 11111101");
        chromium.findElement(By.id("kc-otp-destination"));

        WebElement page = chromium.findElement(By.tagName("html"));
        chromium.navigate().back();
        new WebDriverWait(chromium, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(page));

        assertEquals("+49 151 11111101", chromium.findElement(By.id("phoneNumber")).getAttribute("value"));
    }

    // --- helpers -------------------------------------------------------------------------------

    private void openSignIn(String... parameters) {
        chromium.get(realm.getBaseUrl() + "/protocol/openid-connect/auth?client_id=phone-browser-app&response_type=code"
                + "&scope=openid&state=chromium&redirect_uri=http%3A%2F%2F127.0.0.1%3A8500%2Fsigned-in" + String.join("", parameters));
    }

    private static void assertWithinScreen(Rectangle rect, String what) {
        assertTrue(rect.getX() >= 0 && rect.getX() + rect.getWidth() <= 390 && rect.getWidth() > 100,
                what + " lies within the 390 px screen: " + rect.getX() + "+" + rect.getWidth());
    }

    /** Nothing is wider than the screen: no horizontal scrolling, no element reaching past either edge. */
    @SuppressWarnings("unchecked")
    private void assertNothingOverflows() {
        assertEquals(390L, chromium.executeScript("return document.documentElement.scrollWidth;"), "page width");
        List<String> outside = (List<String>) chromium.executeScript("return [...document.querySelectorAll('body *')]"
                + ".filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0"
                + " && (r.left < -0.5 || r.right > window.innerWidth + 0.5); })"
                + ".map(e => e.tagName + '#' + e.id + '.' + e.className);");
        assertEquals(List.of(), outside, "elements reaching past the screen's edges");
    }

    /** English and German at phone width (the app asks for German with {@code ui_locales}), then English again. */
    private void screenshots(String page, String germanTitle) {
        Chromium.screenshot(chromium, SCREENSHOTS, page + "-en-phone");
        openSignIn("&ui_locales=de");
        assertEquals(germanTitle, chromium.findElement(By.id("kc-page-title")).getText().trim());
        assertNothingOverflows();
        Chromium.screenshot(chromium, SCREENSHOTS, page + "-de-phone");
        openSignIn("&ui_locales=en");
    }

}
