package io.github.otpverification.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the demo realm file promises: the phone attributes in its user profile (as the docs tell
 * admins to), default roles for every imported user (of every realm file the project ships or
 * tests with), the settings admin client, the demo limits the README states and the reset flow
 * with a code.
 */
class DemoRealmTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void userProfileDeclaresPhoneNumberAndItsVerifiedFlagForAdminsOnlyToEdit() throws IOException {
        JsonNode realm = json.readTree(Path.of("demo", "demo-realm.json").toFile());
        String config = realm.at("/components/org.keycloak.userprofile.UserProfileProvider/0/config/kc.user.profile.config/0").asText();
        JsonNode attributes = json.readTree(config).path("attributes");

        JsonNode phone = find(attributes, "phoneNumber");
        JsonNode verified = find(attributes, "phoneNumberVerified");
        assertEquals("[\"admin\"]", verified.at("/permissions/edit").toString(), "users may not edit phoneNumberVerified");
        assertEquals("[\"admin\"]", phone.at("/permissions/edit").toString(), "only a confirmed code changes the number");
        assertTrue(phone.at("/permissions/view").toString().contains("user"));
    }

    @Test
    void demoRegistersOurRequiredActionsAndVerifiesEmailByCodeBeforeTheLinkAction() throws IOException {
        JsonNode realm = json.readTree(Path.of("demo", "demo-realm.json").toFile());
        assertTrue(enabledPriority(realm, "VERIFY_PHONE_NUMBER") > 0);
        assertTrue(enabledPriority(realm, "VERIFY_EMAIL_CODE") < enabledPriority(realm, "VERIFY_EMAIL"),
                "the code action runs first, so Keycloak's link action finds the address verified");
    }

    private static int enabledPriority(JsonNode realm, String alias) {
        for (JsonNode action : realm.path("requiredActions")) {
            if (alias.equals(action.path("alias").asText()) && action.path("enabled").asBoolean()) {
                return action.path("priority").asInt();
            }
        }
        throw new AssertionError(alias + " not enabled");
    }

    private static JsonNode find(JsonNode attributes, String name) {
        for (JsonNode attribute : attributes) {
            if (name.equals(attribute.path("name").asText())) {
                return attribute;
            }
        }
        throw new AssertionError(name + " not declared");
    }

    @Test
    void everyImportedUserOfEveryRealmFileHasItsRealmsDefaultRoles() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Path.of("demo", "demo-realm.json")));
        try (Stream<Path> tests = Files.list(Path.of("src", "test", "resources", "realms"))) {
            tests.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        int users = 0;
        for (Path file : files) {
            JsonNode realm = json.readTree(file.toFile());
            String defaultRoles = "default-roles-" + realm.path("realm").asText();
            assertTrue(!realm.has("roles") || realm.toString().contains("\"" + defaultRoles + "\""),
                    file + " defines roles but not " + defaultRoles + " (Keycloak creates it only when the file has none)");
            for (JsonNode user : realm.path("users")) {
                users++;
                assertTrue(user.path("realmRoles").toString().contains("\"" + defaultRoles + "\""),
                        file + ": user " + user.path("username").asText() + " lacks " + defaultRoles
                                + " (an import maps no roles; the account console then fails)");
            }
        }
        assertTrue(users >= 20, "found only " + users + " users: are the realm files still there?");
    }

    @Test
    void demoHasAnUnverifiedUserAndASettingsAdminClient() throws IOException {
        JsonNode realm = json.readTree(Path.of("demo", "demo-realm.json").toFile());
        JsonNode carla = user(realm, "carla");
        assertEquals("carla@example.com", carla.path("email").asText());
        assertFalse(carla.path("emailVerified").asBoolean(true), "the README's REST examples verify carla's address");
        JsonNode admin = user(realm, "service-account-demo-admin");
        assertEquals("[\"manage-realm\"]", admin.at("/clientRoles/realm-management").toString());
    }

    @Test
    void demoLimitsAreTheOnesTheReadmeStates() throws IOException {
        JsonNode realm = json.readTree(Path.of("demo", "demo-realm.json").toFile());
        JsonNode settings = json.readTree(realm.at("/attributes/otpVerification.settings").asText());
        assertEquals(10, settings.path("resendCooldownSeconds").asInt());
        assertEquals(100, settings.path("maxSendsPerUserPerHour").asInt());
        assertEquals(100, settings.path("maxSendsPerDestinationPerHour").asInt());
        assertEquals(300, settings.path("maxSendsPerIpPerHour").asInt());
        assertEquals(1000, settings.path("maxSmsPerRealmPerHour").asInt());
        String readme = Files.readString(Path.of("README.md"));
        assertTrue(readme.contains("a **10-second** resend cooldown, and hourly caps\nof **100** codes per user, **100** per address or number, **300** SMS per client IP and **1000** SMS"),
                "the README's demo section states the demo limits");
        for (JsonNode config : realm.path("authenticatorConfig")) {
            assertFalse(config.path("config").has("resendCooldownSeconds"),
                    "the demo's steps take the code options from the realm settings: " + config.path("alias").asText());
        }
    }

    @Test
    void registrationVerifiesTheAddressBeforeThePasswordIsSet() throws IOException {
        JsonNode realm = json.readTree(Path.of("demo", "demo-realm.json").toFile());
        assertTrue(enabledPriority(realm, "VERIFY_EMAIL_CODE") < enabledPriority(realm, "UPDATE_PASSWORD"),
                "Keycloak 26.7 asks a new user for the password after the address is verified");
    }

    @Test
    void forgotPasswordSendsAnSmsCodeToVerifiedPhonesAndAnEmailCodeToEveryoneElse() throws IOException {
        JsonNode realm = json.readTree(Path.of("demo", "demo-realm.json").toFile());
        assertTrue(realm.path("resetPasswordAllowed").asBoolean(), "the login page offers 'Forgot Password?'");

        List<JsonNode> reset = executions(realm, realm.path("resetCredentialsFlow").asText());
        assertEquals(List.of("reset-credentials-choose-user REQUIRED", "[reset code] REQUIRED", "reset-password REQUIRED",
                "[reset with a code - conditional otp] CONDITIONAL"), reset.stream().map(DemoRealmTest::describe).toList());
        List<JsonNode> code = executions(realm, "reset code");
        assertEquals(List.of("[reset code by sms] CONDITIONAL", "[reset code by email] CONDITIONAL"),
                code.stream().map(DemoRealmTest::describe).toList());
        assertEquals(List.of("conditional-user-configured REQUIRED", "sms-otp-form REQUIRED"),
                executions(realm, "reset code by sms").stream().map(DemoRealmTest::describe).toList());
        List<JsonNode> byEmail = executions(realm, "reset code by email");
        assertEquals(List.of("conditional-sub-flow-executed REQUIRED", "email-otp-form REQUIRED"),
                byEmail.stream().map(DemoRealmTest::describe).toList());
        JsonNode condition = config(realm, byEmail.get(0).path("authenticatorConfig").asText());
        assertEquals("reset code by sms", condition.path("flow_to_check").asText(), "email when the SMS sub-flow did not run");
        assertEquals("not-executed", condition.path("check_result").asText());
        assertEquals(List.of("conditional-user-configured REQUIRED", "reset-otp REQUIRED"),
                executions(realm, "reset with a code - conditional otp").stream().map(DemoRealmTest::describe).toList(),
                "Keycloak's own OTP reset after the new password, as in its default flow");
    }

    /** Keycloak ignores ALTERNATIVE steps next to REQUIRED or CONDITIONAL ones (it only logs a warning). */
    @Test
    void noDemoFlowMixesAlternativesWithRequiredSteps() throws IOException {
        JsonNode realm = json.readTree(Path.of("demo", "demo-realm.json").toFile());
        for (JsonNode flow : realm.path("authenticationFlows")) {
            List<String> requirements = executions(realm, flow.path("alias").asText()).stream()
                    .map(e -> e.path("requirement").asText()).distinct().toList();
            assertFalse(requirements.contains("ALTERNATIVE") && (requirements.contains("REQUIRED") || requirements.contains("CONDITIONAL")),
                    flow.path("alias").asText() + ": " + requirements);
        }
    }

    private static List<JsonNode> executions(JsonNode realm, String alias) {
        for (JsonNode flow : realm.path("authenticationFlows")) {
            if (alias.equals(flow.path("alias").asText())) {
                List<JsonNode> executions = new ArrayList<>();
                flow.path("authenticationExecutions").forEach(executions::add);
                executions.sort(java.util.Comparator.comparingInt(e -> e.path("priority").asInt()));
                return executions;
            }
        }
        throw new AssertionError("no flow " + alias);
    }

    private static String describe(JsonNode execution) {
        String step = execution.path("authenticatorFlow").asBoolean() ? "[" + execution.path("flowAlias").asText() + "]"
                : execution.path("authenticator").asText();
        return step + " " + execution.path("requirement").asText();
    }

    private static JsonNode config(JsonNode realm, String alias) {
        for (JsonNode config : realm.path("authenticatorConfig")) {
            if (alias.equals(config.path("alias").asText())) {
                return config.path("config");
            }
        }
        throw new AssertionError("no config " + alias);
    }

    private static JsonNode user(JsonNode realm, String username) {
        for (JsonNode user : realm.path("users")) {
            if (username.equals(user.path("username").asText())) {
                return user;
            }
        }
        throw new AssertionError("no user " + username);
    }
}
