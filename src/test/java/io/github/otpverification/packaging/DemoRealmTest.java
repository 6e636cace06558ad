package io.github.otpverification.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The demo realm declares the phone attributes in its user profile, as the docs tell admins to. */
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
}
