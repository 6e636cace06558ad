package io.github.otpverification.testsupport;

import java.util.List;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

/** The page of the Phone Number login step ({@code otp-phone-sign-in.ftl}); tests get it with {@code @InjectPage}. */
public class PhoneSignInPage extends PhonePage {

    public PhoneSignInPage(ManagedWebDriver driver) {
        super(driver);
    }

    @Override
    public String getExpectedPageId() {
        return "login-otp-phone-sign-in";
    }

    @Override
    protected String formId() {
        return "kc-phone-sign-in-form";
    }

    @Override
    protected String submitId() {
        return "kc-phone-sign-in";
    }

    /** Sends text the field's maxlength would cut, as a client without the browser's limit does. */
    public void submitUncut(String text) {
        WebElement field = driver.findElement(By.id("phoneNumber"));
        ((JavascriptExecutor) driver.driver()).executeScript("arguments[0].removeAttribute('maxlength'); arguments[0].value = arguments[1];",
                field, text);
        driver.findElement(By.id(submitId())).click();
    }

    public String title() {
        return driver.findElement(By.id("kc-page-title")).getText().trim();
    }

    /** Keycloak's "Try another way", then the choice with this name. */
    public String tryAnotherWay() {
        driver.findElement(By.id("try-another-way")).click();
        return driver.findElement(By.tagName("body")).getText();
    }

    public void choose(String option) {
        driver.findElement(By.xpath("//*[normalize-space(text())='" + option + "']")).click();
    }

    /** The tab id of this login (the form posts it), to find its authentication session. */
    public String tabId() {
        String action = driver.findElement(By.id(formId())).getAttribute("action");
        List<String> parameters = List.of(action.substring(action.indexOf('?') + 1).split("&"));
        return parameters.stream().filter(p -> p.startsWith("tab_id=")).map(p -> p.substring("tab_id=".length()))
                .findFirst().orElseThrow(() -> new AssertionError("no tab_id in " + action));
    }
}
