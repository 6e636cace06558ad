package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.otpverification.phone.PhoneAttributes;
import io.github.otpverification.testsupport.ApiUsers;
import io.github.otpverification.testsupport.FakeSmsGateways;
import io.github.otpverification.testsupport.FormLogin;
import io.github.otpverification.testsupport.Mails;
import io.github.otpverification.testsupport.OtpServerConfig;
import io.github.otpverification.testsupport.RealmEvents;
import io.github.otpverification.testsupport.VerificationApi;
import io.github.otpverification.testsupport.Reply;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectHttpServer;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/**
 * Which tokens may use {@code /me}, how recent a sign-in a contact change needs, and the notice a
 * committed change sends (docs/security.md).
 */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class SelfServiceSecurityTest {

    private static final String NEW_NUMBER = "+4915112345699";

    @InjectRealm(fromJson = "/realms/verification-api-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectHttpServer
    HttpServer httpServer;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    FakeSmsGateways gateways;
    VerificationApi api;
    ApiUsers users;
    UserRepresentation user;

    @BeforeEach
    void freshStart() {
        gateways = new FakeSmsGateways(httpServer);
        mail.runCleanup();
        api = new VerificationApi(realm.getBaseUrl());
        users = new ApiUsers(realm);
        user = users.create();
        String original = api.get("/settings", settingsAdmin()).body().toString();
        realm.cleanup().add(r -> api.put("/settings", settingsAdmin(), original));
    }

    @Test
    void tokenOfANarrowedClientMayNotSendOwnCodes() {
        String narrowed = new VerificationApi(realm.getBaseUrl(), "narrow-app").userToken(user.getUsername(), ApiUsers.PASSWORD);

        Reply reply = api.post("/me/send-code", narrowed, "{\"channel\": \"fax\"}");

        assertEquals(403, reply.status(), "refused before the body is read: " + reply);
        assertEquals("forbidden", reply.error());
        assertFalse(mail.waitForIncomingEmail(1000, 1));
    }

    @Test
    void tokenOfANarrowedClientMayNotChangeTheEmail() {
        String narrowed = new VerificationApi(realm.getBaseUrl(), "narrow-app").userToken(user.getUsername(), ApiUsers.PASSWORD);

        Reply reply = api.put("/me/email", narrowed, "{\"email\": \"attacker@example.org\"}");

        assertEquals(403, reply.status(), reply.toString());
        assertEquals("forbidden", reply.error());
        assertFalse(mail.waitForIncomingEmail(1000, 1), "no code may go to the new address");
        assertEquals(403, api.get("/me", narrowed).status());
    }

    @Test
    void contactChangesNeedARecentSignIn() {
        assertEquals(200, api.put("/settings", settingsAdmin(), "{\"maxAuthAgeSeconds\": 60}").status());
        String own = api.userToken(user.getUsername(), ApiUsers.PASSWORD);
        timeOffSet.set(120); // the token is still valid (5 minutes), its sign-in two minutes old

        Reply email = api.put("/me/email", own, "{\"email\": \"new-" + user.getEmail() + "\"}");
        Reply phone = api.put("/me/phone-number", own, "{\"phoneNumber\": \"" + NEW_NUMBER + "\"}");

        assertEquals(403, email.status(), email.toString());
        assertEquals("reauthentication_required", email.error());
        assertEquals(403, phone.status(), phone.toString());
        assertEquals("reauthentication_required", phone.error());
        assertTrue(gateways.received().isEmpty());
        assertEquals(200, api.get("/me", own).status(), "reading and verifying need no recent sign-in");
        assertFalse(mail.waitForIncomingEmail(1000, 1));
    }

    @Test
    void browserSignInOlderThanMaxAuthAgeCannotChangeThePhone() throws Exception {
        assertEquals(200, api.put("/settings", settingsAdmin(), "{\"maxAuthAgeSeconds\": 60}").status());
        FormLogin browser = new FormLogin(realm.getBaseUrl(), "spa-app", "https://spa.example.org/callback");
        Reply signedIn = browser.submit(browser.open(), java.util.Map.of("username", user.getUsername(), "password", ApiUsers.PASSWORD));
        assertTrue(browser.isSignedIn(signedIn), "signed in with the login form");
        String token = browser.exchangeCode(signedIn).expect(200, "token").text("access_token");
        assertTrue(claims(token).contains("\"auth_time\":"), "a browser sign-in's token carries auth_time");
        timeOffSet.set(120);

        Reply phone = api.put("/me/phone-number", token, "{\"phoneNumber\": \"" + NEW_NUMBER + "\"}");

        assertEquals(403, phone.status(), phone.toString());
        assertEquals("reauthentication_required", phone.error());
        assertTrue(gateways.received().isEmpty());
    }

    @Test
    void maxAuthAgeZeroTurnsTheSignInCheckOff() {
        assertEquals(200, api.put("/settings", settingsAdmin(), "{\"maxAuthAgeSeconds\": 0}").status());
        String own = api.userToken(user.getUsername(), ApiUsers.PASSWORD);
        timeOffSet.set(120);

        Reply email = api.put("/me/email", own, "{\"email\": \"new-" + user.getEmail() + "\"}");

        assertEquals(200, email.status(), email.toString());
    }

    @Test
    void emailChangeNoticeGoesToTheOldAddressWithTheNewOneMaskedAndNoCode() {
        String own = api.userToken(user.getUsername(), ApiUsers.PASSWORD);
        String newAddress = "new-" + user.getEmail();
        assertEquals(200, api.put("/me/email", own, "{\"email\": \"" + newAddress + "\"}").status());
        String code = Mails.codeIn(Mails.awaitMail(mail, 1));

        Reply verified = api.post("/me/verify-code", own, "{\"channel\": \"email\", \"purpose\": \"change-email\", \"code\": \""
                + code + "\"}");

        assertEquals(200, verified.status(), verified.toString());
        MimeMessage notice = Mails.awaitMail(mail, 2);
        assertEquals(user.getEmail(), Mails.recipient(notice));
        assertEquals("Your email address for API Test was changed", subject(notice));
        assertNoticeNames(notice, "n***@e***.com", newAddress, code);
    }

    @Test
    void phoneChangeNoticeGoesToTheAccountsEmailWithTheNumberMaskedAndNoCode() {
        String own = api.userToken(user.getUsername(), ApiUsers.PASSWORD);
        assertEquals(200, api.put("/me/phone-number", own, "{\"phoneNumber\": \"" + NEW_NUMBER + "\"}").status());
        String code = gateways.last().code();

        Reply verified = api.post("/me/verify-code", own, "{\"channel\": \"sms\", \"purpose\": \"change-phone\", \"code\": \""
                + code + "\"}");

        assertEquals(200, verified.status(), verified.toString());
        MimeMessage notice = Mails.awaitMail(mail, 1);
        assertEquals(user.getEmail(), Mails.recipient(notice));
        assertEquals("Your phone number for API Test was changed", subject(notice));
        assertNoticeNames(notice, "+49 *** *** 99", NEW_NUMBER, code);
    }

    @Test
    void aNoticeThatCannotBeSentLeavesTheChangeInPlace() {
        realm.updateWithCleanup(r -> r.smtp("127.0.0.1", 1, "noreply@example.com"));
        String own = api.userToken(user.getUsername(), ApiUsers.PASSWORD);
        assertEquals(200, api.put("/me/phone-number", own, "{\"phoneNumber\": \"" + NEW_NUMBER + "\"}").status());

        Reply verified = api.post("/me/verify-code", own, "{\"channel\": \"sms\", \"purpose\": \"change-phone\", \"code\": \""
                + gateways.last().code() + "\"}");

        assertEquals(200, verified.status(), verified.toString());
        assertEquals(NEW_NUMBER, users.read(user.getId()).getAttributes().get(PhoneAttributes.PHONE_NUMBER).get(0));
        EventRepresentation event = RealmEvents.await(realm, e -> user.getId().equals(e.getUserId()) && e.getDetails() != null
                && "verify-code".equals(e.getDetails().get("operation")), "verify event of the change");
        assertEquals("failed", event.getDetails().get("change_notice"));
    }

    private void assertNoticeNames(MimeMessage notice, String masked, String unmasked, String code) {
        for (String part : new String[] {Mails.part(notice, "text/plain"), Mails.part(notice, "text/html")}) {
            assertTrue(part.contains(masked), part);
            assertFalse(part.contains(unmasked), "the new destination only masked: " + part);
            assertFalse(part.contains(code), "no code in a notice: " + part);
        }
    }

    private static String claims(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    private String settingsAdmin() {
        return api.clientToken("settings-admin", "settings-secret");
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
