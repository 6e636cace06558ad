package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.otpverification.testsupport.ApiUsers;
import io.github.otpverification.testsupport.CodePage;
import io.github.otpverification.testsupport.FakeSmsGateways;
import io.github.otpverification.testsupport.FakeSmsGateways.Sms;
import io.github.otpverification.testsupport.Mails;
import io.github.otpverification.testsupport.OtpServerConfig;
import io.github.otpverification.testsupport.PasswordReset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectHttpServer;
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
import org.keycloak.testframework.ui.page.LoginPasswordResetPage;
import org.keycloak.testframework.ui.page.LoginPasswordUpdatePage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;

/**
 * "Forgot password?" with {@code sms-otp-form}: alone after Choose User (flow "reset with sms
 * code"), and as the demo has it, an SMS code for verified phones and an email code for everyone
 * else (flow "reset with sms or email code": a conditional sub-flow with "Condition - user
 * configured" and the SMS step, then one with "Condition - sub-flow executed" (not executed) and
 * the email step).
 */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class ResetCredentialsSmsTest {

    private static final String SMS_ONLY = "reset with sms code";
    private static final String SMS_OR_EMAIL = "reset with sms or email code";
    private static final String NEW_PASSWORD = "brand-new-Passw0rd";

    @InjectRealm(fromJson = "/realms/reset-credentials-realm.json")
    ManagedRealm realm;

    @InjectHttpServer
    HttpServer httpServer;

    @InjectMailServer
    MailServer mail;

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
    CodePage codePage;

    FakeSmsGateways gateways;
    PasswordReset reset;
    ApiUsers users;

    @BeforeEach
    void freshStart() {
        gateways = new FakeSmsGateways(httpServer);
        mail.runCleanup();
        reset = new PasswordReset(realm, oauth, driver, loginPage, usernameForm, codePage, newPasswordPage);
        users = new ApiUsers(realm);
    }

    @Test
    void theCodeFromTheTextLeadsToANewPasswordAndSignsIn() {
        useFlow(SMS_ONLY);
        UserRepresentation user = users.create(ApiUsers.phone("+4915112340001", true));

        reset.start(user.getUsername());

        assertEquals("Check your phone", codePage.title());
        assertEquals("If " + user.getUsername() + " belongs to an account with a verified phone number, we sent a code to it by SMS."
                + " Enter it below.", codePage.destination());
        Sms sms = gateways.last(); // sent after the page, so waited for
        assertEquals("+4915112340001", sms.to());
        assertEquals("reset-credentials", sms.fields().get("purpose"));
        assertTrue(sms.text().startsWith(sms.code() + " is your Reset Test password reset code. Valid for 10 min."), sms.text());

        codePage.submitCode(sms.code());
        assertTrue(reset.asksForANewPassword(), codePage.pageText());
        reset.chooseNewPassword(NEW_PASSWORD);

        assertNotNull(oauth.parseLoginResponse().getCode(), "signed in to the app after the new password");
        assertFalse(reset.signsIn(user.getUsername(), ApiUsers.PASSWORD), "the old password is refused");
        assertTrue(reset.signsIn(user.getUsername(), NEW_PASSWORD), "the new password signs in");
        assertFalse(mail.waitForIncomingEmail(1000, 1), "no mail besides the text");
    }

    @Test
    void anUnknownUsernameGetsTheSamePageAndNoText() {
        useFlow(SMS_ONLY);
        UserRepresentation user = users.create(ApiUsers.phone("+4915112340002", true));
        String known = reset.codePageFor(user.getUsername());
        gateways.last(); // the account's own text has come: a later one would be the stranger's

        assertEquals(known, reset.codePageFor("nobody-" + user.getUsername()), "the code page tells nothing about the account");
        reset.assertEveryCodeIsWrongUntilDeadAndResendWorks(timeOffSet);
        assertFalse(gateways.waitFor(2000, 2), "nothing was sent: " + gateways.received());
    }

    @Test
    void accountsWithoutAVerifiedNumberGetTheSamePageAndNoText() {
        useFlow(SMS_ONLY);
        UserRepresentation unverified = users.create(ApiUsers.phone("+4915112340003", false));
        UserRepresentation noPhone = users.create();
        String unknown = reset.codePageFor("nobody-" + noPhone.getUsername());

        for (UserRepresentation user : List.of(unverified, noPhone)) {
            assertEquals(unknown, reset.codePageFor(user.getUsername()), user.getUsername());
            codePage.submitCode("000000");
            assertEquals("Wrong code. 2 attempts left.", codePage.codeError());
        }
        assertFalse(gateways.waitFor(2000, 1), "nothing was sent: " + gateways.received());
    }

    @Test
    void withBothStepsAVerifiedPhoneGetsATextAndEveryoneElseAMail() {
        useFlow(SMS_OR_EMAIL);
        UserRepresentation phone = users.create(ApiUsers.phone("+4915112340004", true));
        UserRepresentation email = users.create();

        reset.start(phone.getUsername());
        assertEquals("Check your phone", codePage.title());
        codePage.submitCode(gateways.last().code());
        assertTrue(reset.asksForANewPassword(), codePage.pageText());

        reset.start(email.getUsername());
        assertEquals("Check your email", codePage.title());
        String known = reset.comparablePage(email.getUsername());
        String code = Mails.codeIn(Mails.awaitMail(mail, 1));
        codePage.submitCode(code);
        assertTrue(reset.asksForANewPassword(), codePage.pageText());
        reset.chooseNewPassword(NEW_PASSWORD);
        assertNotNull(oauth.parseLoginResponse().getCode());

        assertEquals(known, reset.codePageFor("nobody-" + email.getUsername()),
                "an unknown username gets the email code page, as an account without a verified phone does");
        reset.assertEveryCodeIsWrongUntilDeadAndResendWorks(timeOffSet);
        assertFalse(mail.waitForIncomingEmail(2000, 2), "no mail for the unknown username");
        assertEquals(1, gateways.received().size(), "no text either");
    }

    /** Binds one of the realm's reset flows for this test. */
    private void useFlow(String alias) {
        realm.updateWithCleanup(r -> r.update(rep -> rep.setResetCredentialsFlow(alias)));
    }
}
