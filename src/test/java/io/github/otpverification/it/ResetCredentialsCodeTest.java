package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.testsupport.Waits;
import io.github.otpverification.testsupport.ApiUsers;
import io.github.otpverification.testsupport.CodePage;
import io.github.otpverification.testsupport.Mails;
import io.github.otpverification.testsupport.OtpServerConfig;
import io.github.otpverification.testsupport.PasswordReset;
import io.github.otpverification.testsupport.RealmAttributes;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.events.EventType;
import org.keycloak.models.utils.TimeBasedOTP;
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
import org.keycloak.testframework.ui.page.LoginConfigTotpPage;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.page.LoginPasswordResetPage;
import org.keycloak.testframework.ui.page.LoginPasswordUpdatePage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/**
 * "Forgot password?" with {@code email-otp-form} in place of Keycloak's "Send Reset Email"
 * (flow "reset with email code": Choose User, the code, Reset Password, Keycloak's conditional
 * OTP sub-flow). The step's config gives codes 10 minutes and 3 attempts (the defaults are 5
 * minutes and 5); the realm's login action timeout is 15 minutes, so the pages outlive the code.
 */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class ResetCredentialsCodeTest {

    private static final String NEW_PASSWORD = "brand-new-Passw0rd";

    @InjectRealm(fromJson = "/realms/reset-credentials-realm.json")
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

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    @InjectPage
    LoginPage loginPage;

    @InjectPage
    LoginPasswordResetPage usernameForm;

    @InjectPage
    LoginPasswordUpdatePage newPasswordPage;

    @InjectPage
    LoginConfigTotpPage totpPage;

    @InjectPage
    CodePage codePage;

    PasswordReset reset;
    ApiUsers users;

    @BeforeEach
    void freshStart() {
        mail.runCleanup();
        reset = new PasswordReset(realm, oauth, driver, loginPage, usernameForm, codePage, newPasswordPage);
        users = new ApiUsers(realm);
    }

    @Test
    void theCodeFromTheMailLeadsToANewPasswordAndSignsIn() throws Exception {
        UserRepresentation user = users.create();

        reset.start(user.getUsername());

        assertTrue(codePage.isCurrent(), "the code page instead of the link mail: " + codePage.pageText());
        assertEquals("Check your email", codePage.title());
        assertEquals("If " + user.getUsername() + " belongs to an account, we sent a code to its email address. Enter it below.",
                codePage.destination());
        MimeMessage message = Mails.awaitMail(mail, 1);
        assertEquals(user.getEmail(), Mails.recipient(message));
        assertEquals("Your password reset code for Reset Test", message.getSubject());
        String text = Mails.part(message, "text/plain");
        assertTrue(text.startsWith("Someone asked to reset your password for Reset Test."), text);
        assertTrue(text.contains("If you did not ask to reset your password, you can ignore this email."), text);

        codePage.submitCode(Mails.codeIn(message));
        assertTrue(reset.asksForANewPassword(), codePage.pageText());
        reset.chooseNewPassword(NEW_PASSWORD);

        assertNotNull(oauth.parseLoginResponse().getCode(), "signed in to the app after the new password");
        assertTrue(users.read(user.getId()).isEmailVerified(), "the code proved the address, as Keycloak's reset link does");
        assertFalse(reset.signsIn(user.getUsername(), ApiUsers.PASSWORD), "the old password is refused");
        assertEquals("Invalid username or password.", loginPage.getUsernameInputError());
        assertTrue(reset.signsIn(user.getUsername(), NEW_PASSWORD), "the new password signs in");
    }

    @Test
    void theEmailAddressTypedInsteadOfTheUsernameIsShownMasked() {
        UserRepresentation user = users.create();

        reset.start(user.getEmail());

        assertEquals("If " + masked(user.getEmail()) + " belongs to an account, we sent a code to its email address. Enter it below.",
                codePage.destination());
        assertFalse(codePage.pageText().contains(user.getEmail()), "the address the person typed is not repeated in full");
        codePage.submitCode(Mails.codeIn(Mails.awaitMail(mail, 1)));
        assertTrue(reset.asksForANewPassword(), codePage.pageText());
    }

    @Test
    void anUnknownUsernameGetsTheSamePageAndNothingIsSent() {
        UserRepresentation user = users.create();
        String known = reset.codePageFor(user.getUsername());
        codePage.submitCode("000000");
        String knownAfterAWrongCode = reset.comparablePage(user.getUsername());
        Mails.awaitMail(mail, 1);
        mail.runCleanup();

        String stranger = "nobody-" + user.getUsername();
        assertEquals(known, reset.codePageFor(stranger), "the code page tells nothing about the account");
        codePage.submitCode("000000");
        assertEquals(knownAfterAWrongCode, reset.comparablePage(stranger), "nor does a wrong code");

        reset.start(stranger);
        reset.assertEveryCodeIsWrongUntilDeadAndResendWorks(timeOffSet);
        assertNoMail();
    }

    @Test
    void anUnknownEmailAddressGetsTheSamePageAndNothingIsSent() {
        UserRepresentation user = users.create();
        String stranger = "u" + new StringBuilder(user.getUsername().substring(1)).reverse() + "@example.com";
        assertEquals(masked(user.getEmail()), masked(stranger), "both addresses look alike masked");
        String known = reset.codePageFor(user.getEmail());
        Mails.awaitMail(mail, 1);
        mail.runCleanup();

        assertEquals(known, reset.codePageFor(stranger), "the code page tells nothing about the account");
        reset.assertEveryCodeIsWrongUntilDeadAndResendWorks(timeOffSet);
        assertNoMail();
    }

    /**
     * The caps a reset page shows count what was typed, whoever it names; the account's own caps
     * hold without showing. Else "Too many codes" on the third reset would tell that the account
     * exists (the cap of its unverified address), and on a reset by address after three by
     * username, that the two name one account.
     */
    @Test
    void theCapsThePageShowsCountWhatWasTypedSoTheyTellNothingAboutTheAccount() {
        RealmAttributes.setWithCleanup(realm, "otpVerification.settings",
                "{\"maxSendsPerUserPerHour\": 3, \"maxSendsPerDestinationPerHour\": 2, \"maxSendsPerIpPerHour\": 0}");
        UserRepresentation user = users.create(); // its address is not verified: 2 codes an hour to it
        String strangerName = "nobody-" + user.getUsername();
        String strangerAddress = "u" + new StringBuilder(user.getUsername().substring(1)).reverse() + "@example.com";

        List<String> known = resets(user.getUsername(), user.getEmail());
        Mails.awaitMail(mail, 2);
        assertFalse(mail.waitForIncomingEmail(2000, 3), "the account's own caps held: its unverified address got 2 codes, no third");
        mail.runCleanup();
        List<String> nobody = resets(strangerName, strangerAddress);

        assertEquals(known, nobody, "every page alike, the last one saying the typed name had too many codes");
        assertTrue(known.get(known.size() - 1).contains("Too many codes were sent."), known.get(known.size() - 1));
        assertTrue(known.subList(0, known.size() - 1).stream().noneMatch(page -> page.contains("Too many codes")));
        assertNoMail();
    }

    /** Resets by {@code name} three times, by {@code address} once, by {@code name} again; the pages, comparable. */
    private List<String> resets(String name, String address) {
        List<String> pages = new ArrayList<>();
        for (String typed : List.of(name, name, name, address, name)) {
            pages.add(reset.codePageFor(typed));
        }
        return pages;
    }

    @Test
    void disabledAccountsAndAccountsWithoutEmailGetTheSamePageAndNoMail() {
        UserRepresentation disabled = users.create(u -> u.setEnabled(false));
        UserRepresentation noEmail = users.create(u -> u.setEmail(null));
        String unknown = reset.codePageFor("nobody-" + disabled.getUsername());

        for (UserRepresentation user : List.of(disabled, noEmail)) {
            assertEquals(unknown, reset.codePageFor(user.getUsername()), user.getUsername());
            codePage.submitCode("000000");
            assertEquals("Wrong code. 2 attempts left.", codePage.codeError());
        }
        assertNoMail();
    }

    @Test
    void thePageSpeaksTheVisitorsLanguageNotTheAccounts() throws Exception {
        UserRepresentation german = users.create(u -> u.setAttributes(Map.of("locale", List.of("de"))));
        String unknown = reset.codePageFor("nobody-" + german.getUsername());

        assertEquals(unknown, reset.codePageFor(german.getUsername()), "an English visitor gets the English page");
        assertEquals("Ihr Code zum Zurücksetzen des Passworts für Reset Test", Mails.awaitMail(mail, 1).getSubject(),
                "the mail speaks the account's language");
    }

    @Test
    void theStepsConfigSetsTheCodesLifetimeAndAttempts() throws Exception {
        UserRepresentation user = users.create();
        reset.start(user.getUsername());
        MimeMessage message = Mails.awaitMail(mail, 1);
        assertTrue(Mails.part(message, "text/plain").contains("The code expires in 10 minutes."), Mails.part(message, "text/plain"));

        codePage.submitCode(otherCodeThan(Mails.codeIn(message)));
        assertEquals("Wrong code. 2 attempts left.", codePage.codeError());

        timeOffSet.set(301); // past the default lifetime, within the step's
        codePage.submitCode(Mails.codeIn(message));
        assertTrue(reset.asksForANewPassword(), codePage.pageText());
    }

    @Test
    void anExpiredCodeSaysSoAndANewOneWorks() {
        UserRepresentation user = users.create();
        reset.start(user.getUsername());
        String code = Mails.codeIn(Mails.awaitMail(mail, 1));

        timeOffSet.set(601);
        codePage.submitCode(code);

        assertTrue(codePage.isCurrent());
        assertEquals("This code has expired. Request a new one.", codePage.codeError());
        codePage.resend();
        assertEquals("A new code is on its way.", codePage.banner());
        codePage.submitCode(Mails.codeIn(Mails.awaitMail(mail, 2)));
        assertTrue(reset.asksForANewPassword(), codePage.pageText());
    }

    @Test
    void wrongCodesCountForTheAccountAndALockedAccountGetsNoCodeAndTheSamePage() {
        realm.updateWithCleanup(r -> r.failureFactor(2));
        UserRepresentation user = users.create();
        realm.cleanup().add(r -> r.attackDetection().clearBruteForceForUser(user.getId()));
        reset.start(user.getUsername());
        String code = Mails.codeIn(Mails.awaitMail(mail, 1));

        codePage.submitCode(otherCodeThan(code));
        codePage.submitCode(otherCodeThan(code));
        assertEquals(Boolean.TRUE, realm.admin().attackDetection().bruteForceUserStatus(user.getId()).get("disabled"),
                "two wrong codes locked the account (failure factor 2)");
        codePage.submitCode(code);
        assertTrue(codePage.isCurrent(), "a locked account cannot reset its password, even with the right code");
        assertEquals("Too many wrong codes. This code no longer works: request a new one.", codePage.codeError(),
                "and the page does not say it is locked");

        String unknown = reset.codePageFor("nobody-" + user.getUsername());
        assertEquals(unknown, reset.codePageFor(user.getUsername()), "a locked account's page is an unknown one's");
        assertFalse(mail.waitForIncomingEmail(2000, 2), "a locked account gets no new code");
    }

    @Test
    void eventsNameTheChannelAndTheMaskedAddressButNeverTheCode() {
        UserRepresentation user = users.create();
        reset.start(user.getUsername());
        String code = Mails.codeIn(Mails.awaitMail(mail, 1));
        codePage.submitCode(otherCodeThan(code));
        codePage.submitCode(code);
        reset.chooseNewPassword(NEW_PASSWORD);

        List<EventRepresentation> recorded = drain();
        assertEquals(List.of("SEND_RESET_PASSWORD", "RESET_PASSWORD_ERROR", "RESET_PASSWORD", "UPDATE_PASSWORD", "UPDATE_CREDENTIAL",
                "LOGIN"), recorded.stream().map(EventRepresentation::getType).toList());
        for (EventRepresentation event : recorded.subList(0, 3)) {
            assertEquals(user.getId(), event.getUserId(), event.getType());
            assertEquals(Map.of("channel", "email", "purpose", "reset-credentials", "destination", masked(user.getEmail())),
                    Map.of("channel", event.getDetails().get("channel"), "purpose", event.getDetails().get("purpose"),
                            "destination", event.getDetails().get("destination")), event.getType());
        }
        EventAssertion.assertError(recorded.get(1)).type(EventType.RESET_PASSWORD_ERROR).error("invalid_user_credentials");
        for (EventRepresentation event : recorded) {
            assertFalse(event.getDetails().toString().contains(code), "no code in " + event.getType());
        }

        reset.start("nobody-" + user.getUsername());
        codePage.submitCode("000000");
        List<EventRepresentation> stranger = drain();
        EventAssertion.assertError(stranger.get(0)).type(EventType.RESET_PASSWORD_ERROR).error("user_not_found")
                .details("username", "nobody-" + user.getUsername());
        EventAssertion.assertError(stranger.get(1)).type(EventType.RESET_PASSWORD_ERROR).error("invalid_user_credentials")
                .details("channel", "email").details("purpose", "reset-credentials");
        assertEquals(2, stranger.size(), "no send is recorded where nothing was sent: " + stranger);
    }

    @Test
    void aMailServerThatFailsIsNotShownAndIsRecorded() {
        realm.updateWithCleanup(r -> r.smtp("127.0.0.1", 1, "noreply@example.com"));
        UserRepresentation user = users.create();
        String unknown = reset.codePageFor("nobody-" + user.getUsername());

        assertEquals(unknown, reset.codePageFor(user.getUsername()), "the page does not wait for or tell of the mail server");
        EventRepresentation failed = Waits.event(events, e -> "SEND_RESET_PASSWORD_ERROR".equals(e.getType()), "SEND_RESET_PASSWORD_ERROR");
        EventAssertion.assertError(failed).error("email_send_failed").userId(user.getId()).details("channel", "email")
                .details("destination", masked(user.getEmail()));
    }

    @Test
    void anAccountWithAnAuthenticatorAppSetsItUpAgainThenChoosesTheNewPassword() {
        reset.start("tina");
        codePage.submitCode(Mails.codeIn(Mails.awaitMail(mail, 1)));

        assertEquals("login-login-config-totp", reset.pageId(), "Keycloak's conditional OTP sub-flow still runs after the code");
        driver.findElement(By.id("totp")).sendKeys(new TimeBasedOTP().generateTOTP(totpPage.getTotpSecret()));
        driver.findElement(By.id("userLabel")).sendKeys("new phone");
        driver.findElement(By.cssSelector("input[type=submit]")).click();
        assertTrue(reset.asksForANewPassword(), codePage.pageText());
        reset.chooseNewPassword(NEW_PASSWORD);
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    // --- helpers -------------------------------------------------------------------------------

    private void assertNoMail() {
        assertFalse(mail.waitForIncomingEmail(2000, 1), "nothing was sent: " + mail.getReceivedMessages().length);
    }

    private List<EventRepresentation> drain() {
        List<EventRepresentation> all = new ArrayList<>();
        for (EventRepresentation event = events.poll(); event != null; event = events.poll()) {
            all.add(event);
        }
        return all;
    }

    /** How the extension masks an address: first letter, first letter of the domain, the top-level domain. */
    private static String masked(String email) {
        return email.charAt(0) + "***@" + email.charAt(email.indexOf('@') + 1) + "***" + email.substring(email.lastIndexOf('.'));
    }

    private static String otherCodeThan(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }
}
