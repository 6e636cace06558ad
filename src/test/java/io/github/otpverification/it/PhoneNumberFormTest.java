package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.otpverification.login.ClaimedIdentity;
import io.github.otpverification.phone.PhoneAttributes;
import io.github.otpverification.testsupport.ApiUsers;
import io.github.otpverification.testsupport.AuthSessionNotes;
import io.github.otpverification.testsupport.BrowserSession;
import io.github.otpverification.testsupport.CodePage;
import io.github.otpverification.testsupport.FakeSmsGateways;
import io.github.otpverification.testsupport.FlowConfigs;
import io.github.otpverification.testsupport.OtpServerConfig;
import io.github.otpverification.testsupport.PhoneSignInPage;
import io.github.otpverification.testsupport.RealmAttributes;
import io.github.otpverification.testsupport.RequiredActions;
import io.github.otpverification.testsupport.VerificationApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.events.EventType;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectEvents;
import org.keycloak.testframework.annotations.InjectHttpServer;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.events.Events;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.runonserver.InjectRunOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;

/**
 * Sign in with a phone number: the Phone Number step ({@code phone-number-form}) then the SMS code
 * ({@code sms-otp-form}), next to username and password. What the code step shows for a number
 * that names nobody is its own story; here such a number must get no SMS and identify no one.
 */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class PhoneNumberFormTest {

    private static final String PAULAS_NUMBER = "+4915111111101";
    private static final String INVALID = "This is not a valid phone number. Check it and include the country code.";

    @InjectRealm(fromJson = "/realms/phone-sign-in-realm.json")
    ManagedRealm realm;

    @InjectHttpServer
    HttpServer httpServer;

    @InjectOAuthClient
    OAuthClient oauth;

    @InjectWebDriver
    ManagedWebDriver driver;

    @InjectEvents
    Events events;

    @InjectRunOnServer(permittedPackages = "io.github.otpverification.testsupport")
    RunOnServerClient server;

    @InjectPage
    PhoneSignInPage phonePage;

    @InjectPage
    CodePage codePage;

    @InjectPage
    LoginPage loginPage;

    FakeSmsGateways gateways;
    ApiUsers users;

    @BeforeEach
    void freshStart() {
        gateways = new FakeSmsGateways(httpServer);
        users = new ApiUsers(realm);
        RequiredActions.ensureRegistered(realm, "VERIFY_PHONE_NUMBER", "Verify Phone Number (SMS code)");
        BrowserSession.startOver(realm, driver);
    }

    @Test
    void aVerifiedNumberAndItsSmsCodeSignInWithoutShowingTheUsername() {
        oauth.openLoginForm();
        assertTrue(phonePage.isCurrent(), "the phone number comes first");
        assertEquals("Sign in with your phone number", phonePage.title());

        phonePage.submitNumber("+49 151 11111101");

        assertTrue(codePage.isCurrent());
        assertEquals(PAULAS_NUMBER, gateways.last().to());
        assertTrue(codePage.destination().contains("+49 *** *** 01"), codePage.destination());
        assertFalse(codePage.pageText().contains("paula"), "typing a number must not tell whose account it is: " + codePage.pageText());
        codePage.submitCode(gateways.last().code());
        String idToken = oauth.doAccessTokenRequest(oauth.parseLoginResponse().getCode()).getIdToken();
        assertEquals("paula", oauth.verifyIDToken(idToken).getPreferredUsername());
        EventRepresentation login = eventsSinceTheTestBegan().stream().filter(e -> EventType.LOGIN.name().equals(e.getType()))
                .findFirst().orElseThrow(() -> new AssertionError("no LOGIN event"));
        assertEquals("+49 *** *** 01", login.getDetails().get("username"), "the event names the number masked");
    }

    @Test
    void aNumberTypedWithoutCountryCodeIsReadInTheRealmsDefaultRegion() {
        RequiredActions.configureWithCleanup(realm, "VERIFY_PHONE_NUMBER", Map.of("defaultRegion", "DE"));
        UserRepresentation user = users.create(ApiUsers.phone("+4915122220002", true));
        oauth.openLoginForm();

        phonePage.submitNumber("0151 2222 0002");

        assertTrue(codePage.isCurrent(), phonePage.numberError());
        assertEquals("+4915122220002", gateways.last().to());
        codePage.submitCode(gateways.last().code());
        String idToken = oauth.doAccessTokenRequest(oauth.parseLoginResponse().getCode()).getIdToken();
        assertEquals(user.getUsername(), oauth.verifyIDToken(idToken).getPreferredUsername());
    }

    @Test
    void badNumbersGetTheirOwnMessageKeepWhatWasTypedAndSendNothing() {
        RealmAttributes.setWithCleanup(realm, "otpVerification.settings", "{\"smsAllowedCountries\":[\"DE\",\"AT\"],"
                + "\"maxSendsPerDestinationPerHour\":0,\"maxSendsPerUserPerHour\":0,\"maxSendsPerIpPerHour\":0,\"maxSmsPerRealmPerHour\":0}");
        oauth.openLoginForm();

        assertRefused("call me maybe", INVALID);
        assertRefused("+49 30 12345678", "This is not a mobile number. Enter a number that can receive text messages.");
        assertRefused("+49 900 1234567", "Premium-rate numbers cannot receive codes. Enter your own mobile number.");
        assertRefused("+33 6 12 34 56 78", "Phone numbers from this country are not accepted here.");

        String junk = "+49 151 " + "x1!".repeat(64);
        phonePage.submitUncut(junk.substring(0, 200));
        assertTrue(phonePage.isCurrent());
        assertEquals(INVALID, phonePage.numberError());
        assertEquals(junk.substring(0, 32), phonePage.prefilled(), "the typed text, cut to the field's length");
        assertEquals(0, gateways.received().size());
    }

    @Test
    void aLandlineIsRefusedEvenWhereVerifyPhoneNumberAcceptsNonMobileNumbers() {
        RequiredActions.configureWithCleanup(realm, "VERIFY_PHONE_NUMBER", Map.of("allowNonMobile", "true"));
        oauth.openLoginForm();

        assertRefused("+49 30 12345678", "This is not a mobile number. Enter a number that can receive text messages.");
        assertEquals(0, gateways.received().size());
    }

    @Test
    void aPhoneNumberLoginHintPrefillsTheField() {
        oauth.loginForm().loginHint("tel:+4915111111101").open();
        assertEquals(PAULAS_NUMBER, phonePage.prefilled());

        BrowserSession.startOver(realm, driver);
        oauth.loginForm().loginHint("+49 151 11111101").open();
        assertEquals("+49 151 11111101", phonePage.prefilled());

        BrowserSession.startOver(realm, driver);
        oauth.loginForm().loginHint("paula@example.com").open();
        assertEquals("", phonePage.prefilled(), "a hint that is no phone number is not put in the phone field");
    }

    /** Back to the sign-in page: the browser fetches the app's sign-in request again (the page may not be cached), a new login. */
    @Test
    void theNumberTypedBeforeIsPrefilledAfterTheBackButton() {
        oauth.openLoginForm();
        phonePage.submitNumber("+49 151 11111101");
        assertTrue(codePage.isCurrent());

        driver.driver().navigate().back();
        driver.driver().navigate().refresh(); // HtmlUnit shows its copy of the old page; browsers fetch a no-store page again

        assertTrue(phonePage.isCurrent(), codePage.pageText());
        assertEquals("+49 151 11111101", phonePage.prefilled());
    }

    @Test
    void theNumberTypedBeforeIsPrefilledWhenThePersonComesBackFromAnotherWay() {
        oauth.openLoginForm();
        phonePage.submitNumber("+49 151");
        phonePage.tryAnotherWay();
        phonePage.choose("Username and password");

        phonePage.tryAnotherWay();
        phonePage.choose("Phone Number");

        assertEquals("+49 151", phonePage.prefilled());
    }

    @Test
    void tryAnotherWayOffersUsernameAndPasswordAndComesBack() {
        oauth.openLoginForm();

        String choices = phonePage.tryAnotherWay();
        assertTrue(choices.contains("Username and password"), choices);
        phonePage.choose("Username and password");
        assertFalse(phonePage.isCurrent());

        choices = phonePage.tryAnotherWay();
        assertTrue(choices.contains("Phone Number") && choices.contains("Sign in with your phone number."), choices);
        phonePage.choose("Phone Number");
        assertTrue(phonePage.isCurrent());
        phonePage.tryAnotherWay();
        phonePage.choose("Username and password");
        loginPage.fillLogin("paula", "paula");
        loginPage.submit();
        assertTrue(oauth.parseLoginResponse().getCode() != null, "signed in by password");
        assertEquals(0, gateways.received().size());
    }

    @Test
    void aNumberTwoUsersVerifiedSignsInNeitherAndTextsNoOne() {
        String shared = "+4915133330003";
        users.create(ApiUsers.phone(shared, true));
        users.create(ApiUsers.phone(shared, true));

        assertIdentifiesNobody(shared);
    }

    @Test
    void anUnverifiedNumberIdentifiesNobody() {
        String unverified = "+4915144440004";
        users.create(ApiUsers.phone(unverified, false));

        assertIdentifiesNobody(unverified);
    }

    @Test
    void aDisabledUsersNumberIdentifiesNobody() {
        String disabled = "+4915155550005";
        users.create(user -> {
            ApiUsers.phone(disabled, true).customize(user);
            user.setEnabled(false);
        });

        assertIdentifiesNobody(disabled);
    }

    /** The extension confirmed one number; an admin then put another one in with the flag still "true". */
    @Test
    void aNumberChangedBehindTheExtensionsBackIdentifiesNobody() {
        UserRepresentation user = users.create(ApiUsers.phone("+4915166660006", false));
        VerificationApi api = new VerificationApi(realm.getBaseUrl());
        String backend = api.clientToken("phone-backend", "phone-backend-secret");
        String code = api.post("/users/" + user.getId() + "/send-code", backend, "{\"channel\": \"sms\", \"returnCode\": true}").text("code");
        assertEquals(200, api.post("/users/" + user.getId() + "/verify-code", backend,
                "{\"channel\": \"sms\", \"code\": \"" + code + "\"}").status(), "the extension confirmed +4915166660006");
        UserRepresentation changed = users.read(user.getId());
        changed.singleAttribute(PhoneAttributes.PHONE_NUMBER, "+4915166660007");
        realm.admin().users().get(user.getId()).update(changed);

        assertIdentifiesNobody("+4915166660007");
        assertEquals("false", users.read(user.getId()).firstAttribute(PhoneAttributes.PHONE_NUMBER_VERIFIED),
                "met at sign-in, the stale flag is set to false");
    }

    /** The code step may sign a new user up only where the option and the realm allow it and nobody holds the number. */
    @Test
    void signUpIsOfferedOnlyWithTheOptionAndRegistrationOnForANumberNobodyHolds() {
        setRegistrationAllowed(true);
        assertEquals(Map.of(ClaimedIdentity.PHONE_NOTE, "+4915177770007"), claimAfterTyping("+4915177770007"),
                "createUnknownUsers is off by default");

        FlowConfigs.updateWithCleanup(realm, "phone sign-in", "phone-number-form", Map.of("createUnknownUsers", "true"));
        assertEquals(Map.of(ClaimedIdentity.PHONE_NOTE, "+4915177770008", ClaimedIdentity.SIGN_UP_NOTE, "+4915177770008"),
                claimAfterTyping("+4915177770008"));
        users.create(ApiUsers.phone("+4915177770009", false));
        assertEquals(Map.of(ClaimedIdentity.PHONE_NOTE, "+4915177770009"), claimAfterTyping("+4915177770009"),
                "someone holds the number, unverified: no second account for it");

        setRegistrationAllowed(false);
        assertEquals(Map.of(ClaimedIdentity.PHONE_NOTE, "+4915177770010"), claimAfterTyping("+4915177770010"),
                "the realm does not allow registration");
        assertEquals("+4915177770008", gateways.await(1).to(), "only the number that may sign up got a code");
        assertEquals(1, gateways.received().size()); // PhoneSignInTest follows the sign-up to its end
    }

    @Test
    void aKnownNumberLeavesTheTypedNumberButNoSignUp() {
        assertEquals(Map.of(ClaimedIdentity.PHONE_NOTE, PAULAS_NUMBER), claimAfterTyping(PAULAS_NUMBER),
                "the code step answers alike for known and unknown numbers");
    }

    // --- helpers -------------------------------------------------------------------------------

    private void assertRefused(String number, String message) {
        phonePage.submitNumber(number);
        assertTrue(phonePage.isCurrent(), number);
        assertEquals(message, phonePage.numberError(), number);
        assertEquals(number, phonePage.prefilled(), "the form keeps what was typed");
    }

    /** After the phone page: no SMS, nobody signed in, and the step recorded "user not found" (the number masked) as Keycloak's username form does. */
    private void assertIdentifiesNobody(String number) {
        oauth.openLoginForm();
        events.skipAll();

        phonePage.submitNumber(number);

        assertEquals(0, gateways.received().size(), "no SMS to a number that names nobody");
        assertFalse(driver.driver().getCurrentUrl().contains("code="), driver.driver().getCurrentUrl());
        String masked = "+49 *** *** " + number.substring(number.length() - 2);
        EventRepresentation notFound = eventsSinceTheTestBegan().stream()
                .filter(e -> "user_not_found".equals(e.getError()) && masked.equals(e.getDetails().get("username")))
                .findFirst().orElseThrow(() -> new AssertionError("no user_not_found event for " + masked));
        assertEquals(EventType.LOGIN_ERROR.name(), notFound.getType());
        assertNull(notFound.getUserId(), "the event names no user");
        assertFalse(notFound.getDetails().values().contains(number), "the full number is not in the event");
    }

    private List<EventRepresentation> eventsSinceTheTestBegan() {
        List<EventRepresentation> all = new ArrayList<>();
        for (EventRepresentation event = events.poll(); event != null; event = events.poll()) {
            all.add(event);
        }
        return all;
    }

    /** The claim notes the Phone Number step left for the code step, after typing this number in a new login. */
    private Map<String, String> claimAfterTyping(String number) {
        BrowserSession.startOver(realm, driver);
        oauth.openLoginForm();
        String tabId = phonePage.tabId();
        phonePage.submitNumber(number);
        return AuthSessionNotes.of(server, driver, oauth.getClientId(), tabId,
                List.of(ClaimedIdentity.PHONE_NOTE, ClaimedIdentity.SIGN_UP_NOTE));
    }

    private void setRegistrationAllowed(boolean allowed) {
        realm.updateWithCleanup(settings -> settings.registrationAllowed(allowed));
    }
}
