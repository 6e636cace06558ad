package io.github.otpverification.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.testsupport.DemoRealmCopy;
import io.github.otpverification.testsupport.FlowIds;
import io.github.otpverification.testsupport.OtpServerConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionExportRepresentation;
import org.keycloak.representations.idm.AuthenticationFlowRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RequiredActionProviderRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.util.JsonSerialization;

/** A realm with our flows, step configs, required actions and settings survives export and import. */
@KeycloakIntegrationTest(config = OtpServerConfig.class)
class RealmExportImportTest {

    private static final String IMPORTED = "demo-imported";
    private static final String ROUND_TRIP = "demo-round-trip";

    @InjectAdminClient
    Keycloak admin;

    @AfterEach
    void removeRealms() {
        for (String name : List.of(IMPORTED, ROUND_TRIP)) {
            if (admin.realms().findAll().stream().anyMatch(r -> r.getRealm().equals(name))) {
                admin.realm(name).remove();
            }
        }
    }

    @Test
    void exportedDemoRealmImportsWithItsFlowsConfigsActionsAndSettings() throws IOException {
        RealmRepresentation demo = DemoRealmCopy.read();
        demo.setRealm(IMPORTED);
        admin.realms().create(DemoRealmCopy.withDefaultRoles(demo));

        RealmRepresentation exported = withoutIds(admin.realm(IMPORTED).partialExport(true, true));
        exported.setRealm(ROUND_TRIP);
        admin.realms().create(exported);
        RealmResource copy = admin.realm(ROUND_TRIP);

        assertEquals(executions(demo, "browser with otp forms"), executions(copy.partialExport(false, false), "browser with otp forms"));
        assertTrue(flowsUse(copy.partialExport(false, false), "email-otp-form"), "the Email OTP step must survive");
        assertTrue(flowsUse(copy.partialExport(false, false), "sms-otp-form"), "the SMS OTP step must survive");
        Map<String, Map<String, String>> copiedConfigs = configs(copy.partialExport(false, false));
        configs(demo).forEach((alias, config) -> assertEquals(config, copiedConfigs.get(alias), "config " + alias));
        assertEquals(settings(demo), settings(copy.toRepresentation()));
        for (String action : List.of("VERIFY_PHONE_NUMBER", "VERIFY_EMAIL_CODE")) {
            RequiredActionProviderRepresentation imported = copy.flows().getRequiredAction(action);
            assertTrue(imported.isEnabled(), action + " must stay enabled");
        }
    }

    /**
     * The export as it would go to another server: database ids dropped, because this test imports
     * it next to the original on the same server, where the ids are taken.
     */
    private static RealmRepresentation withoutIds(RealmRepresentation export) throws IOException {
        ObjectNode tree = JsonSerialization.mapper.valueToTree(export);
        FlowIds.renew(tree); // flows keep ids of their own: the clients' flow overrides name them
        Map<String, String> flowIds = new java.util.HashMap<>();
        tree.path("authenticationFlows").forEach(flow -> flowIds.put(flow.path("alias").asText(), flow.path("id").asText()));
        stripIds(tree);
        tree.path("authenticationFlows").forEach(flow -> ((ObjectNode) flow).put("id", flowIds.get(flow.path("alias").asText())));
        return JsonSerialization.mapper.treeToValue(tree, RealmRepresentation.class);
    }

    private static void stripIds(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("id", "containerId", "parentId", "_id"));
            object.forEach(RealmExportImportTest::stripIds);
        } else if (node.isArray()) {
            node.forEach(RealmExportImportTest::stripIds);
        }
    }

    private static List<String> executions(RealmRepresentation realm, String flowAlias) {
        AuthenticationFlowRepresentation flow = realm.getAuthenticationFlows().stream()
                .filter(f -> f.getAlias().equals(flowAlias)).findFirst().orElseThrow(() -> new AssertionError("no flow " + flowAlias));
        return flow.getAuthenticationExecutions().stream()
                .map(e -> (e.getAuthenticator() == null ? e.getFlowAlias() : e.getAuthenticator()) + ":" + e.getRequirement())
                .collect(Collectors.toList());
    }

    private static boolean flowsUse(RealmRepresentation realm, String provider) {
        return realm.getAuthenticationFlows().stream().flatMap(f -> f.getAuthenticationExecutions().stream())
                .map(AuthenticationExecutionExportRepresentation::getAuthenticator).anyMatch(provider::equals);
    }

    private static Map<String, Map<String, String>> configs(RealmRepresentation realm) {
        return realm.getAuthenticatorConfig().stream()
                .collect(Collectors.toMap(AuthenticatorConfigRepresentation::getAlias, c -> new TreeMap<>(c.getConfig()), (a, b) -> a, TreeMap::new));
    }

    private static RealmOtpSettings settings(RealmRepresentation realm) throws IOException {
        String json = realm.getAttributes().get(RealmOtpSettings.REALM_ATTRIBUTE);
        assertTrue(json != null, "the settings attribute must travel with the realm");
        return JsonSerialization.readValue(json, RealmOtpSettings.class);
    }
}
