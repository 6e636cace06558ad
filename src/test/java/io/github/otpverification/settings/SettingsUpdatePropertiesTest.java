package io.github.otpverification.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.otpverification.testsupport.AttributeRealm;
import io.github.otpverification.testsupport.JsonArbitraries;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;

/**
 * A settings update is either valid settings, every field within its bounds, or an
 * {@link SettingsUpdate.InvalidField} naming the field; valid settings come back unchanged from
 * the realm attribute and from a {@code GET}-then-{@code PUT}; and whatever the attribute holds,
 * reading it gives settings, never an exception.
 */
@StatisticsReport(onFailureOnly = true)
class SettingsUpdatePropertiesTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> FIELDS = fieldNames();
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    @Property(tries = 800)
    void anyDocumentIsValidSettingsOrAnInvalidFieldNamingIt(@ForAll("documents") JsonNode update,
                                                          @ForAll("settings") RealmOtpSettings current) {
        Statistics.label("outcome").coverage(coverage -> coverage.check("valid").percentage(p -> p >= 10));
        RealmOtpSettings updated;
        try {
            updated = SettingsUpdate.apply(current, update);
        } catch (SettingsUpdate.InvalidField refused) {
            Statistics.label("outcome").collect("invalid field");
            assertNotNull(refused.getMessage());
            if (update.isObject()) {
                assertTrue(update.has(refused.field()), refused.field() + " is not a field of " + update);
            } else {
                assertNull(refused.field());
            }
            return;
        }
        Statistics.label("outcome").collect("valid");
        SettingsArbitraries.assertWithinBounds(updated);
    }

    @Property(tries = 1000)
    void aValidUpdateChangesItsFieldsAndKeepsTheOthers(@ForAll("settings") RealmOtpSettings current,
                                                       @ForAll("settings") RealmOtpSettings wanted,
                                                       @ForAll("fieldSubsets") Set<String> fields) {
        ObjectNode all = JsonSerialization.mapper.valueToTree(wanted);
        ObjectNode update = all.deepCopy().retain(fields);

        RealmOtpSettings updated = SettingsUpdate.apply(current, update);

        ObjectNode before = JsonSerialization.mapper.valueToTree(current);
        ObjectNode after = JsonSerialization.mapper.valueToTree(updated);
        for (String field : FIELDS) {
            assertEquals(fields.contains(field) ? all.get(field) : before.get(field), after.get(field), field);
        }
    }

    @Property(tries = 1000)
    void whatGetAnswersPutAcceptsUnchanged(@ForAll("settings") RealmOtpSettings settings, @ForAll("settings") RealmOtpSettings current) {
        assertEquals(settings, SettingsUpdate.apply(current, JsonSerialization.mapper.valueToTree(settings)));
    }

    @Property(tries = 1000)
    void savedSettingsAreReadBackUnchanged(@ForAll("settings") RealmOtpSettings settings) {
        RealmModel realm = AttributeRealm.empty();

        settings.save(realm);

        assertEquals(settings, RealmOtpSettings.of(realm));
    }

    @Property(tries = 800)
    void whateverTheAttributeHoldsReadingItGivesSettings(@ForAll("attributes") String attribute) {
        RealmOtpSettings settings = RealmOtpSettings.of(AttributeRealm.with(Map.of(RealmOtpSettings.REALM_ATTRIBUTE, attribute)));

        assertNotNull(settings);
        assertNotNull(settings.codePolicy(), "out-of-range stored values fall back to the default policy");
        assertNotNull(settings.smsAllowedCountries());
        assertNotNull(settings.urlTemplateOrigins());
    }

    @Provide
    Arbitrary<RealmOtpSettings> settings() {
        return SettingsArbitraries.settings();
    }

    @Provide
    Arbitrary<Set<String>> fieldSubsets() {
        return Arbitraries.of(FIELDS).set();
    }

    /** Valid updates with a field or two changed to anything, added or removed; and any JSON at all. */
    @Provide
    Arbitrary<JsonNode> documents() {
        Arbitrary<ObjectNode> valid = Combinators.combine(SettingsArbitraries.settings(), fieldSubsets())
                .as((settings, fields) -> JsonSerialization.mapper.<ObjectNode>valueToTree(settings).retain(fields));
        Arbitrary<JsonNode> anyValue = Arbitraries.oneOf(JsonArbitraries.values(FIELDS), boundaryValues());
        Arbitrary<UnaryOperator<ObjectNode>> change = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(FIELDS), anyValue).as((name, value) -> body -> body.set(name, value)),
                Combinators.combine(JsonArbitraries.awkwardText(), anyValue).as((name, value) -> body -> body.set(name, value)));
        Arbitrary<JsonNode> changed = Combinators.combine(valid, change.list().ofMaxSize(2)).as((body, changes) -> {
            ObjectNode copy = body.deepCopy();
            changes.forEach(c -> c.apply(copy));
            return copy;
        });
        return Arbitraries.frequencyOf(Tuple.of(4, changed), Tuple.of(1, JsonArbitraries.objects(FIELDS).map(JsonNode.class::cast)),
                Tuple.of(1, JsonArbitraries.values(FIELDS)));
    }

    /** Values at and just past the bounds, and lists that almost fit. */
    private static Arbitrary<JsonNode> boundaryValues() {
        Arbitrary<JsonNode> numbers = Arbitraries.of(-1, 0, 1, 3, 4, 10, 11, 19, 20, 21, 29, 30, 3600, 3601, 86400, 86401, 1_000_000,
                1_000_001, Integer.MAX_VALUE, Integer.MIN_VALUE).map(NODES::numberNode);
        Arbitrary<JsonNode> others = Arbitraries.of(NODES.numberNode(6.0), NODES.numberNode(6.5), NODES.numberNode(1L << 40),
                NODES.textNode("6"), NODES.textNode(" DIGITS "), NODES.textNode("Alphanumeric"), NODES.textNode("hex"),
                NODES.textNode("true"), NODES.arrayNode().add("de"), NODES.arrayNode().add("DE").add("DE"), NODES.arrayNode().add("XK"),
                NODES.arrayNode().add("https://app.example.com/"), NODES.arrayNode().add("https://user@app.example.com"),
                NODES.arrayNode().add("HTTPS://App.Example.com:8443"), NODES.arrayNode().add("https://app.example.com?x"),
                NODES.arrayNode().add("ftp://app.example.com"), NODES.arrayNode().add("https://[::1]:8443"),
                NODES.arrayNode().add("https://exa mple.com"), NODES.arrayNode().addNull());
        Arbitrary<JsonNode> longLists = Arbitraries.integers().between(99, 102).map(size -> {
            var list = NODES.arrayNode();
            new ArrayList<>(COUNTRIES).stream().sorted().limit(size).forEach(list::add);
            return list;
        });
        return Arbitraries.oneOf(numbers, others, longLists);
    }

    /** What a realm attribute might hold: our document, damaged or not, other JSON, junk. */
    @Provide
    Arbitrary<String> attributes() {
        Arbitrary<String> ours = documents().map(json -> new String(JsonArbitraries.bytes(json), StandardCharsets.UTF_8));
        Arbitrary<String> damaged = ours.flatMap(json -> json.isEmpty() ? Arbitraries.just(json)
                : Arbitraries.integers().between(0, json.length() - 1).map(at -> json.substring(0, at)));
        return Arbitraries.frequencyOf(Tuple.of(4, ours), Tuple.of(1, damaged), Tuple.of(1, JsonArbitraries.awkwardText()),
                Tuple.of(1, Arbitraries.of("null", "[]", "\"\"", "0", "true", "{}", "{\"codeLength\": null}", "{\"smsAllowedCountries\": [null]}",
                        "{\"smsAllowedCountries\": \"DE\"}", "{\"codeLength\": \"six\"}", "{\"codeLength\": 1e10}", "{\"codeLength\": 99}",
                        "{\"codeAlphabet\": 7}", "{\"urlTemplateOrigins\": {}}", "{\"requireEmailBeforePhone\": \"yes\"}")));
    }

    private static List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        JsonSerialization.mapper.valueToTree(RealmOtpSettings.DEFAULTS).fieldNames().forEachRemaining(names::add);
        return List.copyOf(names);
    }
}
