package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.otpverification.phone.PhoneAttributes;
import io.github.otpverification.testsupport.ApiUsers;
import io.github.otpverification.testsupport.BrowserSession;
import io.github.otpverification.testsupport.CodePage;
import io.github.otpverification.testsupport.EmailPage;
import io.github.otpverification.testsupport.FakeSmsGateways;
import io.github.otpverification.testsupport.FlowConfigs;
import io.github.otpverification.testsupport.Mails;
import io.github.otpverification.testsupport.OtpServerConfig;
import io.github.otpverification.testsupport.PhoneSignInPage;
import io.github.otpverification.testsupport.RequiredActions;
import io.github.otpverification.testsupport.Waits;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
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
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.oauth.annotations.InjectOAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.annotations.InjectPage;
import org.keycloak.testframework.ui.annotations.InjectWebDriver;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/**
 * What the SMS code step shows after {@code phone-number-form}: the same pages for a number that
 * names nobody as for a known one (docs/phone-sign-in.md, docs/security.md "No account
 * enumeration"), an answer that does not wait for the gateway, and sign-up by phone.
 */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class PhoneSignInTest {

    private static final String PAULAS_NUMBER = "+4915111111101";

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

    @InjectPage
    PhoneSignInPage phonePage;

    @InjectPage
    CodePage codePage;

    @InjectPage
    EmailPage emailPage;

    @InjectMailServer
    MailServer mail;

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
    void aNumberOfNobodyGetsTheSamePagesAsAKnownOneAndNoSms() {
        List<String> known = journey(PAULAS_NUMBER);
        assertEquals(1, gateways.received().size(), "the known number got its code");
        BrowserSession.startOver(realm, driver);

        List<String> unknown = journey("+4915199999999");

        assertEquals(known, unknown);
        assertTrue(unknown.get(0).contains("We sent a code by SMS to +49 *** *** ##"), unknown.get(0));
        assertTrue(unknown.get(2).contains("4"), "attempts left: " + unknown.get(2));
        assertEquals(1, gateways.received().size(), "no SMS to a number of nobody");
    }

    @Test
    void anUnverifiedNumberAndADisabledUsersNumberGetTheSamePagesAndNoSms() {
        users.create(ApiUsers.phone("+4915144440014", false));
        users.create(user -> {
            ApiUsers.phone("+4915155550015", true).customize(user);
            user.setEnabled(false);
        });
        List<String> nobody = journey("+4915199999915");
        BrowserSession.startOver(realm, driver);
        List<String> unverified = journey("+4915144440014");
        BrowserSession.startOver(realm, driver);
        List<String> disabled = journey("+4915155550015");

        assertEquals(nobody, unverified);
        assertEquals(nobody, disabled);
        assertEquals(0, gateways.received().size());
    }

    /** The gateway hangs: a known number's code page still comes at once (the SMS goes out after the answer). */
    @Test
    void theCodePageDoesNotWaitForTheGateway() {
        gateways.stall(true);
        try {
            oauth.openLoginForm();
            phonePage.submitNumber(PAULAS_NUMBER);

            assertTrue(codePage.isCurrent(), "the code page, not 'could not send': " + codePage.pageText());
            assertTrue(codePage.destination().contains("+49 *** *** 01"), codePage.destination());
            gateways.awaitHeldRequest(); // the SMS reached the gateway after the page was answered
        } finally {
            gateways.stall(false);
        }
        EventRepresentation failed = Waits.event(events, e -> "sms_send_failed".equals(e.getError()), "sms_send_failed");
        assertEquals(EventType.CUSTOM_REQUIRED_ACTION_ERROR.name(), failed.getType());
        assertEquals("+49 *** *** 01", failed.getDetails().get("destination"), "the failure is recorded, the number masked");
    }

    @Test
    void anUnknownNumberSignsUpWithCreateUnknownUsersThenSignsInAgainByNumber() {
        realm.updateWithCleanup(settings -> settings.registrationAllowed(true));
        FlowConfigs.updateWithCleanup(realm, "phone sign-in", "phone-number-form", Map.of("createUnknownUsers", "true"));
        String number = "+4915177770101";
        events.skipAll();
        oauth.openLoginForm();
        phonePage.submitNumber("+49 151 77770101");
        assertEquals(number, gateways.last().to(), "a real code to the new number");
        codePage.submitCode(gateways.last().code());

        // Keycloak's own profile step asks for what the realm's user profile requires.
        assertTrue(!driver.driver().findElements(By.id("kc-update-profile-form")).isEmpty(), codePage.pageText());
        driver.driver().findElement(By.id("email")).sendKeys("newcomer@example.com");
        driver.driver().findElement(By.id("firstName")).sendKeys("New");
        driver.driver().findElement(By.id("lastName")).sendKeys("Comer");
        driver.driver().findElement(By.cssSelector("[type=submit]")).click();
        assertNotNull(oauth.parseLoginResponse().getCode(), "signed in after the profile page: " + codePage.pageText());

        UserRepresentation created = realm.admin().users().search(number, true).get(0);
        assertEquals("true", created.firstAttribute(PhoneAttributes.PHONE_NUMBER_VERIFIED));
        assertEquals(number, created.firstAttribute(PhoneAttributes.PHONE_NUMBER));
        realm.cleanup().add(r -> r.users().get(created.getId()).remove());
        EventRepresentation registered = Waits.event(events, e -> EventType.REGISTER.name().equals(e.getType()), "REGISTER");
        assertEquals(created.getId(), registered.getUserId());
        assertEquals("+49 *** *** 01", registered.getDetails().get("username"), "the number masked in the event");

        BrowserSession.startOver(realm, driver);
        oauth.openLoginForm();
        phonePage.submitNumber(number);
        codePage.submitCode(gateways.await(2).code());
        String idToken = oauth.doAccessTokenRequest(oauth.parseLoginResponse().getCode()).getIdToken();
        assertEquals(created.getUsername(), oauth.verifyIDToken(idToken).getPreferredUsername());
    }

    /**
     * Where the email is the username, Keycloak's profile lets an existing account neither enter
     * nor change its email: the address is asked for and proven with its own code before the
     * account exists, and becomes its username.
     */
    @Test
    void whereTheEmailIsTheUsernameSignUpByPhoneProvesAnAddressBeforeTheAccountExists() throws MessagingException {
        realm.updateWithCleanup(settings -> settings.registrationAllowed(true).registrationEmailAsUsername(true));
        FlowConfigs.updateWithCleanup(realm, "phone sign-in", "phone-number-form", Map.of("createUnknownUsers", "true"));
        String number = "+4915177770303";
        events.skipAll();
        oauth.openLoginForm();
        phonePage.submitNumber(number);
        codePage.submitCode(gateways.last().code());

        assertTrue(emailPage.isCurrent(), "the address form after the SMS code: " + codePage.pageText());
        assertTrue(codePage.pageText().contains("Your email address"), codePage.pageText());
        assertTrue(realm.admin().users().search(number, true).isEmpty(), "no account before the address is proven");
        emailPage.submitAddress("paula@example.com");
        assertEquals("Email already exists.", emailPage.addressError(), "Keycloak's registration rules for the address");
        assertEquals(0, mail.getReceivedMessages().length, "nothing sent to a taken address");

        emailPage.submitAddress("first.try@example.com");
        MimeMessage first = Mails.awaitMail(mail, 1);
        assertEquals("first.try@example.com", Mails.recipient(first));
        assertTrue(first.getSubject().startsWith("Confirm your email address for"), first.getSubject());
        assertTrue(codePage.isCurrent(), codePage.pageText());
        codePage.changeDestination(); // "Wrong address?"
        emailPage.submitAddress("newcomer.phone@example.com");
        MimeMessage second = Mails.awaitMail(mail, 2);
        assertEquals("newcomer.phone@example.com", Mails.recipient(second));
        codePage.submitCode(Mails.codeIn(first));
        assertFalse(codePage.codeError().isEmpty(), "the first address's code died with the change: " + codePage.pageText());
        assertTrue(realm.admin().users().search(number, true).isEmpty(), "still no account");
        codePage.submitCode(Mails.codeIn(second));

        // Keycloak's own profile step asks for the rest; the address is not asked again.
        assertTrue(!driver.driver().findElements(By.id("kc-update-profile-form")).isEmpty(), codePage.pageText());
        assertTrue(driver.driver().findElements(By.id("email")).isEmpty(), "no email field: " + codePage.pageText());
        driver.driver().findElement(By.id("firstName")).sendKeys("New");
        driver.driver().findElement(By.id("lastName")).sendKeys("Comer");
        driver.driver().findElement(By.cssSelector("[type=submit]")).click();
        assertNotNull(oauth.parseLoginResponse().getCode(), "signed in after the profile page: " + codePage.pageText());

        UserRepresentation created = realm.admin().users().search("newcomer.phone@example.com", true).get(0);
        realm.cleanup().add(r -> r.users().get(created.getId()).remove());
        assertEquals("newcomer.phone@example.com", created.getUsername());
        assertEquals("newcomer.phone@example.com", created.getEmail());
        assertTrue(created.isEmailVerified());
        assertEquals(number, created.firstAttribute(PhoneAttributes.PHONE_NUMBER));
        assertEquals("true", created.firstAttribute(PhoneAttributes.PHONE_NUMBER_VERIFIED));
        EventRepresentation registered = Waits.event(events, e -> EventType.REGISTER.name().equals(e.getType()), "REGISTER");
        assertEquals(created.getId(), registered.getUserId());
        assertFalse(registered.getDetails().toString().contains("newcomer.phone@"), "the address masked: " + registered.getDetails());

        BrowserSession.startOver(realm, driver);
        oauth.openLoginForm();
        phonePage.submitNumber(number);
        codePage.submitCode(gateways.await(2).code());
        String idToken = oauth.doAccessTokenRequest(oauth.parseLoginResponse().getCode()).getIdToken();
        assertEquals("newcomer.phone@example.com", oauth.verifyIDToken(idToken).getPreferredUsername());
    }

    @Test
    void createUnknownUsersSignsNobodyUpWhereTheRealmDoesNotAllowRegistration() {
        FlowConfigs.updateWithCleanup(realm, "phone sign-in", "phone-number-form", Map.of("createUnknownUsers", "true"));

        List<String> pages = journey("+4915177770202");

        assertEquals(journeyOfNobody(), pages);
        assertEquals(0, gateways.received().size());
        assertTrue(realm.admin().users().search("+4915177770202", true).isEmpty());
    }

    private List<String> journeyOfNobody() {
        BrowserSession.startOver(realm, driver);
        return journey("+4915199999990");
    }

    /**
     * The pages one person sees: the code page, a resend within the cooldown, then wrong codes
     * until the code is dead, and the right-looking code after that; texts with the number's
     * last digits blanked so that two numbers can be compared.
     */
    private List<String> journey(String number) {
        oauth.openLoginForm();
        phonePage.submitNumber(number);
        List<String> pages = new ArrayList<>();
        pages.add(text());
        codePage.resend();
        pages.add(text());
        for (int attempt = 0; attempt < 5; attempt++) {
            codePage.submitCode("00000" + attempt);
            pages.add(text());
        }
        return pages;
    }

    private String text() {
        assertTrue(codePage.isCurrent(), codePage.pageText());
        return codePage.pageText().replaceAll("\\+49 \\*\\*\\* \\*\\*\\* \\d\\d", "+49 *** *** ##").replaceAll("\\d+ seconds", "N seconds");
    }
}
