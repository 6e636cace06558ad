package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.testsupport.BrowserSession;
import io.github.otpverification.testsupport.CodePage;
import io.github.otpverification.testsupport.EmailPage;
import io.github.otpverification.testsupport.Mails;
import io.github.otpverification.testsupport.OtpServerConfig;
import io.github.otpverification.testsupport.RequiredActions;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.page.LoginPasswordUpdatePage;
import org.keycloak.testframework.ui.page.RegisterPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;

/** VERIFY_EMAIL_CODE in a realm with "Verify email" on and Keycloak's link action still enabled. */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class VerifyEmailCodeTest {

    @InjectRealm(fromJson = "/realms/verify-email-realm.json")
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
    RegisterPage registerPage;

    @InjectPage
    LoginPasswordUpdatePage passwordUpdatePage;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    @InjectPage
    CodePage codePage;

    @InjectPage
    EmailPage emailPage;

    @BeforeEach
    void freshStart() {
        RequiredActions.ensureRegistered(realm, "VERIFY_EMAIL_CODE", "Verify Email (code)");
        mail.runCleanup();
        realm.admin().clearEvents();
        BrowserSession.startOver(realm, driver);
    }

    @Test
    void selfRegistrationGetsACodeNotALinkAndEndsLoggedInAndVerified() throws Exception {
        oauth.openLoginForm();
        loginPage.clickRegister();
        // Keycloak 26.7's default registration form asks for no password: its UPDATE_PASSWORD action comes first.
        registerPage.registerWithoutPassword("Rita", "Register", "rita@example.com", "rita");
        passwordUpdatePage.changePassword("Rita-Pass-123", "Rita-Pass-123");

        assertTrue(codePage.isCurrent(), "the code page, not Keycloak's link page: " + codePage.pageText());
        MimeMessage message = Mails.awaitMail(mail, 1);
        assertEquals("Verify your email address for Verify Test", message.getSubject());
        assertNoLink(message);
        codePage.submitCode(Mails.codeIn(message));

        assertNotNull(oauth.parseLoginResponse().getCode());
        assertTrue(user("rita").isEmailVerified());
        assertFalse(mail.waitForIncomingEmail(1000, 2), "Keycloak's link mail must not follow");
        realm.cleanup().add(r -> r.users().delete(user("rita").getId()));
    }

    @Test
    void unverifiedUserAtLoginConfirmsTheAddressWithACode() throws Exception {
        signIn("vera");
        assertTrue(codePage.isCurrent());
        assertTrue(codePage.destination().contains("v***@e***.com"), codePage.destination());
        MimeMessage message = Mails.awaitMail(mail, 1);
        assertNoLink(message);

        codePage.submitCode(Mails.codeIn(message));

        assertNotNull(oauth.parseLoginResponse().getCode());
        assertTrue(user("vera").isEmailVerified());
        assertEquals(1, mail.getReceivedMessages().length);
        List<EventRepresentation> events = realm.admin().getEvents();
        EventRepresentation sent = events.stream().filter(e -> "SEND_VERIFY_EMAIL".equals(e.getType())).findFirst().orElseThrow();
        EventRepresentation verified = events.stream().filter(e -> "VERIFY_EMAIL".equals(e.getType())).findFirst().orElseThrow();
        assertEquals("v***@e***.com", sent.getDetails().get("destination"));
        assertEquals("verify", verified.getDetails().get("purpose"));
        assertFalse(sent.getDetails().toString().contains(Mails.codeIn(message)), "never the code in an event");
        resetVera();
    }

    @Test
    void adminSetActionsFireTheCodeEvenWhenTheAdminPickedKeycloaksLinkAction() throws Exception {
        realm.updateWithCleanup(r -> r.verifyEmail(false));
        for (String action : List.of("VERIFY_EMAIL_CODE", "VERIFY_EMAIL")) {
            setAdam(false, action);
            mail.runCleanup();
            BrowserSession.startOver(realm, driver);

            signIn("adam");
            assertTrue(codePage.isCurrent(), action);
            MimeMessage message = Mails.awaitMail(mail, 1);
            assertNoLink(message);
            codePage.submitCode(Mails.codeIn(message));
            assertNotNull(oauth.parseLoginResponse().getCode(), action);
            assertTrue(user("adam").isEmailVerified(), action);
            assertTrue(user("adam").getRequiredActions().isEmpty(), action + " leaves no pending action");
        }
    }

    @Test
    void appCanAskForTheActionWithKcAction() {
        oauth.loginForm().kcAction("VERIFY_EMAIL_CODE").open();
        loginPage.fillLogin("dora", "dora");
        loginPage.submit();

        assertTrue(codePage.isCurrent());
        codePage.submitCode(Mails.codeIn(Mails.awaitMail(mail, 1)));
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    void wrongAddressCanBeCorrectedButNotToOneAnotherUserHas() {
        signIn("vera");
        Mails.awaitMail(mail, 1);

        codePage.changeDestination();
        emailPage.submitAddress("dora@example.com");
        assertEquals("Email already exists.", emailPage.addressError());
        assertFalse(mail.waitForIncomingEmail(1000, 2), "no code to an address that is taken");

        emailPage.submitAddress("vera.new@example.com");
        assertTrue(codePage.isCurrent());
        MimeMessage message = Mails.awaitMail(mail, 2);
        assertEquals("vera.new@example.com", Mails.recipient(message));
        assertEquals("vera@example.com", user("vera").getEmail(), "saved only once its code is confirmed");

        codePage.submitCode(Mails.codeIn(message));

        assertNotNull(oauth.parseLoginResponse().getCode());
        UserRepresentation vera = user("vera");
        assertEquals("vera.new@example.com", vera.getEmail());
        assertTrue(vera.isEmailVerified());
        resetVera();
    }

    @Test
    void wrongAndExpiredCodesAreRefused() {
        signIn("vera");
        String code = Mails.codeIn(Mails.awaitMail(mail, 1));

        codePage.submitCode(code.equals("000000") ? "111111" : "000000");
        assertEquals("Wrong code. 4 attempts left.", codePage.codeError());

        timeOffSet.set(301);
        codePage.submitCode(code);
        assertEquals("This code has expired. Request a new one.", codePage.codeError());
        assertFalse(user("vera").isEmailVerified());
    }

    @Test
    void reloadAndEarlyResendSendNothing() {
        signIn("vera");
        Mails.awaitMail(mail, 1);

        codePage.reload();
        codePage.resend();

        assertTrue(codePage.banner().startsWith("Please wait"), codePage.banner());
        assertFalse(mail.waitForIncomingEmail(1500, 2));
    }

    @Test
    void germanUserGetsGermanPageAndMail() throws Exception {
        signIn("greta");

        assertEquals("Prüfen Sie Ihre E-Mails", codePage.title());
        assertEquals("Bestätigen Sie Ihre E-Mail-Adresse für Verify Test", Mails.awaitMail(mail, 1).getSubject());
    }

    private void signIn(String username) {
        oauth.openLoginForm();
        loginPage.fillLogin(username, username);
        loginPage.submit();
    }

    private static void assertNoLink(MimeMessage message) {
        String text = Mails.part(message, "text/plain");
        assertFalse(text.contains("action-token") || text.contains("http"), "a code mail has no link: " + text);
    }

    private void setAdam(boolean verified, String action) {
        UserRepresentation adam = user("adam");
        adam.setEmailVerified(verified);
        adam.setRequiredActions(List.of(action));
        realm.admin().users().get(adam.getId()).update(adam);
    }

    private void resetVera() {
        UserRepresentation vera = user("vera");
        vera.setEmail("vera@example.com");
        vera.setEmailVerified(false);
        realm.admin().users().get(vera.getId()).update(vera);
    }

    private UserRepresentation user(String username) {
        return realm.admin().users().search(username, true).get(0);
    }
}
