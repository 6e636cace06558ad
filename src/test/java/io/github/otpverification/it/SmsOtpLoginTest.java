package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.otpverification.testsupport.BrowserSession;
import io.github.otpverification.testsupport.CodePage;
import io.github.otpverification.testsupport.FakeSmsGateways;
import io.github.otpverification.testsupport.FakeSmsGateways.Sms;
import io.github.otpverification.testsupport.OtpServerConfig;
import io.github.otpverification.testsupport.PhonePage;
import io.github.otpverification.testsupport.RealmAttributes;
import io.github.otpverification.testsupport.RequiredActions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.keycloak.representations.IDToken;
import org.keycloak.events.EventType;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RequiredActionConfigRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectEvents;
import org.keycloak.testframework.annotations.InjectHttpServer;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.events.EventAssertion;
import org.keycloak.testframework.events.Events;
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

@KeycloakIntegrationTest(config = OtpServerConfig.class)
class SmsOtpLoginTest {

    private static final String SAMS_NUMBER = "+4915112345678";

    @InjectRealm(fromJson = "/realms/sms-otp-realm.json")
    ManagedRealm realm;

    @InjectHttpServer
    HttpServer httpServer;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver driver;

    @InjectPage
    LoginPage loginPage;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    /** The realm's events since the test started (or the clock moved), oldest first. */
    @InjectEvents
    Events events;

    @InjectPage
    CodePage codePage;

    @InjectPage
    PhonePage phonePage;

    FakeSmsGateways gateways;

    @BeforeEach
    void freshStart() {
        gateways = new FakeSmsGateways(httpServer);
        RequiredActions.ensureRegistered(realm, "VERIFY_PHONE_NUMBER", "Verify Phone Number (SMS code)");
        BrowserSession.startOver(realm, driver);
        setPhone("nina", null);
        setPhone("otto", "+4915187654321");
    }

    /** Tests change these users' numbers; every test starts from the realm file's state. */
    private void setPhone(String username, String number) {
        UserRepresentation user = user(username);
        Map<String, List<String>> attributes = new HashMap<>(user.getAttributes() == null ? Map.of() : user.getAttributes());
        if (number == null) {
            attributes.remove("phoneNumber");
            attributes.remove("phoneNumberVerified");
        } else {
            attributes.remove("phoneNumberConfirmed"); // as imported: the admin's "verified" is trusted
            attributes.put("phoneNumber", List.of(number));
            attributes.put("phoneNumberVerified", List.of("true"));
        }
        user.setAttributes(attributes);
        realm.admin().users().get(user.getId()).update(user);
    }

    @Test
    void smsCodeSignsInAndTheIdTokenCarriesTheVerifiedPhone() {
        oauth.scope("openid phone");
        signInWithPassword("sam", "sam");

        assertTrue(codePage.isCurrent());
        assertTrue(codePage.destination().contains("+49 *** *** 78"), codePage.destination());
        assertEquals("one-time-code", codePage.codeField().getAttribute("autocomplete"));
        Sms sms = gateways.last();
        assertEquals("http", sms.gateway());
        assertEquals(SAMS_NUMBER, sms.to());
        assertEquals("sms-otp", sms.fields().get("realm"));
        assertEquals("login", sms.fields().get("purpose"));
        assertTrue(sms.text().startsWith(sms.code() + " is your SMS Test sign-in code."), sms.text());
        assertTrue(sms.text().endsWith("@localhost #" + sms.code()), "WebOTP line: " + sms.text());

        codePage.submitCode(sms.code());

        AccessTokenResponse tokens = oauth.doAccessTokenRequest(oauth.parseLoginResponse().getCode());
        IDToken idToken = oauth.verifyIDToken(tokens.getIdToken());
        assertEquals(SAMS_NUMBER, idToken.getPhoneNumber());
        assertEquals(Boolean.TRUE, idToken.getPhoneNumberVerified());
    }

    @Test
    void wrongCodeShowsAttemptsLeftAndAnExpiredCodeSaysSo() {
        signInWithPassword("sam", "sam");
        String code = gateways.last().code();

        codePage.submitCode(code.equals("000000") ? "111111" : "000000");
        assertEquals("Wrong code. 4 attempts left.", codePage.codeError());

        timeOffSet.set(301);
        codePage.submitCode(code);
        assertEquals("This code has expired. Request a new one.", codePage.codeError());
    }

    @Test
    void lastWrongAttemptKillsTheSmsCode() {
        signInWithPassword("sam", "sam");
        String code = gateways.last().code();
        for (int i = 0; i < 5; i++) {
            codePage.submitCode(code.equals("000000") ? "111111" : "000000");
        }
        assertEquals("Too many wrong codes. This code no longer works: request a new one.", codePage.codeError());
        codePage.submitCode(code);
        assertEquals("There is no valid code. Request a new one.", codePage.codeError());
    }

    @Test
    void resendWithinTheCooldownAndReloadSendNoSms() {
        signInWithPassword("sam", "sam");
        assertEquals(1, gateways.received().size());

        codePage.reload();
        codePage.resend();

        assertTrue(codePage.banner().startsWith("Please wait"), codePage.banner());
        assertEquals(1, gateways.received().size(), "neither the reload nor the early resend may send");
    }

    @Test
    void perUserHourlyCapRefusesTheNextSendAndSaysWhenToRetry() {
        RealmAttributes.setWithCleanup(realm, "otpVerification.settings", "{\"maxSendsPerDestinationPerHour\":0,"
                + "\"maxSendsPerUserPerHour\":1,\"maxSendsPerIpPerHour\":0,\"maxSmsPerRealmPerHour\":0}");
        signInWithPassword("otto", "otto");
        assertEquals(1, gateways.received().size());

        timeOffSet.set(31);
        codePage.resend();

        assertTrue(codePage.banner().matches("Too many codes were sent\\. Try again in \\d+ minutes?\\."), codePage.banner());
        assertEquals(1, gateways.received().size(), "the cap must stop the second SMS");
        // the first event since the clock moved: the refused resend
        EventAssertion.assertError(events.poll()).type(EventType.CUSTOM_REQUIRED_ACTION_ERROR).error("too_many_requests");
    }

    /** The per-number cap counts codes to numbers that are not yet the account's: a stranger cannot use up otto's sign-ins. */
    @Test
    void aStrangerStagingTheOwnersNumberCannotUseUpTheOwnersSignInCodes() {
        RealmAttributes.setWithCleanup(realm, "otpVerification.settings", "{\"maxSendsPerDestinationPerHour\":1,"
                + "\"maxSendsPerUserPerHour\":0,\"maxSendsPerIpPerHour\":0,\"maxSmsPerRealmPerHour\":0,"
                + "\"maxSmsToNewNumbersPerRealmPerHour\":0}");
        signInWithPassword("nina", "nina");
        phonePage.submitNumber("+4915187654321"); // otto's number
        assertEquals(1, gateways.received().size(), "the per-number cap of 1 is used up by nina's setup");
        BrowserSession.startOver(realm, driver);

        signInWithPassword("otto", "otto");

        assertTrue(codePage.isCurrent());
        assertEquals(2, gateways.received().size(), "otto's own sign-in code still goes out: " + codePage.pageText());
        assertEquals("+4915187654321", gateways.last().to());
    }

    /** "Use another number" and the same number again: the code already sent still counts, nothing new is sent. */
    @Test
    void theSameNumberTypedAgainGetsNoNewCodeWithinTheCooldown() {
        signInWithPassword("nina", "nina");
        phonePage.submitNumber("+4915123456780");
        Sms first = gateways.last();

        driver.findElement(By.id("kc-otp-change")).click();
        assertTrue(phonePage.isCurrent());
        phonePage.submitNumber("+49 151 23456780");

        assertTrue(codePage.isCurrent());
        assertEquals(1, gateways.received().size(), "no second SMS to the same number within the cooldown");
        codePage.submitCode(first.code());
        assertNotNull(oauth.parseLoginResponse().getCode(), "the first code still signs in");
    }

    @Test
    void userWithoutPhoneSetsItUpDuringLoginAndOnlyAConfirmedNumberIsSaved() {
        signInWithPassword("nina", "nina");
        assertTrue(phonePage.isCurrent(), "VERIFY_PHONE_NUMBER asks for a number");

        phonePage.submitNumber("+49 151 23456789");
        assertTrue(codePage.isCurrent());
        Sms sms = gateways.last();
        assertEquals("+4915123456789", sms.to());
        assertTrue(sms.text().contains("verification code"), sms.text());
        assertEquals(null, user("nina").getAttributes() == null ? null : user("nina").getAttributes().get("phoneNumber"),
                "not saved before the code is confirmed");

        codePage.submitCode(sms.code());

        assertNotNull(oauth.parseLoginResponse().getCode());
        UserRepresentation nina = user("nina");
        assertEquals(List.of("+4915123456789"), nina.getAttributes().get("phoneNumber"));
        assertEquals(List.of("true"), nina.getAttributes().get("phoneNumberVerified"));
    }

    @Test
    void badNumbersEachGetTheirOwnMessageAndSendNothing() {
        RealmAttributes.setWithCleanup(realm, "otpVerification.settings", "{\"smsAllowedCountries\":[\"DE\",\"AT\"],"
                + "\"maxSendsPerDestinationPerHour\":0,\"maxSendsPerUserPerHour\":0,\"maxSendsPerIpPerHour\":0,\"maxSmsPerRealmPerHour\":0}");
        signInWithPassword("nina", "nina");

        assertRefused("call me maybe", "This is not a valid phone number. Check it and include the country code.");
        assertRefused("+49 151", "This is not a valid phone number. Check it and include the country code.");
        assertRefused("+49 30 12345678", "This is not a mobile number. Enter a number that can receive text messages.");
        assertRefused("+49 900 1234567", "Premium-rate numbers cannot receive codes. Enter your own mobile number.");
        assertRefused("+33 6 12 34 56 78", "Phone numbers from this country are not accepted here.");
        assertRefused("+49151".repeat(34), "This is not a valid phone number. Check it and include the country code.");
        assertEquals(0, gateways.received().size());
    }

    @Test
    void applicationInitiatedActionChangesTheNumberAfterItsCodeIsConfirmed() {
        oauth.loginForm().kcAction("VERIFY_PHONE_NUMBER").open();
        loginPage.fillLogin("otto", "otto");
        loginPage.submit();
        codePage.submitCode(gateways.last().code());

        assertTrue(phonePage.isCurrent());
        assertEquals("+4915187654321", phonePage.prefilled());
        phonePage.submitNumber("+43 664 1234567");
        Sms sms = gateways.last();
        assertEquals("+436641234567", sms.to());
        codePage.submitCode(sms.code());

        assertNotNull(oauth.parseLoginResponse().getCode());
        assertEquals(List.of("+436641234567"), user("otto").getAttributes().get("phoneNumber"));
    }

    @Test
    void uniqueNumbersOptionRefusesANumberAnotherUserVerifiedWithoutSayingWhose() {
        RequiredActionConfigRepresentation config = new RequiredActionConfigRepresentation();
        config.setConfig(Map.of("uniqueNumbers", "true"));
        realm.admin().flows().updateRequiredActionConfig("VERIFY_PHONE_NUMBER", config);
        realm.cleanup().add(r -> r.flows().removeRequiredActionConfig("VERIFY_PHONE_NUMBER"));
        signInWithPassword("nina", "nina");

        phonePage.submitNumber(SAMS_NUMBER);

        assertEquals("This phone number cannot be used. Enter another one.", phonePage.numberError());
        assertFalse(codePage.pageText().contains("sam"), "must not say whose number it is");
        assertEquals(0, gateways.received().size());
    }

    @Test
    void twilioGatewaySendsAFormPostWithBasicAuth() {
        RealmAttributes.setWithCleanup(realm, "otpVerification.smsGateway", "twilio");
        signInWithPassword("sam", "sam");

        Sms sms = gateways.last();
        assertEquals("twilio", sms.gateway());
        assertEquals(SAMS_NUMBER, sms.to());
        assertEquals(FakeSmsGateways.TWILIO_FROM, sms.fields().get("From"));
        codePage.submitCode(sms.code());
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    void awsSnsGatewayPublishesASignedRequest() {
        RealmAttributes.setWithCleanup(realm, "otpVerification.smsGateway", "aws-sns");
        signInWithPassword("sam", "sam");

        Sms sms = gateways.last();
        assertEquals("aws-sns", sms.gateway());
        assertEquals(SAMS_NUMBER, sms.to());
        assertEquals("AWS.SNS.SMS.SMSType", sms.fields().get("MessageAttributes.entry.1.Name"));
        assertEquals("Transactional", sms.fields().get("MessageAttributes.entry.1.Value.StringValue"));
        codePage.submitCode(sms.code());
        assertNotNull(oauth.parseLoginResponse().getCode());
    }

    @Test
    void everyGatewaysRefusalBecomesAFriendlyErrorWithTheReasonInTheEvent() {
        gateways.refuse(true);
        RealmAttributes.setWithCleanup(realm, "otpVerification.smsGateway", "http");
        for (String[] gateway : new String[][] {{"http", "HTTP 503"}, {"twilio", "error 21211"}, {"aws-sns", "InvalidParameter"}}) {
            RealmAttributes.set(realm, "otpVerification.smsGateway", gateway[0]);
            events.skipAll(); // this gateway's sign-in only
            BrowserSession.startOver(realm, driver);

            signInWithPassword("sam", "sam");

            String page = codePage.pageText();
            assertTrue(page.contains("We could not send the text message with your code. Please try again later."), gateway[0] + ": " + page);
            assertFalse(codePage.isCurrent());
            EventRepresentation failed = events.poll();
            EventAssertion.assertError(failed).type(EventType.CUSTOM_REQUIRED_ACTION_ERROR).error("sms_send_failed");
            assertTrue(failed.getDetails().get("reason").contains(gateway[1]), gateway[0] + ": " + failed.getDetails());
        }
        assertEquals(0, gateways.received().size());
    }

    private void assertRefused(String number, String message) {
        phonePage.submitNumber(number);
        assertTrue(phonePage.isCurrent(), number);
        assertEquals(message, phonePage.numberError(), number);
    }

    private void signInWithPassword(String username, String password) {
        oauth.openLoginForm();
        loginPage.fillLogin(username, password);
        loginPage.submit();
    }

    private UserRepresentation user(String username) {
        return realm.admin().users().search(username, true).get(0);
    }

}
