package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.otpverification.testsupport.ApiUsers;
import io.github.otpverification.testsupport.DemoRealmCopy;
import io.github.otpverification.testsupport.FlowConfigs;
import io.github.otpverification.testsupport.FormLogin;
import io.github.otpverification.testsupport.Http;
import io.github.otpverification.testsupport.Mails;
import io.github.otpverification.testsupport.OtpServerConfig;
import io.github.otpverification.testsupport.RealmEvents;
import io.github.otpverification.testsupport.Reply;
import io.github.otpverification.testsupport.VerificationApi;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.InjectTimeOffSet;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;

/**
 * "Don't ask for a code on this device for N days" (docs/trusted-devices.md) on a copy of the demo
 * realm, whose Email OTP step trusts devices for 30 days: one browser, signing in again and again
 * as a person would, its Keycloak session ended in between while its other cookies stay.
 */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class TrustedDevicesTest {

    private static final String COOKIE = "OTP_TRUSTED_DEVICE_EMAIL";
    private static final String EMAIL_STEP_FLOW = "email for everyone else";
    private static final String APP = "trust-app";
    private static final String PASSWORDLESS_APP = "trust-passwordless";
    private static final String REDIRECT = "http://127.0.0.1:8500/signed-in";

    /** The demo realm with an app for browser sign-ins, one for passwordless sign-ins, and acr levels. */
    public static class TrustRealm extends DemoRealmCopy {
        @Override
        protected void adjust(RealmRepresentation realm) {
            realm.setRealm("trusted-devices");
            adjustCopy(realm);
        }
    }

    /** Another realm with the same setup: its cookies mean nothing in the first. */
    public static class OtherRealm extends DemoRealmCopy {
        @Override
        protected void adjust(RealmRepresentation realm) {
            realm.setRealm("trusted-devices-other");
            adjustCopy(realm);
        }
    }

    @InjectRealm(config = TrustRealm.class)
    ManagedRealm realm;

    @InjectRealm(ref = "other", config = OtherRealm.class)
    ManagedRealm other;

    @InjectMailServer
    MailServer mail;

    @InjectTimeOffSet
    TimeOffSet timeOffSet;

    private FormLogin browser;
    private UserRepresentation user;

    @BeforeEach
    void newBrowserAndUser() {
        mail.runCleanup();
        browser = new FormLogin(realm.getBaseUrl(), APP, REDIRECT);
        user = new ApiUsers(realm).create();
    }

    @Test
    void theSecondSignInOnTheSameBrowserSkipsTheCodeAndSendsNothing() {
        trustThisBrowser();

        Reply second = signIn(user);

        assertTrue(browser.isSignedIn(second), "the trusted browser passes the code step: " + second.status());
        assertFalse(mail.waitForIncomingEmail(1500, 2), "no code is sent to a trusted browser");
        EventRepresentation login = RealmEvents.await(realm, e -> "LOGIN".equals(e.getType()) && user.getId().equals(e.getUserId())
                && e.getDetails() != null && e.getDetails().containsKey("trusted_device"), "login event with trusted_device");
        String device = login.getDetails().get("trusted_device");
        assertFalse(login.getDetails().toString().contains(browser.cookie(COOKIE)), "the event never carries the cookie");
        assertEquals(device, claims(browser.cookie(COOKIE)).get("jti").asText(), "the device id is the trust's random id");
    }

    @Test
    void theCookieIsHttpOnlySecureLaxOnTheRealmsPathAndCarriesNoPersonalData() {
        Reply codePage = signIn(user);
        Reply signedIn = browser.submit(codePage, Map.of("code", codeSent(1), "trustDevice", "on"));

        String setCookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(COOKIE + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no trust cookie set"));
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("Secure"), setCookie);
        assertTrue(setCookie.contains("SameSite=Lax"), setCookie);
        assertTrue(setCookie.contains("Path=/realms/trusted-devices/"), setCookie);
        assertTrue(setCookie.contains("Max-Age=" + 30 * 24 * 3600), setCookie);
        String claims = claims(browser.cookie(COOKIE)).toString();
        assertFalse(claims.contains(user.getEmail()) || claims.contains(user.getUsername()), "no personal data: " + claims);
        assertEquals("otp-trusted-device", claims(browser.cookie(COOKIE)).get("typ").asText());
    }

    @Test
    void anUntickedBoxTrustsNothing() {
        Reply codePage = signIn(user);
        assertTrue(codePage.raw().contains("name=\"trustDevice\""), "the page offers to trust the browser");
        Matcher checkbox = Pattern.compile("<input[^>]*name=\"trustDevice\"[^>]*>").matcher(codePage.raw());
        assertTrue(checkbox.find() && !checkbox.group().contains("checked"), "the box is not ticked for the person");
        assertTrue(codePage.raw().contains("Don&#39;t ask for a code on this device for 30 days")
                || codePage.raw().contains("Don't ask for a code on this device for 30 days"), "the box says what it does");
        assertTrue(browser.isSignedIn(browser.submit(codePage, Map.of("code", codeSent(1)))));
        browser.endKeycloakSession();

        assertNull(browser.cookie(COOKIE));
        assertCodeAsked(signIn(user));
    }

    @Test
    void anotherUserOnThatBrowserGetsACode() {
        trustThisBrowser();
        UserRepresentation someoneElse = new ApiUsers(realm).create();

        Reply page = signIn(someoneElse);

        assertCodeAsked(page);
        assertEquals(someoneElse.getEmail(), Mails.recipient(Mails.awaitMail(mail, 2)));
    }

    @Test
    void theAdminsSignOutOfTheUserEndsTheTrust() {
        trustThisBrowser();

        realm.admin().users().get(user.getId()).logout();

        assertCodeAsked(signIn(user));
    }

    @Test
    void signOutAllDevicesInTheAccountConsoleEndsTheTrust() {
        trustThisBrowser();
        VerificationApi api = new VerificationApi(realm.getBaseUrl(), "demo-cli");
        String console = api.userToken(user.getUsername(), ApiUsers.PASSWORD);
        api.userToken(user.getUsername(), ApiUsers.PASSWORD); // another signed-in device

        // What the account console's "Sign out all devices" calls before signing out its own session.
        Reply signOut = new Http().send("DELETE", realm.getBaseUrl() + "/account/sessions", console,
                Map.of("Accept", "application/json"));

        assertEquals(204, signOut.status(), signOut.raw());
        Integer notBefore = realm.admin().users().get(user.getId()).toRepresentation().getNotBefore();
        assertTrue(notBefore == null || notBefore == 0,
                "Keycloak does not move the user's not-before here (the extension listens to the sign-out instead): " + notBefore);
        assertCodeAsked(signIn(user));
    }

    @Test
    void aPasswordChangeEndsTheTrust() {
        trustThisBrowser();
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(ApiUsers.PASSWORD);
        password.setTemporary(false);

        realm.admin().users().get(user.getId()).resetPassword(password);

        assertCodeAsked(signIn(user));
    }

    @Test
    void anEmailChangeEndsTheTrust() {
        trustThisBrowser();
        UserRepresentation changed = realm.admin().users().get(user.getId()).toRepresentation();
        changed.setEmail("new-" + user.getEmail());

        realm.admin().users().get(user.getId()).update(changed);

        assertCodeAsked(signIn(user));
        assertEquals("new-" + user.getEmail(), Mails.recipient(Mails.awaitMail(mail, 2)));
    }

    @Test
    void aPhoneNumberChangeEndsTheTrust() {
        trustThisBrowser();
        UserRepresentation changed = realm.admin().users().get(user.getId()).toRepresentation();
        changed.setAttributes(new HashMap<>(Map.of("phoneNumber", List.of("+4915112340000"))));

        realm.admin().users().get(user.getId()).update(changed);

        assertCodeAsked(signIn(user));
    }

    @Test
    void deletingOwnTrustedDevicesEndsTheTrustAndMeSaysSinceWhen() {
        trustThisBrowser();
        VerificationApi api = new VerificationApi(realm.getBaseUrl(), "demo-cli");
        String own = api.userToken(user.getUsername(), ApiUsers.PASSWORD);
        long before = Instant.now().getEpochSecond() - 1;

        Reply deleted = api.send("DELETE", "/me/trusted-devices", own, null, null);

        assertEquals(204, deleted.status(), deleted.raw());
        String since = api.get("/me", own).expect(200, "GET /me").json().get("trustedDevicesSince").asText();
        assertTrue(Instant.parse(since).getEpochSecond() >= before, since);
        assertCodeAsked(signIn(user));
    }

    @Test
    void deletingAUsersTrustedDevicesNeedsAManagerAndEndsTheTrust() {
        trustThisBrowser();
        VerificationApi api = new VerificationApi(realm.getBaseUrl(), "demo-cli");
        String path = "/users/" + user.getId() + "/trusted-devices";

        Reply refused = api.send("DELETE", path, api.clientToken("demo-admin", "demo-admin-secret"), null, null);
        assertEquals(403, refused.status(), "manage-realm is not manage-users: " + refused.raw());
        assertTrue(browser.isSignedIn(signIn(user)), "a refused call ends nothing");
        browser.endKeycloakSession();

        Reply deleted = api.send("DELETE", path, api.clientToken("demo-app", "demo-app-secret"), null, null);

        assertEquals(204, deleted.status(), deleted.raw());
        assertCodeAsked(signIn(user));
    }

    @Test
    void aTamperedCookieIsIgnored() {
        trustThisBrowser();
        String[] parts = browser.cookie(COOKIE).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replaceFirst("\"exp\":\\d+", "\"exp\":" + (Instant.now().getEpochSecond() + 400 * 24 * 3600));
        browser.setCookie(COOKIE, parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);

        assertCodeAsked(signIn(user));
    }

    @Test
    void aCookieFromAnotherRealmIsIgnored() {
        FormLogin elsewhere = new FormLogin(other.getBaseUrl(), APP, REDIRECT);
        UserRepresentation there = new ApiUsers(other).create();
        Reply codePage = submitPassword(elsewhere, there);
        assertTrue(elsewhere.isSignedIn(elsewhere.submit(codePage, Map.of("code", codeSent(1), "trustDevice", "on"))));
        browser.setCookie(COOKIE, elsewhere.cookie(COOKIE));

        assertCodeAsked(signIn(user));
    }

    @Test
    void zeroDaysShowsNoCheckboxAndEndsTrustAlreadyGiven() {
        trustThisBrowser();

        FlowConfigs.updateWithCleanup(realm, EMAIL_STEP_FLOW, "email-otp-form", Map.of("trustDeviceDays", "0"));

        Reply page = signIn(user);
        assertCodeAsked(page);
        assertFalse(page.raw().contains("trustDevice"), "no checkbox when the option is off");
    }

    @Test
    void trustEndsAfterItsDaysAndFewerDaysShortenIt() {
        trustThisBrowser();

        FlowConfigs.updateWithCleanup(realm, EMAIL_STEP_FLOW, "email-otp-form", Map.of("trustDeviceDays", "2"));
        timeOffSet.set(24 * 3600);
        assertTrue(browser.isSignedIn(signIn(user)), "one day in, two-day trust still holds");
        browser.endKeycloakSession();

        timeOffSet.set(2 * 24 * 3600 + 60);
        assertCodeAsked(signIn(user));
    }

    @Test
    void aStepUpToAHigherLevelAsksForACodeAgain() {
        trustThisBrowser();

        Reply gold = submitPassword(browser, user, "&acr_values=gold");

        assertCodeAsked(gold);
    }

    @Test
    void aPasswordlessSignInNeitherOffersNorUsesTrust() {
        trustThisBrowser();
        FormLogin passwordless = new FormLogin(realm.getBaseUrl(), PASSWORDLESS_APP, REDIRECT);
        passwordless.setCookie(COOKIE, browser.cookie(COOKIE));

        Reply page = passwordless.submit(passwordless.open(), Map.of("username", user.getUsername()));

        assertCodeAsked(page);
        assertFalse(page.raw().contains("trustDevice"), "the code is the only factor here: no checkbox");
    }

    @Test
    void theResetFlowNeitherOffersNorUsesTrust() {
        trustThisBrowser();

        Reply reset = browser.forgotPassword(browser.open());
        Reply page = browser.submit(reset, Map.of("username", user.getUsername()));

        assertCodeAsked(page);
        assertFalse(page.raw().contains("trustDevice"), "a blind page never offers trust, though its step's option is on");
        // The reset page's mail leaves after the answer: wait for it, so that it is no later test's mail.
        assertEquals(user.getEmail(), Mails.recipient(Mails.awaitMail(mail, 2)));
    }

    /** Signs in with password, code and the box ticked; then ends the Keycloak session, keeping the cookies. */
    private void trustThisBrowser() {
        Reply codePage = signIn(user);
        assertTrue(codePage.raw().contains("kc-otp-code-form"), "code page expected: " + codePage.status());
        Reply signedIn = browser.submit(codePage, Map.of("code", codeSent(1), "trustDevice", "on"));
        assertTrue(browser.isSignedIn(signedIn), "signed in with the code: " + signedIn.status());
        assertNotNull(browser.cookie(COOKIE), "the browser is trusted now");
        browser.endKeycloakSession();
    }

    private Reply signIn(UserRepresentation who) {
        return submitPassword(browser, who);
    }

    private static Reply submitPassword(FormLogin login, UserRepresentation who) {
        return submitPassword(login, who, "");
    }

    private static Reply submitPassword(FormLogin login, UserRepresentation who, String moreParameters) {
        return login.submit(login.open(moreParameters), Map.of("username", who.getUsername(), "password", ApiUsers.PASSWORD));
    }

    private String codeSent(int mails) {
        return Mails.codeIn(Mails.awaitMail(mail, mails));
    }

    private static void assertCodeAsked(Reply page) {
        assertEquals(200, page.status(), "a page, not a redirect to the app");
        assertTrue(page.raw().contains("kc-otp-code-form"), "the step asks for a code");
        assertNotEquals(-1, page.raw().indexOf("name=\"code\""));
    }

    private static JsonNode claims(String token) {
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void adjustCopy(RealmRepresentation realm) {
        realm.setEventsEnabled(true);
        Map<String, String> attributes = new HashMap<>(realm.getAttributes());
        attributes.put("acr.loa.map", "{\"silver\":1,\"gold\":2}");
        realm.setAttributes(attributes);
        String passwordlessFlow = realm.getAuthenticationFlows().stream().filter(f -> "email code sign-in".equals(f.getAlias()))
                .map(AuthenticationFlowRepresentation::getId).findFirst().orElseThrow();
        // The reset flow's email step trusts devices too, so that the refusal there is the page's, not the option's.
        realm.getAuthenticationFlows().stream().filter(f -> "reset code by email".equals(f.getAlias()))
                .flatMap(f -> f.getAuthenticationExecutions().stream())
                .filter(e -> "email-otp-form".equals(e.getAuthenticator())).forEach(e -> e.setAuthenticatorConfig("reset email otp"));
        AuthenticatorConfigRepresentation resetConfig = new AuthenticatorConfigRepresentation();
        resetConfig.setAlias("reset email otp");
        resetConfig.setConfig(Map.of("trustDeviceDays", "30"));
        realm.getAuthenticatorConfig().add(resetConfig);
        realm.getClients().add(app(APP, null));
        realm.getClients().add(app(PASSWORDLESS_APP, passwordlessFlow));
    }

    private static ClientRepresentation app(String clientId, String browserFlowId) {
        ClientRepresentation app = new ClientRepresentation();
        app.setClientId(clientId);
        app.setPublicClient(true);
        app.setRedirectUris(List.of(REDIRECT));
        if (browserFlowId != null) {
            app.setAuthenticationFlowBindingOverrides(Map.of("browser", browserFlowId));
        }
        return app;
    }
}
