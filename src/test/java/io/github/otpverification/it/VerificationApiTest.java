package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.otpverification.phone.PhoneAttributes;
import io.github.otpverification.testsupport.ApiUsers;
import io.github.otpverification.testsupport.FakeSmsGateways;
import io.github.otpverification.testsupport.Mails;
import io.github.otpverification.testsupport.OtpServerConfig;
import io.github.otpverification.testsupport.Reply;
import io.github.otpverification.testsupport.VerificationApi;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.events.EventType;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectEvents;
import org.keycloak.testframework.annotations.InjectHttpServer;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.events.EventAssertion;
import org.keycloak.testframework.events.Events;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/** An app sends codes to its users' email and phone and confirms them through the REST API. */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class VerificationApiTest {

    @InjectRealm(fromJson = "/realms/verification-api-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    @InjectHttpServer
    HttpServer httpServer;

    /** The realm's events since the test's own calls began, oldest first. */
    @InjectEvents
    Events events;

    FakeSmsGateways gateways;
    VerificationApi api;
    ApiUsers users;
    String app;

    @BeforeEach
    void freshStart() {
        gateways = new FakeSmsGateways(httpServer);
        mail.runCleanup();
        api = new VerificationApi(realm.getBaseUrl());
        users = new ApiUsers(realm);
        app = api.clientToken("app-backend", "backend-secret");
        events.skipAll(); // the app's token request above is setup, not what a test checks
    }

    @Test
    void emailCodeArrivesAndConfirmingItMarksTheEmailVerified() {
        UserRepresentation user = users.create(u -> u.setRequiredActions(List.of("VERIFY_EMAIL")));

        Reply sent = api.post("/users/" + user.getId() + "/send-code", app, "{\"channel\": \"email\"}");

        assertEquals(200, sent.status(), sent.toString());
        assertEquals("pending", sent.text("status"));
        assertEquals("email", sent.text("channel"));
        assertEquals("verify", sent.text("purpose"));
        assertEquals(300, sent.body().get("expiresIn").asInt());
        assertEquals(5, sent.body().get("attemptsRemaining").asInt());
        assertFalse(sent.body().has("code"), "the code must only travel by mail");
        assertTrue(sent.text("destination").startsWith(user.getUsername().charAt(0) + "***@"), sent.text("destination"));
        MimeMessage message = Mails.awaitMail(mail, 1);
        assertEquals(user.getEmail(), Mails.recipient(message));

        Reply verified = api.post("/users/" + user.getId() + "/verify-code", app,
                "{\"channel\": \"email\", \"code\": \"" + Mails.codeIn(message) + "\"}");

        assertEquals(200, verified.status(), verified.toString());
        assertEquals("approved", verified.text("status"));
        assertTrue(verified.body().get("verified").asBoolean());
        UserRepresentation after = users.read(user.getId());
        assertTrue(after.isEmailVerified());
        assertFalse(after.getRequiredActions().contains("VERIFY_EMAIL"), "the pending link action must go");
    }

    @Test
    void smsCodeConfirmsThePhoneNumber() {
        UserRepresentation user = users.create(ApiUsers.phone("+4915112345678", false));

        Reply sent = api.post("/users/" + user.getId() + "/send-code", app, "{\"channel\": \"sms\"}");

        assertEquals(200, sent.status(), sent.toString());
        assertEquals("+49 *** *** 78", sent.text("destination"));
        FakeSmsGateways.Sms sms = gateways.last();
        assertEquals("+4915112345678", sms.to());
        Reply verified = api.post("/users/" + user.getId() + "/verify-code", app,
                "{\"channel\": \"sms\", \"code\": \"" + sms.code() + "\"}");
        assertEquals(200, verified.status(), verified.toString());
        assertEquals("true", users.read(user.getId()).getAttributes().get(PhoneAttributes.PHONE_NUMBER_VERIFIED).get(0));
    }

    @Test
    void statusShowsMaskedValuesAndPendingCodes() {
        UserRepresentation user = users.create(ApiUsers.phone("+4915112345678", false));
        api.post("/users/" + user.getId() + "/send-code", app, "{\"channel\": \"sms\", \"purpose\": \"login\"}");

        Reply status = api.get("/users/" + user.getId(), app);

        assertEquals(200, status.status(), status.toString());
        assertEquals(user.getUsername().charAt(0) + "***@e***.com", status.body().get("email").get("value").asText());
        assertFalse(status.body().get("email").get("verified").asBoolean());
        assertEquals("+49 *** *** 78", status.body().get("phone").get("value").asText());
        assertEquals(1, status.body().get("pending").size());
        assertEquals("sms", status.body().get("pending").get(0).get("channel").asText());
        assertEquals("login", status.body().get("pending").get(0).get("purpose").asText());
        int expiresIn = status.body().get("pending").get(0).get("expiresIn").asInt();
        assertTrue(expiresIn > 290 && expiresIn <= 300, "expiresIn " + expiresIn);
    }

    @Test
    void returnCodeHandsTheCodeToTheAppAndDeliversNothing() throws Exception {
        UserRepresentation user = users.create();

        Reply sent = api.post("/users/" + user.getId() + "/send-code", app, "{\"channel\": \"email\", \"returnCode\": true}");

        assertEquals(200, sent.status(), sent.toString());
        String code = sent.text("code");
        assertNotNull(code);
        assertTrue(code.matches("\\d{6}"), code);
        assertFalse(mail.waitForIncomingEmail(1500, 1), "returnCode must not send mail");
        Reply verified = api.post("/users/" + user.getId() + "/verify-code", app,
                "{\"channel\": \"email\", \"code\": \"" + code + "\"}");
        assertEquals(200, verified.status(), verified.toString());
    }

    @Test
    void urlTemplateLinkCarriesTheEncodedCodeAndUser() {
        UserRepresentation user = users.create();

        Reply sent = api.post("/users/" + user.getId() + "/send-code", app, "{\"channel\": \"email\", \"urlTemplate\": "
                + "\"https://app.example.com/verify?code={code}&user={userId}&realm={realm}&for={purpose}\"}");

        assertEquals(200, sent.status(), sent.toString());
        MimeMessage message = Mails.awaitMail(mail, 1);
        String code = Mails.codeIn(message);
        String link = "https://app.example.com/verify?code=" + code + "&user=" + user.getId() + "&realm=otp-api&for=verify";
        assertTrue(Mails.part(message, "text/plain").contains(link), Mails.part(message, "text/plain"));
        assertTrue(Mails.part(message, "text/html").contains("href=\"" + link.replace("&", "&amp;") + "\""),
                Mails.part(message, "text/html"));
    }

    @Test
    void urlTemplateMayUseAClientWebOrigin() {
        UserRepresentation user = users.create(ApiUsers.phone("+4915112345678", false));

        Reply sent = api.post("/users/" + user.getId() + "/send-code", app,
                "{\"channel\": \"sms\", \"urlTemplate\": \"https://shop.example.org/v/{code}\"}");

        assertEquals(200, sent.status(), sent.toString());
        FakeSmsGateways.Sms sms = gateways.last();
        assertTrue(sms.text().contains("https://shop.example.org/v/" + sms.code()), sms.text());
    }

    @Test
    void urlTemplateOfAnUnknownOriginIsRefusedAndNothingIsSent() throws Exception {
        UserRepresentation user = users.create();

        Reply sent = api.post("/users/" + user.getId() + "/send-code", app,
                "{\"channel\": \"email\", \"urlTemplate\": \"https://evil.example.net/steal?c={code}\"}");

        assertEquals(400, sent.status());
        assertEquals("invalid_url_template", sent.error());
        assertFalse(mail.waitForIncomingEmail(1000, 1));
        assertEquals(0, api.get("/users/" + user.getId(), app).body().get("pending").size());
    }

    @Test
    void overLongUrlTemplateIsRefused() {
        UserRepresentation user = users.create();
        String template = "https://app.example.com/" + "a".repeat(170) + "?c={code}";

        Reply sent = api.post("/users/" + user.getId() + "/send-code", app,
                "{\"channel\": \"email\", \"urlTemplate\": \"" + template + "\"}");

        assertTrue(template.length() > 200);
        assertEquals(400, sent.status());
        assertEquals("invalid_url_template", sent.error());
    }

    @Test
    void aCodeVerifiesOnlyForThePurposeItWasSentFor() {
        UserRepresentation user = users.create();
        String code = api.post("/users/" + user.getId() + "/send-code", app,
                "{\"channel\": \"email\", \"purpose\": \"login\", \"returnCode\": true}").text("code");

        Reply otherPurpose = api.post("/users/" + user.getId() + "/verify-code", app,
                "{\"channel\": \"email\", \"code\": \"" + code + "\"}");
        Reply samePurpose = api.post("/users/" + user.getId() + "/verify-code", app,
                "{\"channel\": \"email\", \"purpose\": \"login\", \"code\": \"" + code + "\"}");

        assertEquals(404, otherPurpose.status());
        assertEquals("no_pending_code", otherPurpose.error());
        assertEquals(200, samePurpose.status(), samePurpose.toString());
        assertFalse(users.read(user.getId()).isEmailVerified(), "a login code proves the address but does not mark it");
    }

    @Test
    void wrongCodesCountDownThenTheCodeIsDead() {
        UserRepresentation user = users.create();
        String code = api.post("/users/" + user.getId() + "/send-code", app,
                "{\"channel\": \"email\", \"returnCode\": true}").text("code");
        String wrong = code.equals("000000") ? "111111" : "000000";

        for (int left = 4; left >= 1; left--) {
            Reply reply = api.post("/users/" + user.getId() + "/verify-code", app, "{\"channel\": \"email\", \"code\": \"" + wrong + "\"}");
            assertEquals(400, reply.status(), reply.toString());
            assertEquals("invalid_code", reply.error());
            assertEquals(left, reply.body().get("attemptsRemaining").asInt());
        }
        Reply last = api.post("/users/" + user.getId() + "/verify-code", app, "{\"channel\": \"email\", \"code\": \"" + wrong + "\"}");
        Reply rightButDead = api.post("/users/" + user.getId() + "/verify-code", app, "{\"channel\": \"email\", \"code\": \"" + code + "\"}");

        assertEquals(429, last.status());
        assertEquals("max_attempts_reached", last.error());
        assertEquals(404, rightButDead.status());
        assertEquals("no_pending_code", rightButDead.error());
        assertFalse(users.read(user.getId()).isEmailVerified());
    }

    @Test
    void usedCodeCannotBeUsedAgain() {
        UserRepresentation user = users.create();
        String code = api.post("/users/" + user.getId() + "/send-code", app,
                "{\"channel\": \"email\", \"purpose\": \"login\", \"returnCode\": true}").text("code");
        String body = "{\"channel\": \"email\", \"purpose\": \"login\", \"code\": \"" + code + "\"}";

        assertEquals(200, api.post("/users/" + user.getId() + "/verify-code", app, body).status());
        Reply again = api.post("/users/" + user.getId() + "/verify-code", app, body);

        assertEquals(404, again.status());
        assertEquals("no_pending_code", again.error());
    }

    @Test
    void alreadyVerifiedMissingAndEmailFirstAreRefusedWithTheirCodes() {
        UserRepresentation verified = users.create(u -> u.setEmailVerified(true));
        UserRepresentation noPhone = users.create();

        Reply already = api.post("/users/" + verified.getId() + "/send-code", app, "{\"channel\": \"email\"}");
        Reply noDestination = api.post("/users/" + noPhone.getId() + "/send-code", app, "{\"channel\": \"sms\"}");

        assertEquals(422, already.status());
        assertEquals("already_verified", already.error());
        assertEquals(422, noDestination.status());
        assertEquals("no_destination", noDestination.error());
    }

    @Test
    void smsWaitsForAVerifiedEmailWhenTheRealmSaysSo() {
        String admin = api.clientToken("settings-admin", "settings-secret");
        api.put("/settings", admin, "{\"requireEmailBeforePhone\": true}");
        realm.cleanup().add(r -> api.put("/settings", api.clientToken("settings-admin", "settings-secret"),
                "{\"requireEmailBeforePhone\": false}"));
        UserRepresentation user = users.create(ApiUsers.phone("+4915112345678", false));

        Reply sent = api.post("/users/" + user.getId() + "/send-code", app, "{\"channel\": \"sms\"}");

        assertEquals(422, sent.status());
        assertEquals("email_not_verified", sent.error());
    }

    @Test
    void gatewayFailureAnswers502AndLeavesNothingPending() {
        UserRepresentation user = users.create(ApiUsers.phone("+4915112345678", false));
        gateways.refuse(true);

        Reply sent = api.post("/users/" + user.getId() + "/send-code", app, "{\"channel\": \"sms\"}");

        assertEquals(502, sent.status());
        assertEquals("delivery_failed", sent.error());
        assertEquals(0, api.get("/users/" + user.getId(), app).body().get("pending").size());
    }

    @Test
    void sendAndVerifyAreAuditedWithoutTheCode() {
        UserRepresentation user = users.create();
        String code = api.post("/users/" + user.getId() + "/send-code", app,
                "{\"channel\": \"email\", \"returnCode\": true}").text("code");
        api.post("/users/" + user.getId() + "/verify-code", app, "{\"channel\": \"email\", \"code\": \"" + code + "\"}");

        EventRepresentation send = events.poll();
        EventRepresentation verify = events.poll();

        EventAssertion.assertSuccess(send).type(EventType.SEND_VERIFY_EMAIL);
        EventAssertion.assertSuccess(verify).type(EventType.VERIFY_EMAIL);
        for (EventRepresentation event : List.of(send, verify)) {
            assertEquals(user.getId(), event.getUserId());
            assertEquals("app-backend", event.getClientId());
            assertEquals("email", event.getDetails().get("channel"));
            assertEquals("verify", event.getDetails().get("purpose"));
            assertTrue(event.getDetails().get("destination").contains("***"));
            assertFalse(event.getDetails().toString().contains(code), "events must never carry the code");
        }
        assertNull(send.getError());
    }
}
