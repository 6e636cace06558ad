package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.testsupport.BrowserSession;
import io.github.otpverification.testsupport.CodePage;
import io.github.otpverification.testsupport.Mails;
import io.github.otpverification.testsupport.OtpServerConfig;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/**
 * Sign-in with an email code and no password: Keycloak's {@code auth-username-form}, then
 * {@code email-otp-form} (docs/passwordless-email.md).
 */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class PasswordlessEmailCodeTest {

    @InjectRealm(fromJson = "/realms/passwordless-email-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver driver;

    @InjectPage
    CodePage codePage;

    @BeforeEach
    void freshStart() {
        mail.runCleanup();
        BrowserSession.startOver(realm, driver);
    }

    @Test
    void aUsernameAndTheMailedCodeSignInWithoutAnyPassword() {
        oauth.openLoginForm();
        assertTrue(driver.driver().findElements(By.id("password")).isEmpty(), "the first page asks for no password");
        typeUsername("alice");

        assertTrue(codePage.isCurrent(), "the code page follows the username");
        assertTrue(codePage.destination().contains("a***@e***.com"), codePage.destination());
        MimeMessage message = Mails.awaitMail(mail, 1);
        assertEquals("alice@example.com", Mails.recipient(message));
        codePage.submitCode(Mails.codeIn(message));

        String code = oauth.parseLoginResponse().getCode();
        assertNotNull(code, "signed in with the code alone");
        assertNotNull(oauth.doAccessTokenRequest(code).getAccessToken());
    }

    @Test
    void aWrongCodeDoesNotSignIn() {
        oauth.openLoginForm();
        typeUsername("alice");
        String right = Mails.codeIn(Mails.awaitMail(mail, 1));

        codePage.submitCode(right.equals("000000") ? "111111" : "000000");

        assertTrue(codePage.isCurrent(), "still on the code page");
        assertTrue(driver.driver().findElement(By.id("input-error-code")).getText().contains("4"), "attempts left are shown");
    }

    private void typeUsername(String username) {
        driver.driver().findElement(By.id("username")).sendKeys(username);
        driver.driver().findElement(By.id("kc-login")).click();
    }
}
