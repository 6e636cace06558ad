package io.github.otpverification.testsupport;

import java.util.List;
import org.keycloak.testframework.ui.page.AbstractLoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/** The code entry page ({@code otp-code-form.ftl}), as a person uses it; tests get it with {@code @InjectPage}. */
public class CodePage extends AbstractLoginPage {

    public CodePage(ManagedWebDriver driver) {
        super(driver);
    }

    @Override
    public String getExpectedPageId() {
        return "login-otp-code-form";
    }

    public boolean isCurrent() {
        return !driver.driver().findElements(By.id("kc-otp-code-form")).isEmpty();
    }

    public void submitCode(String code) {
        WebElement field = driver.findElement(By.id("code"));
        field.clear();
        field.sendKeys(code);
        driver.findElement(By.id("kc-login")).click();
    }

    /**
     * Posts the resend form whatever the page's countdown says: these tests move the server's clock,
     * not the browser's, and check the server's own cooldown (as a client without JavaScript meets it).
     * The countdown itself is tested in Chromium.
     */
    public void resend() {
        ((JavascriptExecutor) driver.driver()).executeScript("document.getElementById('kc-otp-resend-form').submit();");
    }

    /** "Wrong address?" / "Wrong number?": back to entering the destination. */
    public void changeDestination() {
        driver.findElement(By.id("kc-otp-change")).click();
    }

    public void reload() {
        driver.driver().navigate().refresh();
    }

    public WebElement codeField() {
        return driver.findElement(By.id("code"));
    }

    public String destination() {
        return driver.findElement(By.id("kc-otp-destination")).getText();
    }

    public String title() {
        return driver.findElement(By.id("kc-page-title")).getText();
    }

    /** The error shown under the code field, or "" when there is none. */
    public String codeError() {
        List<WebElement> errors = driver.driver().findElements(By.id("input-error-code"));
        return errors.isEmpty() ? "" : errors.get(0).getText().trim();
    }

    /** The page's info / success / error banner, or "" when there is none. */
    public String banner() {
        List<WebElement> banners = driver.driver().findElements(By.className("kc-feedback-text"));
        return banners.isEmpty() ? "" : banners.get(0).getText().trim();
    }

    public String pageText() {
        return driver.findElement(By.tagName("body")).getText();
    }
}
