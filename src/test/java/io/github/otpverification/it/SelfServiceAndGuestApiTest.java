package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.github.otpverification.phone.PhoneAttributes;
import io.github.otpverification.testsupport.ApiUsers;
import io.github.otpverification.testsupport.FakeSmsGateways;
import io.github.otpverification.testsupport.Mails;
import io.github.otpverification.testsupport.OtpServerConfig;
import io.github.otpverification.testsupport.RealmAttributes;
import io.github.otpverification.testsupport.Reply;
import io.github.otpverification.testsupport.VerificationApi;
import jakarta.mail.internet.MimeMessage;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectHttpServer;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/** People verify and change their own email and phone with their own token; apps check guest addresses. */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class SelfServiceAndGuestApiTest {

    @InjectRealm(fromJson = "/realms/verification-api-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectHttpServer
    HttpServer httpServer;

    FakeSmsGateways gateways;
    VerificationApi api;
    ApiUsers users;
    UserRepresentation user;
    String own;

    @BeforeEach
    void freshStart() {
        gateways = new FakeSmsGateways(httpServer);
        mail.runCleanup();
        api = new VerificationApi(realm.getBaseUrl());
        users = new ApiUsers(realm);
        user = users.create();
        own = api.userToken(user.getUsername(), ApiUsers.PASSWORD);
    }

    @Test
    void ownEmailCodeConfirmsOwnAddress() {
        assertEquals(200, api.post("/me/send-code", own, "{\"channel\": \"email\"}").status());
        String code = Mails.codeIn(Mails.awaitMail(mail, 1));

        Reply verified = api.post("/me/verify-code", own, "{\"channel\": \"email\", \"code\": \"" + code + "\"}");

        assertEquals(200, verified.status(), verified.toString());
        assertTrue(api.get("/me", own).body().get("email").get("verified").asBoolean());
    }

    @Test
    void requestedLanguageChoosesTheMailText() {
        Reply sent = api.post("/me/send-code", own, "{\"channel\": \"email\", \"locale\": \"de\"}");

        assertEquals(200, sent.status(), sent.toString());
        MimeMessage message = Mails.awaitMail(mail, 1);
        assertTrue(subject(message).startsWith("Bestätigen Sie Ihre E-Mail-Adresse"), subject(message));
    }

    @Test
    void newPhoneNumberIsSavedOnlyOnceItsCodeIsConfirmed() {
        Reply staged = api.put("/me/phone-number", own, "{\"phoneNumber\": \"+49 151 12345699\"}");

        assertEquals(200, staged.status(), staged.toString());
        assertEquals("change-phone", staged.text("purpose"));
        assertEquals("+49 *** *** 99", staged.text("destination"));
        FakeSmsGateways.Sms sms = gateways.last();
        assertEquals("+4915112345699", sms.to());
        assertNull(users.read(user.getId()).getAttributes(), "nothing may be written before the code");

        Reply verified = api.post("/me/verify-code", own, "{\"channel\": \"sms\", \"purpose\": \"change-phone\", \"code\": \""
                + sms.code() + "\"}");

        assertEquals(200, verified.status(), verified.toString());
        UserRepresentation after = users.read(user.getId());
        assertEquals("+4915112345699", after.getAttributes().get(PhoneAttributes.PHONE_NUMBER).get(0));
        assertEquals("true", after.getAttributes().get(PhoneAttributes.PHONE_NUMBER_VERIFIED).get(0));
    }

    @Test
    void numbersThatCannotReceiveCodesAreRefused() {
        Reply invalid = api.put("/me/phone-number", own, "{\"phoneNumber\": \"12345\"}");
        Reply landline = api.put("/me/phone-number", own, "{\"phoneNumber\": \"+49 30 12345678\"}");

        assertEquals(400, invalid.status());
        assertEquals("invalid_phone_number", invalid.error());
        assertEquals(400, landline.status());
        assertEquals("invalid_phone_number", landline.error());
        assertTrue(gateways.received().isEmpty());
    }

    @Test
    void newEmailIsSavedOnlyOnceItsCodeIsConfirmed() {
        String newAddress = "new-" + user.getEmail();

        Reply staged = api.put("/me/email", own, "{\"email\": \"" + newAddress + "\"}");

        assertEquals(200, staged.status(), staged.toString());
        assertEquals("change-email", staged.text("purpose"));
        MimeMessage message = Mails.awaitMail(mail, 1);
        assertEquals(newAddress, Mails.recipient(message));
        assertEquals(user.getEmail(), users.read(user.getId()).getEmail(), "the old address stays until the code");

        Reply verified = api.post("/me/verify-code", own, "{\"channel\": \"email\", \"purpose\": \"change-email\", \"code\": \""
                + Mails.codeIn(message) + "\"}");

        assertEquals(200, verified.status(), verified.toString());
        UserRepresentation after = users.read(user.getId());
        assertEquals(newAddress, after.getEmail());
        assertTrue(after.isEmailVerified());
    }

    @Test
    void emailOfAnotherAccountIsRefused() {
        UserRepresentation other = users.create();

        Reply staged = api.put("/me/email", own, "{\"email\": \"" + other.getEmail() + "\"}");

        assertEquals(400, staged.status(), staged.toString());
        assertEquals("invalid_email", staged.error());
        assertFalse(mail.waitForIncomingEmail(1000, 1));
    }

    /** Probing which addresses have accounts costs what a send costs: the next try waits out the cooldown. */
    @Test
    void probingAnotherAccountsAddressCountsLikeASend() {
        RealmAttributes.setWithCleanup(realm, "otpVerification.settings", "{\"maxSendsPerUserPerHour\": 0, "
                + "\"maxSendsPerDestinationPerHour\": 0, \"maxSendsPerIpPerHour\": 0, \"maxSmsPerRealmPerHour\": 0, "
                + "\"resendCooldownSeconds\": 30}");
        UserRepresentation other = users.create();
        UserRepresentation third = users.create();

        assertEquals("invalid_email", api.put("/me/email", own, "{\"email\": \"" + other.getEmail() + "\"}").error());
        Reply again = api.put("/me/email", own, "{\"email\": \"" + third.getEmail() + "\"}");

        assertEquals(429, again.status(), again.toString());
        assertEquals("too_many_requests", again.error());
        assertTrue(again.body().get("retryAfter").asInt() > 0);
        assertFalse(mail.waitForIncomingEmail(1000, 1));
    }

    @Test
    void guestAddressGetsACodeThatConfirms() {
        String app = api.clientToken("app-backend", "backend-secret");
        String guest = "guest-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";

        Reply sent = api.post("/email/send-code", app, "{\"email\": \"" + guest + "\", \"username\": \"Guest\"}");

        assertEquals(200, sent.status(), sent.toString());
        MimeMessage message = Mails.awaitMail(mail, 1);
        assertEquals(guest, Mails.recipient(message));
        Reply verified = api.post("/email/verify-code", app, "{\"email\": \"" + guest + "\", \"code\": \"" + Mails.codeIn(message) + "\"}");
        assertEquals(200, verified.status(), verified.toString());
        assertEquals("approved", verified.text("status"));
    }

    @Test
    void guestSendAnswersTheSameForKnownAndUnknownAddresses() {
        String app = api.clientToken("app-backend", "backend-secret");
        String unknown = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        Reply known = api.post("/email/send-code", app, "{\"email\": \"" + user.getEmail() + "\"}");
        Reply stranger = api.post("/email/send-code", app, "{\"email\": \"" + unknown + "\"}");

        assertEquals(known.status(), stranger.status());
        ObjectNode knownBody = (ObjectNode) known.body().deepCopy();
        ObjectNode strangerBody = (ObjectNode) stranger.body().deepCopy();
        knownBody.remove("destination");
        strangerBody.remove("destination");
        assertEquals(knownBody, strangerBody);
        Mails.awaitMail(mail, 2);
    }

    @Test
    void guestSendNeedsAnAddress() {
        String app = api.clientToken("app-backend", "backend-secret");

        Reply missing = api.post("/email/send-code", app, "{}");
        Reply invalid = api.post("/email/send-code", app, "{\"email\": \"not-an-address\"}");
        Reply forbidden = api.post("/email/send-code", api.clientToken("no-rights", "no-rights-secret"),
                "{\"email\": \"guest@example.org\"}");

        assertEquals("email_required", missing.error());
        assertEquals(400, missing.status());
        assertEquals("invalid_email", invalid.error());
        assertEquals(403, forbidden.status());
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
