package io.github.otpverification.testsupport;

import java.util.List;
import org.keycloak.testframework.ui.page.AbstractLoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The address form ({@code otp-email-form.ftl}): "Wrong address?" of VERIFY_EMAIL_CODE, and the
 * address of a sign-up by phone where the email is the username; tests get it with {@code @InjectPage}.
 */
public class EmailPage extends AbstractLoginPage {

    public EmailPage(ManagedWebDriver driver) {
        super(driver);
    }

    @Override
    public String getExpectedPageId() {
        return "login-otp-email-form";
    }

    /** Whether the address form is the page shown. */
    public boolean isCurrent() {
        return !driver.driver().findElements(By.id("kc-email-form")).isEmpty();
    }

    /** Types the corrected address and asks for a code to it. */
    public void submitAddress(String address) {
        WebElement field = driver.findElement(By.id("email"));
        field.clear();
        field.sendKeys(address);
        driver.findElement(By.id("kc-email-send")).click();
    }

    /** The error under the address field, or "" when there is none. */
    public String addressError() {
        List<WebElement> errors = driver.driver().findElements(By.id("input-error-email"));
        return errors.isEmpty() ? "" : errors.get(0).getText().trim();
    }
}
