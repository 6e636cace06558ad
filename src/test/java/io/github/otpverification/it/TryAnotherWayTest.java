package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.testsupport.BrowserSession;
import io.github.otpverification.testsupport.CodePage;
import io.github.otpverification.testsupport.Mails;
import io.github.otpverification.testsupport.OtpServerConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.realm.RealmBuilder;
import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.UserBuilder;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/** Email OTP as one of several second factors: Keycloak's "Try another way" moves between them. */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class TryAnotherWayTest {

    @InjectRealm(fromJson = "/realms/email-otp-alternatives-realm.json", config = UserWithEmailAndTotp.class)
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver driver;

    @InjectPage
    LoginPage loginPage;

    @InjectPage
    CodePage codePage;

    @BeforeEach
    void freshStart() {
        mail.runCleanup();
        BrowserSession.startOver(realm, driver);
    }

    @Test
    void userCanSwitchFromTheAuthenticatorAppToTheEmailedCodeAndBack() {
        oauth.openLoginForm();
        loginPage.fillLogin("tina", "tina");
        loginPage.submit();
        // Keycloak offers the user's stored credentials (the authenticator app) first.
        assertFalse(driver.driver().findElements(By.id("otp")).isEmpty(), "the authenticator app page");
        assertEquals(0, mail.getReceivedMessages().length, "no mail before Email OTP is chosen");

        driver.findElement(By.id("try-another-way")).click();
        String choices = codePage.pageText();
        assertTrue(choices.contains("Email OTP") && choices.contains("Get a one-time code by email"), choices);
        choose("Email OTP");
        assertTrue(codePage.isCurrent());
        String code = Mails.codeIn(Mails.awaitMail(mail, 1));

        driver.findElement(By.id("try-another-way")).click();
        choose("Authenticator Application");
        assertFalse(driver.driver().findElements(By.id("otp")).isEmpty());
        driver.findElement(By.id("try-another-way")).click();
        choose("Email OTP");
        assertTrue(codePage.isCurrent());
        assertFalse(mail.waitForIncomingEmail(1000, 2), "coming back sends no second code");

        codePage.submitCode(code);
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    private void choose(String option) {
        driver.findElement(By.xpath("//*[normalize-space(text())='" + option + "']")).click();
    }

    public static class UserWithEmailAndTotp implements RealmConfig {
        @Override
        public RealmBuilder configure(RealmBuilder realm) {
            return realm.users(UserBuilder.create("tina").enabled(true).password("tina").email("tina@example.com")
                    .emailVerified(true).name("Tina", "Twofactor").totpSecret("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"));
        }
    }
}
