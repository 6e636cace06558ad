package io.github.otpverification.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;

/** The settings are declared once ({@link SettingField}); the OpenAPI schema and the docs table follow it. */
class SettingFieldDocsTest {

    @Test
    void openApiSchemaHasEveryFieldWithItsKindBoundsAndDefault() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(Files.readAllBytes(Path.of("docs/openapi.json")))
                .at("/components/schemas/Settings/properties");
        Set<String> documented = new TreeSet<>();
        schema.fieldNames().forEachRemaining(documented::add);
        assertEquals(ids(), documented);
        for (SettingField field : SettingField.values()) {
            JsonNode property = schema.get(field.id());
            switch (field.kind()) {
                case INTEGER -> {
                    assertEquals("integer", property.get("type").asText(), field.id());
                    assertEquals(field.min(), property.get("minimum").asInt(), field.id());
                    assertEquals(field.max(), property.get("maximum").asInt(), field.id());
                    assertEquals(field.defaultValue(), property.get("default").asInt(), field.id());
                }
                case BOOLEAN -> assertEquals(field.defaultValue(), property.get("default").asBoolean(), field.id());
                case ALPHABET -> assertEquals(field.defaultValue(), property.get("default").asText(), field.id());
                case COUNTRIES, ORIGINS -> assertEquals(field.max(), property.get("maxItems").asInt(), field.id());
            }
        }
    }

    @Test
    void docsTableListsEveryFieldWithItsDefaultAndBounds() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("docs/settings.md")).stream().filter(line -> line.startsWith("| `")).toList();
        assertEquals(ids(), rows.stream().map(row -> row.substring(3, row.indexOf('`', 3))).collect(Collectors.toCollection(TreeSet::new)));
        for (SettingField field : SettingField.values()) {
            String row = rows.stream().filter(r -> r.startsWith("| `" + field.id() + "` |")).findFirst().orElse(null);
            assertNotNull(row, field.id());
            String[] cells = row.split("\\|");
            assertEquals("`" + JsonSerialization.writeValueAsString(field.defaultValue()) + "`", cells[2].trim(), field.id());
            if (field.kind() == SettingField.Kind.INTEGER) {
                assertEquals(field.min() + " to " + field.max(), cells[3].trim(), field.id());
            } else if (field.kind() == SettingField.Kind.COUNTRIES || field.kind() == SettingField.Kind.ORIGINS) {
                assertTrue(cells[3].contains("at most " + field.max()), field.id());
            }
        }
    }

    @Test
    void theDefaultDocumentIsTheDeclaredDefaults() throws IOException {
        JsonNode defaults = JsonSerialization.mapper.valueToTree(RealmOtpSettings.DEFAULTS);
        for (SettingField field : SettingField.values()) {
            assertEquals(field.toJson(field.defaultValue()), defaults.get(field.id()), field.id());
        }
        assertEquals(ids().size(), defaults.size());
    }

    private static Set<String> ids() {
        return Arrays.stream(SettingField.values()).map(SettingField::id).collect(Collectors.toCollection(TreeSet::new));
    }
}
