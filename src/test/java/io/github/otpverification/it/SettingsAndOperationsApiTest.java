package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.testsupport.ApiUsers;
import io.github.otpverification.testsupport.OtpServerConfig;
import io.github.otpverification.testsupport.RealmEvents;
import io.github.otpverification.testsupport.VerificationApi;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.otpverification.testsupport.Reply;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.ComponentRepresentation;
import org.keycloak.representations.idm.ComponentTypeRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/** Realm settings (REST and admin-console tab), the OpenAPI document and the metrics. */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class SettingsAndOperationsApiTest {

    private static final String TAB_TYPE = "org.keycloak.services.ui.extend.UiTabProvider";

    @InjectRealm(fromJson = "/realms/verification-api-realm.json")
    ManagedRealm realm;

    @InjectAdminClient
    Keycloak masterAdmin;

    @InjectMailServer
    MailServer mail;

    VerificationApi api;
    String admin;
    String original;

    @BeforeEach
    void freshStart() {
        api = new VerificationApi(realm.getBaseUrl());
        admin = api.clientToken("settings-admin", "settings-secret");
        original = api.get("/settings", admin).body().toString();
        realm.cleanup().add(r -> api.put("/settings", api.clientToken("settings-admin", "settings-secret"), original));
    }

    @Test
    void settingsNeedManageRealm() {
        Reply reply = api.get("/settings", api.clientToken("app-backend", "backend-secret"));

        assertEquals(403, reply.status());
        assertEquals("forbidden", reply.error());
    }

    @Test
    void updateChangesOnlyTheGivenFieldsAndTakesEffect() {
        Reply updated = api.put("/settings", admin, "{\"codeLength\": 8, \"smsAllowedCountries\": [\"DE\", \"AT\"]}");

        assertEquals(200, updated.status(), updated.toString());
        assertEquals(8, updated.body().get("codeLength").asInt());
        assertEquals("[\"DE\",\"AT\"]", updated.body().get("smsAllowedCountries").toString());
        assertEquals(300, updated.body().get("ttlSeconds").asInt(), "fields not sent keep their value");
        UserRepresentation user = new ApiUsers(realm).create();
        Reply sent = api.post("/users/" + user.getId() + "/send-code", api.clientToken("app-backend", "backend-secret"),
                "{\"channel\": \"email\", \"returnCode\": true}");
        assertTrue(sent.text("code").matches("\\d{8}"), sent.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "codeLength       | {\"codeLength\": 3}",
            "codeAlphabet     | {\"codeAlphabet\": \"hex\"}",
            "ttlSeconds       | {\"ttlSeconds\": 10}",
            "maxAttempts      | {\"maxAttempts\": 0}",
            "resendCooldownSeconds | {\"resendCooldownSeconds\": 3601}",
            "maxSendsPerUserPerHour | {\"maxSendsPerUserPerHour\": -1}",
            "maxSmsPerRealmPerHour | {\"maxSmsPerRealmPerHour\": 1.5}",
            "codeLength       | {\"codeLength\": \"6\"}",
            "smsAllowedCountries | {\"smsAllowedCountries\": [\"XX\"]}",
            "requireEmailBeforePhone | {\"requireEmailBeforePhone\": \"yes\"}",
            "urlTemplateOrigins | {\"urlTemplateOrigins\": [\"https://app.example.com/path\"]}",
            "maxAuthAgeSeconds | {\"maxAuthAgeSeconds\": 86401}",
            "ttlSeconds       | {\"codeLength\": 8, \"ttlSeconds\": 5}"})
    void invalidFieldIsNamedAndNothingChanges(String field, String body) {
        Reply reply = api.put("/settings", admin, body);

        assertEquals(400, reply.status(), reply.toString());
        assertEquals("invalid_request", reply.error());
        assertEquals(field, reply.text("field"));
        assertTrue(reply.text("error_description").contains(field), reply.text("error_description"));
        assertEquals(original, api.get("/settings", admin).body().toString());
    }

    @Test
    void unknownSettingIsRefused() {
        Reply reply = api.put("/settings", admin, "{\"codeLenght\": 8}");

        assertEquals(400, reply.status());
        assertEquals("invalid_request", reply.error());
        assertEquals(original, api.get("/settings", admin).body().toString());
    }

    @Test
    void acceptedUpdateIsAuditedAsAnAdminEvent() throws IOException {
        Reply refused = api.put("/settings", admin, "{\"maxAttempts\": 0}");
        Reply updated = api.put("/settings", admin, "{\"maxAttempts\": 7}");

        assertEquals(400, refused.status(), refused.toString());
        assertEquals(200, updated.status(), updated.toString());
        AdminEventRepresentation event = RealmEvents.awaitAdmin(realm, e -> "verification/settings".equals(e.getResourcePath())
                && e.getRepresentation() != null && e.getRepresentation().contains("\"maxAttempts\":7"), "admin event of the update");
        assertEquals("UPDATE", event.getOperationType());
        assertEquals("REALM", event.getResourceType());
        assertEquals(updated.body(), new ObjectMapper().readTree(event.getRepresentation()), "the new document");
        assertEquals(realm.admin().clients().findByClientId("settings-admin").get(0).getId(), event.getAuthDetails().getClientId());
        assertTrue(realm.admin().getAdminEvents().stream().noneMatch(e -> e.getRepresentation() != null
                && e.getRepresentation().contains("\"maxAttempts\":0")), "a refused update changes nothing and is not audited");
    }

    @Test
    void urlTemplateOriginSettingAllowsLinksThere() {
        String app = api.clientToken("app-backend", "backend-secret");
        UserRepresentation user = new ApiUsers(realm).create();
        String body = "{\"channel\": \"email\", \"returnCode\": true, \"urlTemplate\": \"https://links.example.net/{code}\"}";
        assertEquals("invalid_url_template", api.post("/users/" + user.getId() + "/send-code", app, body).error());

        api.put("/settings", admin, "{\"urlTemplateOrigins\": [\"https://links.example.net\"]}");

        assertEquals(200, api.post("/users/" + user.getId() + "/send-code", app, body).status());
    }

    @Test
    void openApiDocumentIsServedWithoutAToken() {
        Reply reply = api.get("/openapi.json", null);

        assertEquals(200, reply.status());
        assertEquals("3.0.3", reply.text("openapi"));
        assertTrue(reply.body().get("paths").has("/users/{userId}/send-code"));
    }

    @Test
    void metricsCountSendsAndConfirmations() throws Exception {
        String app = api.clientToken("app-backend", "backend-secret");
        UserRepresentation user = new ApiUsers(realm).create();
        String series = "{channel=\"email\",purpose=\"registration\",realm=\"otp-api\"}";
        double sentBefore = metric("otp_verification_codes_sent_total", series);
        double verifiedBefore = metric("otp_verification_codes_verified_total", series);

        String code = api.post("/users/" + user.getId() + "/send-code", app,
                "{\"channel\": \"email\", \"purpose\": \"registration\", \"returnCode\": true}").text("code");
        api.post("/users/" + user.getId() + "/verify-code", app,
                "{\"channel\": \"email\", \"purpose\": \"registration\", \"code\": \"" + code + "\"}");

        assertEquals(sentBefore + 1, metric("otp_verification_codes_sent_total", series));
        assertEquals(verifiedBefore + 1, metric("otp_verification_codes_verified_total", series));
        assertTrue(scrape().contains("otp_verification_delivery_seconds_count{"), "the delivery timer must be published");
    }

    @Test
    void adminConsoleTabIsOfferedAndWritesTheSettings() {
        List<ComponentTypeRepresentation> tabs = masterAdmin.serverInfo().getInfo().getComponentTypes().get(TAB_TYPE);
        ComponentTypeRepresentation tab = tabs.stream().filter(t -> t.getId().equals("otp-verification")).findFirst().orElseThrow();
        assertEquals("/:realm/realm-settings/:tab?", tab.getMetadata().get("path"));

        ComponentRepresentation component = new ComponentRepresentation();
        component.setName("OTP verification");
        component.setProviderId("otp-verification");
        component.setProviderType(TAB_TYPE);
        component.setParentId(realm.getId());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle("codeLength", "7");
        config.put("smsAllowedCountries", List.of("FR"));
        component.setConfig(config);
        try (Response created = realm.admin().components().add(component)) {
            String id = CreatedResponseUtil.getCreatedId(created);
            realm.cleanup().add(r -> r.components().component(id).remove());

            assertEquals(7, api.get("/settings", admin).body().get("codeLength").asInt());
            assertEquals("[\"FR\"]", api.get("/settings", admin).body().get("smsAllowedCountries").toString());

            api.put("/settings", admin, "{\"codeLength\": 9}");
            assertEquals("9", realm.admin().components().component(id).toRepresentation().getConfig().getFirst("codeLength"),
                    "a REST update must show in the tab");
        }
    }

    @Test
    void adminConsoleTabRefusesInvalidValues() {
        ComponentRepresentation component = new ComponentRepresentation();
        component.setName("OTP verification");
        component.setProviderId("otp-verification");
        component.setProviderType(TAB_TYPE);
        component.setParentId(realm.getId());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle("codeLength", "99");
        component.setConfig(config);

        try (Response created = realm.admin().components().add(component)) {
            assertEquals(400, created.getStatus());
        }
        assertEquals(original, api.get("/settings", admin).body().toString());
    }

    private static double metric(String name, String series) throws Exception {
        Matcher value = Pattern.compile("(?m)^" + Pattern.quote(name + series) + " (\\S+)$").matcher(scrape());
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }

    private static String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:9000/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertNotNull(response.body());
        return response.body();
    }
}
