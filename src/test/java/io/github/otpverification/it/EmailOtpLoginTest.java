package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.testsupport.BrowserSession;
import io.github.otpverification.testsupport.CodePage;
import io.github.otpverification.testsupport.FlowConfigs;
import io.github.otpverification.testsupport.Mails;
import io.github.otpverification.testsupport.RealmAttributes;
import io.github.otpverification.testsupport.OtpServerConfig;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.events.EventType;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectEvents;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.events.EventAssertion;
import org.keycloak.testframework.events.Events;
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
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.keycloak.testsuite.util.oauth.AccessTokenResponse;
import org.keycloak.testsuite.util.oauth.AuthorizationEndpointResponse;
import org.openqa.selenium.By;

@KeycloakIntegrationTest(config = OtpServerConfig.class)
class EmailOtpLoginTest {

    private static final String FORMS_FLOW = "browser-email-otp forms";
    private static final String EMAIL_OTP = "email-otp-form";

    @InjectRealm(fromJson = "/realms/email-otp-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    /** The realm's events since the test started, oldest first. */
    @InjectEvents
    Events events;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver driver;

    @InjectPage
    LoginPage loginPage;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    @InjectPage
    CodePage codePage;

    @BeforeEach
    void freshStart() {
        mail.runCleanup();
        BrowserSession.startOver(realm, driver);
    }

    @Test
    void rightCodeFromTheMailEndsInTokens() {
        signInWithPassword("alice", "alice");

        assertTrue(codePage.isCurrent(), "code page expected after the password");
        assertTrue(codePage.destination().contains("a***@e***.com"), codePage.destination());
        assertEquals("one-time-code", codePage.codeField().getAttribute("autocomplete"));
        assertEquals("numeric", codePage.codeField().getAttribute("inputmode"));
        assertEquals("code", codePage.codeField().getAttribute("name"));

        MimeMessage message = Mails.awaitMail(mail, 1);
        codePage.submitCode(Mails.codeIn(message));

        AuthorizationEndpointResponse response = oauth.parseLoginResponse();
        assertNotNull(response.getCode(), "authorization code expected");
        AccessTokenResponse tokens = oauth.doAccessTokenRequest(response.getCode());
        assertNotNull(tokens.getAccessToken(), "access token expected");
    }

    @Test
    void mailUsesTheRealmLayoutAndNeverPutsTheCodeInEvents() throws Exception {
        signInWithPassword("alice", "alice");
        MimeMessage message = Mails.awaitMail(mail, 1);
        String code = Mails.codeIn(message);

        assertEquals("Your sign-in code for OTP Test", message.getSubject());
        String html = Mails.part(message, "text/html");
        assertTrue(html.contains(code) && html.contains("<table"), "HTML part carries the code in a table layout");
        assertFalse(html.contains("<img"), "no external images");

        EventRepresentation sent = events.poll();
        EventAssertion.assertSuccess(sent).type(EventType.SEND_VERIFY_EMAIL)
                .details("channel", "email").details("purpose", "login").details("destination", "a***@e***.com");
        assertFalse(sent.getDetails().toString().contains(code), "an event must never carry the code");
    }

    @Test
    void successMarksTheEmailVerified() {
        UserRepresentation alice = user("alice");
        alice.setEmailVerified(false);
        realm.admin().users().get(alice.getId()).update(alice);

        signInWithPassword("alice", "alice");
        codePage.submitCode(Mails.codeIn(Mails.awaitMail(mail, 1)));

        assertNotNull(oauth.parseLoginResponse().getCode());
        assertTrue(user("alice").isEmailVerified(), "a confirmed code proves the address");
    }

    @Test
    void successDropsBothPendingEmailVerifications() {
        UserRepresentation alice = user("alice");
        alice.setEmailVerified(false);
        alice.setRequiredActions(List.of("VERIFY_EMAIL_CODE"));
        realm.admin().users().get(alice.getId()).update(alice);

        signInWithPassword("alice", "alice");
        codePage.submitCode(Mails.codeIn(Mails.awaitMail(mail, 1)));

        assertNotNull(oauth.parseLoginResponse().getCode(), "no second code page for the address the code just proved");
        assertTrue(user("alice").getRequiredActions().isEmpty(), user("alice").getRequiredActions().toString());
        assertEquals(1, mail.getReceivedMessages().length);
    }

    @Test
    void wrongCodeShowsAnErrorWithAttemptsLeft() {
        signInWithPassword("alice", "alice");
        String code = Mails.codeIn(Mails.awaitMail(mail, 1));

        codePage.submitCode(otherCodeThan(code));

        assertTrue(codePage.isCurrent());
        assertEquals("Wrong code. 4 attempts left.", codePage.codeError());
        assertEquals("true", codePage.codeField().getAttribute("aria-invalid"));
        EventAssertion.assertSuccess(events.poll()).type(EventType.SEND_VERIFY_EMAIL);
        EventAssertion.assertError(events.poll()).type(EventType.LOGIN_ERROR).error("invalid_user_credentials");
    }

    @Test
    void lastWrongAttemptKillsTheCodeAndOnlyAResendHelps() {
        signInWithPassword("alice", "alice");
        String oldCode = Mails.codeIn(Mails.awaitMail(mail, 1));

        for (int attempt = 1; attempt <= 4; attempt++) {
            codePage.submitCode(otherCodeThan(oldCode));
        }
        assertEquals("Wrong code. 1 attempt left.", codePage.codeError());
        codePage.submitCode(otherCodeThan(oldCode));
        assertEquals("Too many wrong codes. This code no longer works: request a new one.", codePage.codeError());

        codePage.submitCode(oldCode);
        assertEquals("There is no valid code. Request a new one.", codePage.codeError(), "a dead code stays dead");

        timeOffSet.set(31);
        codePage.resend();
        assertEquals("A new code is on its way.", codePage.banner());
        String newCode = Mails.codeIn(Mails.awaitMail(mail, 2));

        if (!newCode.equals(oldCode)) {
            codePage.submitCode(oldCode);
            assertEquals("Wrong code. 4 attempts left.", codePage.codeError());
        }
        codePage.submitCode(newCode);
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    void resendWithinTheCooldownSendsNoMailAndSaysHowLongToWait() {
        signInWithPassword("alice", "alice");
        Mails.awaitMail(mail, 1);

        codePage.resend();

        assertTrue(codePage.banner().matches("Please wait \\d+ seconds before requesting a new code\\."), codePage.banner());
        assertFalse(mail.waitForIncomingEmail(1500, 2), "no second mail within the cooldown");
    }

    @Test
    void reloadingThePageSendsNoNewCode() {
        signInWithPassword("alice", "alice");
        String code = Mails.codeIn(Mails.awaitMail(mail, 1));

        codePage.reload();
        codePage.reload();

        assertTrue(codePage.isCurrent());
        assertFalse(mail.waitForIncomingEmail(1500, 2), "a reload must not send again");
        codePage.submitCode(code);
        assertNotNull(oauth.parseLoginResponse().getCode(), "the first code still works");
    }

    @Test
    void expiredCodeIsRefusedAndSaysSo() {
        signInWithPassword("alice", "alice");
        String code = Mails.codeIn(Mails.awaitMail(mail, 1));

        timeOffSet.set(301);
        codePage.submitCode(code);

        assertTrue(codePage.isCurrent());
        assertEquals("This code has expired. Request a new one.", codePage.codeError());
    }

    @Test
    void aCodeOfTheWrongLengthCostsNoAttempt() {
        signInWithPassword("alice", "alice");
        String code = Mails.codeIn(Mails.awaitMail(mail, 1));

        codePage.submitCode("123");
        assertEquals("The code has 6 characters. Check it and try again.", codePage.codeError());
        codePage.submitCode(otherCodeThan(code));

        assertEquals("Wrong code. 4 attempts left.", codePage.codeError(), "the slip did not count");
    }

    @Test
    void aRefusedFirstSendClaimsNoCodeWasSent() {
        RealmAttributes.setWithCleanup(realm, "otpVerification.settings", "{\"maxSendsPerUserPerHour\": 1}");
        signInWithPassword("alice", "alice");
        Mails.awaitMail(mail, 1);
        BrowserSession.startOver(realm, driver);

        signInWithPassword("alice", "alice");

        assertTrue(codePage.isCurrent());
        assertTrue(codePage.banner().matches("Too many codes were sent\\. Try again in \\d+ minutes?\\."), codePage.banner());
        assertFalse(codePage.pageText().contains("We sent a code"), "no code went out: " + codePage.pageText());
    }

    @Test
    void usedCodeCannotBeReplayedInANewLogin() {
        signInWithPassword("alice", "alice");
        String firstCode = Mails.codeIn(Mails.awaitMail(mail, 1));
        codePage.submitCode(firstCode);
        assertNotNull(oauth.parseLoginResponse().getCode());

        BrowserSession.startOver(realm, driver);
        signInWithPassword("alice", "alice");
        String secondCode = Mails.codeIn(Mails.awaitMail(mail, 2));
        if (secondCode.equals(firstCode)) {
            return; // one chance in a million: the new code happens to be the same
        }
        codePage.submitCode(firstCode);

        assertTrue(codePage.isCurrent());
        assertEquals("Wrong code. 4 attempts left.", codePage.codeError());
    }

    @Test
    void bruteForceDetectorLocksTheUserAfterTheRealmsMaxFailures() {
        realm.updateWithCleanup(r -> r.failureFactor(3));
        String daveId = user("dave").getId();
        realm.cleanup().add(r -> r.attackDetection().clearBruteForceForUser(daveId));

        signInWithPassword("dave", "dave");
        String code = Mails.codeIn(Mails.awaitMail(mail, 1));
        for (int attempt = 1; attempt <= 3; attempt++) {
            codePage.submitCode(otherCodeThan(code));
        }
        codePage.submitCode(code);

        assertTrue(codePage.isCurrent(), "a locked user must not get in, even with the right code");
        assertEquals("Invalid authenticator code.", codePage.codeError());
        assertEquals(Boolean.TRUE, realm.admin().attackDetection().bruteForceUserStatus(daveId).get("disabled"));

        BrowserSession.startOver(realm, driver);
        signInWithPassword("dave", "dave");
        assertFalse(codePage.isCurrent());
        assertFalse(mail.waitForIncomingEmail(1500, 2), "a locked user gets no mail");
    }

    @Test
    void userWithoutEmailIsStoppedWithAClearMessageByDefault() {
        signInWithPassword("bob", "bob");

        assertFalse(codePage.isCurrent());
        assertTrue(codePage.pageText().contains("Your account has no email address"), codePage.pageText());
        assertEquals(0, mail.getReceivedMessages().length);
    }

    @Test
    void userWithoutEmailPassesWhenTheStepIsConfiguredToSkip() {
        FlowConfigs.updateWithCleanup(realm, FORMS_FLOW, EMAIL_OTP, Map.of("missingEmail", "skip"));

        signInWithPassword("bob", "bob");

        assertFalse(codePage.isCurrent());
        assertFalse(codePage.pageText().contains("Your account has no email address"));
        // The step let Bob through: Keycloak now asks him to complete his profile.
        assertFalse(driver.driver().findElements(By.id("kc-update-profile-form")).isEmpty(), codePage.pageText());
        assertEquals(0, mail.getReceivedMessages().length);
    }

    @Test
    void smtpOutageShowsAFriendlyErrorAndLeavesNoCodePending() {
        realm.updateWithCleanup(r -> r.smtp("127.0.0.1", 1, "noreply@example.com"));

        signInWithPassword("alice", "alice");

        String page = codePage.pageText();
        assertTrue(page.contains("We could not send the email with your code. Please try again later."), page);
        assertFalse(page.toLowerCase().contains("exception"), "no exception text for the user");
        EventRepresentation failed = events.poll();
        EventAssertion.assertError(failed).type(EventType.SEND_VERIFY_EMAIL_ERROR).error("email_send_failed");
        assertNotNull(failed.getDetails().get("reason"));

        realm.updateWithCleanup(r -> r.smtp("localhost", 3025, "auto@keycloak.org"));
        driver.driver().navigate().refresh();
        // Nothing was left pending, so the step now sends a fresh code, which works.
        String code = Mails.codeIn(Mails.awaitMail(mail, 1));
        codePage.submitCode(code);
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    void germanUserGetsAGermanPageAndMail() throws Exception {
        signInWithPassword("carl", "carl");

        assertEquals("Prüfen Sie Ihre E-Mails", codePage.title());
        MimeMessage message = Mails.awaitMail(mail, 1);
        assertEquals("Ihr Anmeldecode für OTP Test", message.getSubject());
        assertTrue(Mails.part(message, "text/plain").contains("Minuten"));
    }

    @Test
    void codeInSubjectOptionPutsTheCodeInTheSubject() throws Exception {
        FlowConfigs.updateWithCleanup(realm, FORMS_FLOW, EMAIL_OTP, Map.of("codeInSubject", "true"));

        signInWithPassword("alice", "alice");
        MimeMessage message = Mails.awaitMail(mail, 1);

        assertEquals(Mails.codeIn(message) + " is your sign-in code for OTP Test", message.getSubject());
    }

    @Test
    void alphanumericCodesAskForATextKeyboard() {
        FlowConfigs.updateWithCleanup(realm, FORMS_FLOW, EMAIL_OTP, Map.of("codeAlphabet", "alphanumeric", "codeLength", "8"));

        signInWithPassword("alice", "alice");
        Mails.awaitMail(mail, 1);

        assertEquals("text", codePage.codeField().getAttribute("inputmode"));
    }

    private void signInWithPassword(String username, String password) {
        oauth.openLoginForm();
        loginPage.fillLogin(username, password);
        loginPage.submit();
    }

    private UserRepresentation user(String username) {
        List<UserRepresentation> found = realm.admin().users().search(username, true);
        assertEquals(1, found.size());
        return found.get(0);
    }

    private static String otherCodeThan(String code) {
        String other = code.equals("000000") ? "111111" : "000000";
        assertNotEquals(code, other);
        return other;
    }
}
