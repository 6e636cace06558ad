package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.github.otpverification.phone.PhoneAttributes;
import io.github.otpverification.testsupport.ApiUsers;
import io.github.otpverification.testsupport.FakeSmsGateways;
import io.github.otpverification.testsupport.OtpServerConfig;
import io.github.otpverification.testsupport.Reply;
import io.github.otpverification.testsupport.VerificationApi;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectHttpServer;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * "Verified" belongs to the number a code confirmed: a number changed any other way (here by an
 * admin) is unverified for every entry point, and its flag is set to false when met.
 */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class PhoneBindingTest {

    @InjectRealm(fromJson = "/realms/verification-api-realm.json")
    ManagedRealm realm;

    @InjectHttpServer
    HttpServer httpServer;

    VerificationApi api;
    ApiUsers users;
    String app;
    FakeSmsGateways gateways;

    @BeforeEach
    void freshStart() {
        gateways = new FakeSmsGateways(httpServer);
        api = new VerificationApi(realm.getBaseUrl());
        users = new ApiUsers(realm);
        app = api.clientToken("app-backend", "backend-secret");
    }

    @Test
    void aNumberChangedByAnAdminAfterItsCodeWasConfirmedIsNoLongerVerified() {
        UserRepresentation user = users.create(ApiUsers.phone("+4915112345631", false));
        String code = api.post("/users/" + user.getId() + "/send-code", app, "{\"channel\": \"sms\", \"returnCode\": true}").text("code");
        assertEquals(200, api.post("/users/" + user.getId() + "/verify-code", app,
                "{\"channel\": \"sms\", \"code\": \"" + code + "\"}").status());
        assertTrue(phone(user).get("verified").asBoolean(), "confirmed by code");
        assertNotNull(users.read(user.getId()).firstAttribute(PhoneAttributes.CONFIRMED_NUMBER),
                "the binding is kept (the realm's user profile shows it to admins only)");

        UserRepresentation changed = users.read(user.getId());
        changed.singleAttribute(PhoneAttributes.PHONE_NUMBER, "+4915112345632"); // the flag stays "true"
        realm.admin().users().get(user.getId()).update(changed);

        assertFalse(phone(user).get("verified").asBoolean(), "the new number was never confirmed");
        assertEquals("false", users.read(user.getId()).firstAttribute(PhoneAttributes.PHONE_NUMBER_VERIFIED),
                "the flag is set to false when met, so the phone_number_verified claim follows");
        Reply login = api.post("/users/" + user.getId() + "/send-code", app, "{\"channel\": \"sms\", \"purpose\": \"login\"}");
        assertEquals(200, login.status(), "a code for the new number may still be asked for (to confirm it)");
        assertEquals("+49 *** *** 32", login.text("destination"));
    }

    @Test
    void aNumberAnAdminSetAsVerifiedForAUserNeverVerifiedHereIsTrusted() {
        UserRepresentation imported = users.create(ApiUsers.phone("+4915112345633", true));

        assertTrue(phone(imported).get("verified").asBoolean());
        Reply already = api.post("/users/" + imported.getId() + "/send-code", app, "{\"channel\": \"sms\"}");
        assertEquals("already_verified", already.error());
        assertEquals(List.of("true"), users.read(imported.getId()).getAttributes().get(PhoneAttributes.PHONE_NUMBER_VERIFIED));
    }

    private com.fasterxml.jackson.databind.JsonNode phone(UserRepresentation user) {
        return api.get("/users/" + user.getId(), app).body().get("phone");
    }
}
