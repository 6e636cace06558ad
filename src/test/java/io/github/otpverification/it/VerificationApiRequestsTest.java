package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.testsupport.ApiUsers;
import io.github.otpverification.testsupport.OtpServerConfig;
import io.github.otpverification.testsupport.Reply;
import io.github.otpverification.testsupport.VerificationApi;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/** Who may call the API, and what a bad request gets: a clear 4xx, never a 500, nothing changed. */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class VerificationApiRequestsTest {

    @InjectRealm(fromJson = "/realms/verification-api-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak masterAdmin;

    VerificationApi api;
    ApiUsers users;
    String app;
    UserRepresentation user;

    @BeforeEach
    void freshStart() {
        api = new VerificationApi(realm.getBaseUrl());
        users = new ApiUsers(realm);
        app = api.clientToken("app-backend", "backend-secret");
        user = users.create();
    }

    @Test
    void noTokenIsUnauthorizedWithABearerChallenge() {
        Reply reply = api.post("/users/" + user.getId() + "/send-code", null, "{\"channel\": \"email\"}");

        assertEquals(401, reply.status());
        assertEquals("unauthorized", reply.error());
        assertTrue(reply.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    void everyAnswerIsOneJsonLine() {
        Reply ok = api.get("/users/" + user.getId(), app);
        Reply error = api.get("/users/" + user.getId(), null);

        assertTrue(ok.raw().endsWith("}\n"), ok.raw());
        assertTrue(error.raw().endsWith("}\n"), error.raw());
    }

    @Test
    void aWrongMethodIsMethodNotAllowedInTheApisShape() {
        Reply reply = api.get("/users/" + user.getId() + "/send-code", app);

        assertEquals(405, reply.status(), reply.toString());
        assertEquals("method_not_allowed", reply.error());
        assertTrue(reply.text("error_description").contains("openapi.json"));
    }

    @Test
    void anUnknownPathIsNotFoundInTheApisShape() {
        for (String path : List.of("/no-such-endpoint", "/users/" + user.getId() + "/nothing/here")) {
            Reply reply = api.get(path, app);

            assertEquals(404, reply.status(), path + ": " + reply);
            assertEquals("not_found", reply.error());
            assertTrue(reply.text("error_description").length() > 10);
        }
    }

    @Test
    void settingsWithoutATokenAreUnauthorizedInTheApisShape() {
        Reply reply = api.get("/settings", null);

        assertEquals(401, reply.status());
        assertEquals("unauthorized", reply.error());
        assertTrue(reply.text("error_description").length() > 10);
        assertTrue(reply.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    void malformedTokenIsUnauthorized() {
        Reply reply = api.get("/users/" + user.getId(), "not.a.token");

        assertEquals(401, reply.status());
        assertEquals("unauthorized", reply.error());
    }

    @Test
    void tokenOfAnotherRealmIsUnauthorized() {
        String masterToken = masterAdmin.tokenManager().getAccessTokenString();

        Reply reply = api.get("/users/" + user.getId(), masterToken);

        assertEquals(401, reply.status());
        assertEquals("unauthorized", reply.error());
    }

    @Test
    void tokenWithoutManageUsersIsForbidden() {
        String noRights = api.clientToken("no-rights", "no-rights-secret");

        Reply reply = api.post("/users/" + user.getId() + "/send-code", noRights, "{\"channel\": \"email\"}");

        assertEquals(403, reply.status());
        assertEquals("forbidden", reply.error());
    }

    @Test
    void aUsersOwnTokenCannotActOnAnotherUser() {
        UserRepresentation other = users.create();
        String own = api.userToken(user.getUsername(), ApiUsers.PASSWORD);

        Reply reply = api.post("/users/" + other.getId() + "/send-code", own, "{\"channel\": \"email\"}");

        assertEquals(403, reply.status());
        assertEquals("forbidden", reply.error());
    }

    @Test
    void unknownUserIsNotFound() {
        Reply reply = api.post("/users/" + UUID.randomUUID() + "/send-code", app, "{\"channel\": \"email\"}");

        assertEquals(404, reply.status());
        assertEquals("user_not_found", reply.error());
    }

    @Test
    void disabledUserGetsNoCode() {
        UserRepresentation disabled = users.create(u -> u.setEnabled(false));

        Reply reply = api.post("/users/" + disabled.getId() + "/send-code", app, "{\"channel\": \"email\", \"returnCode\": true}");

        assertEquals(403, reply.status());
        assertEquals("forbidden", reply.error());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing channel           | {}                                                   | invalid_request",
            "unknown channel           | {\"channel\": \"pigeon\"}                             | invalid_channel",
            "unknown purpose           | {\"channel\": \"email\", \"purpose\": \"party\"}      | invalid_purpose",
            "channel of the wrong type | {\"channel\": 1}                                     | invalid_request",
            "returnCode not a boolean  | {\"channel\": \"email\", \"returnCode\": \"yes\"}     | invalid_request",
            "unknown field             | {\"channel\": \"email\", \"chanel\": \"sms\"}         | invalid_request",
            "bad locale                | {\"channel\": \"email\", \"locale\": \"<script>\"}    | invalid_request",
            "relative urlTemplate      | {\"channel\": \"email\", \"urlTemplate\": \"/v/{code}\"} | invalid_url_template",
            "unknown placeholder       | {\"channel\": \"email\", \"urlTemplate\": \"https://app.example.com/{secret}\"} | invalid_url_template",
            "not an object             | [1, 2]                                               | invalid_request",
            "malformed JSON            | {\"channel\": \"email\"                               | invalid_request"})
    void badSendBodiesAreRefused(String name, String body, String error) {
        Reply reply = api.post("/users/" + user.getId() + "/send-code", app, body);

        assertEquals(400, reply.status(), reply.toString());
        assertEquals(error, reply.error());
        assertEquals(0, api.get("/users/" + user.getId(), app).body().get("pending").size(), "nothing may be sent");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "code as a number | {\"channel\": \"email\", \"code\": 123456} | invalid_request",
            "missing code     | {\"channel\": \"email\"}                 | invalid_request",
            "empty code       | {\"channel\": \"email\", \"code\": \"\"}  | invalid_request"})
    void badVerifyBodiesAreRefused(String name, String body, String error) {
        Reply reply = api.post("/users/" + user.getId() + "/verify-code", app, body);

        assertEquals(400, reply.status(), reply.toString());
        assertEquals(error, reply.error());
    }

    @Test
    void nonJsonContentTypeIsRefused() {
        Reply reply = api.send("POST", "/users/" + user.getId() + "/send-code", app, "text/plain",
                "{\"channel\": \"email\"}".getBytes(StandardCharsets.UTF_8));

        assertEquals(415, reply.status(), reply.toString());
        assertEquals("invalid_request", reply.error());
    }

    @Test
    void oneMegabyteBodyIsRefused() {
        byte[] huge = ("{\"channel\": \"email\", \"locale\": \"" + "a".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        Reply reply = api.send("POST", "/users/" + user.getId() + "/send-code", app, "application/json", huge);

        assertTrue(reply.status() == 413, reply.toString());
        assertEquals("invalid_request", reply.error());
        assertEquals(0, api.get("/users/" + user.getId(), app).body().get("pending").size());
    }

    @Test
    void returnCodeIsNotForSelfService() {
        String own = api.userToken(user.getUsername(), ApiUsers.PASSWORD);

        Reply reply = api.post("/me/send-code", own, "{\"channel\": \"email\", \"returnCode\": true}");

        assertEquals(400, reply.status());
        assertEquals("invalid_request", reply.error());
    }

    @Test
    void verifyWithoutAnyCodeSentIsNoPendingCode() {
        Reply reply = api.post("/users/" + user.getId() + "/verify-code", app, "{\"channel\": \"sms\", \"code\": \"123456\"}");

        assertEquals(404, reply.status());
        assertEquals("no_pending_code", reply.error());
    }
}
