package io.github.otpverification.testsupport;

import java.util.List;
import org.keycloak.testframework.ui.page.AbstractLoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The phone number page of VERIFY_PHONE_NUMBER ({@code otp-phone-form.ftl}); tests get it with {@code @InjectPage}. */
public class PhonePage extends AbstractLoginPage {

    public PhonePage(ManagedWebDriver driver) {
        super(driver);
    }

    @Override
    public String getExpectedPageId() {
        return "login-otp-phone-form";
    }

    public boolean isCurrent() {
        return !driver.driver().findElements(By.id(formId())).isEmpty();
    }

    /** The id of the page's form. */
    protected String formId() {
        return "kc-phone-form";
    }

    /** The id of the page's submit button. */
    protected String submitId() {
        return "kc-phone-send";
    }

    public String prefilled() {
        return driver.findElement(By.id("phoneNumber")).getAttribute("value");
    }

    public void submitNumber(String number) {
        WebElement field = driver.findElement(By.id("phoneNumber"));
        field.clear();
        field.sendKeys(number);
        driver.findElement(By.id(submitId())).click();
    }

    /** The error under the phone field, or "" when there is none. */
    public String numberError() {
        List<WebElement> errors = driver.driver().findElements(By.id("input-error-phone-number"));
        return errors.isEmpty() ? "" : errors.get(0).getText().trim();
    }
}
