package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.testsupport.ApiUsers;
import io.github.otpverification.testsupport.OtpServerConfig;
import io.github.otpverification.testsupport.VerificationApi;
import io.github.otpverification.testsupport.Reply;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * A browser app calls the API across origins: CORS for the web origins of the token's client
 * (the test realm's {@code spa-app} has {@code https://spa.example.org}), nothing for others.
 */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class ApiCorsTest {

    private static final String SPA = "https://spa.example.org";
    private static final String OTHER = "https://elsewhere.example.net";

    @InjectRealm(fromJson = "/realms/verification-api-realm.json")
    ManagedRealm realm;

    VerificationApi api;
    UserRepresentation user;

    @BeforeEach
    void freshStart() {
        api = new VerificationApi(realm.getBaseUrl(), "spa-app");
        user = new ApiUsers(realm).create();
    }

    @Test
    void preflightFromAClientsWebOriginIsAnsweredOnEveryPath() {
        for (String path : List.of("/me/email", "/me/send-code", "/me", "/users/" + user.getId() + "/send-code", "/settings")) {
            Reply preflight = preflight(path, SPA, "PUT");

            assertEquals(200, preflight.status(), path);
            assertEquals(Optional.of(SPA), preflight.headers().firstValue("Access-Control-Allow-Origin"), path);
            assertEquals(Optional.of("true"), preflight.headers().firstValue("Access-Control-Allow-Credentials"), path);
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("PUT"), path);
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase().contains("authorization"),
                    path);
        }
    }

    @Test
    void preflightFromAnotherOriginGetsNoCorsHeaders() {
        Reply preflight = preflight("/me/email", OTHER, "PUT");

        assertEquals(Optional.empty(), preflight.headers().firstValue("Access-Control-Allow-Origin"));
        assertEquals(Optional.empty(), preflight.headers().firstValue("Access-Control-Allow-Credentials"));
    }

    @Test
    void requestFromTheTokensClientOriginGetsCorsHeaders() {
        String token = api.userToken(user.getUsername(), ApiUsers.PASSWORD);

        Reply reply = api.send("GET", "/me", token, Map.of("Origin", SPA));

        assertEquals(200, reply.status(), reply.toString());
        assertEquals(Optional.of(SPA), reply.headers().firstValue("Access-Control-Allow-Origin"), "the origin, never *");
        assertEquals(Optional.of("true"), reply.headers().firstValue("Access-Control-Allow-Credentials"));
        assertTrue(reply.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("Retry-After"));
    }

    @Test
    void requestFromAnotherOriginIsRefusedWithoutCorsHeaders() {
        String token = api.userToken(user.getUsername(), ApiUsers.PASSWORD);

        Reply reply = api.send("GET", "/me", token, Map.of("Origin", OTHER));

        assertEquals(403, reply.status(), reply.toString());
        assertEquals("forbidden", reply.error());
        assertEquals(Optional.empty(), reply.headers().firstValue("Access-Control-Allow-Origin"));
    }

    @Test
    void originOfAnotherClientDoesNotCountForThisToken() {
        String token = new VerificationApi(realm.getBaseUrl()).userToken(user.getUsername(), ApiUsers.PASSWORD); // user-app

        Reply reply = api.send("GET", "/me", token, Map.of("Origin", SPA));

        assertEquals(403, reply.status(), reply.toString());
        assertEquals(Optional.empty(), reply.headers().firstValue("Access-Control-Allow-Origin"));
    }

    private Reply preflight(String path, String origin, String method) {
        return api.send("OPTIONS", path, null, Map.of("Origin", origin, "Access-Control-Request-Method", method,
                "Access-Control-Request-Headers", "authorization, content-type"));
    }
}
