package io.github.otpverification.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.settings.SettingsArbitraries;
import io.github.otpverification.testsupport.AttributeRealm;
import io.github.otpverification.testsupport.JsonArbitraries;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/**
 * {@code PUT /settings} with any body: the stored settings change to valid ones, or the answer is
 * {@code 400 invalid_request} (413 over the size cap) and nothing changes; what {@code GET} answers,
 * {@code PUT} takes back unchanged. Runs the endpoint's own code on a realm that is only its
 * attributes, without the admin-console tab (declarative-ui off).
 */
class SettingsDocumentPropertiesTest {

    private static final List<String> FIELDS = fieldNames();

    @Property(tries = 300)
    void anyBodyUpdatesToValidSettingsOrChangesNothing(@ForAll("bodies") byte[] body, @ForAll("settings") RealmOtpSettings current)
            throws IOException {
        RealmModel realm = AttributeRealm.with(Map.of(RealmOtpSettings.REALM_ATTRIBUTE, JsonSerialization.writeValueAsString(current)));
        SettingsDocument document = new SettingsDocument(sessionWithoutSettingsTab(), realm);

        RealmOtpSettings updated;
        try {
            updated = document.update("application/json", new ByteArrayInputStream(body));
        } catch (ApiException refused) {
            assertEquals(ApiError.INVALID_REQUEST, refused.error());
            assertEquals(body.length > JsonBody.MAX_BYTES ? 413 : 400, refused.status(), refused.getMessage());
            assertEquals(current, document.read(), "nothing changes");
            Object field = refused.fields().get("field");
            assertTrue(field == null || FIELDS.contains(field), String.valueOf(field));
            return;
        }
        assertEquals(updated, document.read());
        SettingsArbitraries.assertWithinBounds(updated);
    }

    @Property(tries = 300)
    void whatGetAnswersPutTakesBackUnchanged(@ForAll("settings") RealmOtpSettings stored, @ForAll("settings") RealmOtpSettings current)
            throws IOException {
        RealmModel realm = AttributeRealm.with(Map.of(RealmOtpSettings.REALM_ATTRIBUTE, JsonSerialization.writeValueAsString(current)));
        SettingsDocument document = new SettingsDocument(sessionWithoutSettingsTab(), realm);

        RealmOtpSettings answered = document.update("application/json",
                new ByteArrayInputStream(JsonSerialization.writeValueAsBytes(stored)));

        assertEquals(stored, answered);
        assertEquals(stored, document.read());
    }

    @Provide
    Arbitrary<RealmOtpSettings> settings() {
        return SettingsArbitraries.settings();
    }

    /** Valid documents, some with a field changed to anything, and any bytes. */
    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> valid = settings().map(settings -> JsonArbitraries.bytes(JsonSerialization.mapper.valueToTree(settings)));
        Arbitrary<byte[]> changed = Combinators.combine(settings(), Arbitraries.of(FIELDS), JsonArbitraries.values(FIELDS))
                .as((settings, field, value) -> {
                    ObjectNode json = JsonSerialization.mapper.valueToTree(settings);
                    json.set(field, value);
                    return JsonArbitraries.bytes(json);
                });
        return Arbitraries.frequencyOf(Tuple.of(2, valid), Tuple.of(3, changed), Tuple.of(2, JsonArbitraries.bodies(FIELDS)));
    }

    /** A session whose factory has no settings tab, as with declarative-ui off. */
    private static KeycloakSession sessionWithoutSettingsTab() {
        KeycloakSessionFactory factory = (KeycloakSessionFactory) Proxy.newProxyInstance(KeycloakSessionFactory.class.getClassLoader(),
                new Class<?>[] {KeycloakSessionFactory.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProviderFactory")) {
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return (KeycloakSession) Proxy.newProxyInstance(KeycloakSession.class.getClassLoader(), new Class<?>[] {KeycloakSession.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getKeycloakSessionFactory")) {
                        return factory;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        JsonSerialization.mapper.valueToTree(RealmOtpSettings.DEFAULTS).fieldNames().forEachRemaining(names::add);
        return List.copyOf(names);
    }
}
