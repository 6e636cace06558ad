package io.github.otpverification.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The committed OpenAPI document describes exactly the API the resource implements. */
class OpenApiDocumentTest {

    private final JsonNode document = read();

    @Test
    void listsExactlyTheImplementedPathsAndMethods() {
        Set<String> implemented = new TreeSet<>();
        for (Method method : VerificationResource.class.getDeclaredMethods()) {
            Path path = method.getAnnotation(Path.class);
            String verb = method.isAnnotationPresent(GET.class) ? "get" : method.isAnnotationPresent(POST.class) ? "post"
                    : method.isAnnotationPresent(PUT.class) ? "put" : method.isAnnotationPresent(DELETE.class) ? "delete" : null;
            if (path != null && verb != null && !path.value().startsWith("{unknown")) { // the 404/405 catch-all
                implemented.add(verb + " /" + path.value());
            }
        }
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(verb -> documented.add(verb + " " + path.getKey()));
        }

        assertEquals(implemented, documented);
    }

    @Test
    void listsExactlyTheErrorCodesTheApiAnswers() {
        Set<String> implemented = Arrays.stream(ApiError.values()).map(ApiError::code).collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>();
        document.at("/components/schemas/Error/properties/error/enum").forEach(code -> documented.add(code.asText()));

        assertEquals(implemented, documented);
    }

    @Test
    void everyErrorCodeIsNamedUnderTheStatusItComesWith() {
        String operations = document.get("paths").toString();
        for (ApiError error : ApiError.values()) {
            assertTrue(operations.contains("\"" + error.status() + "\":{\"description\":\"")
                            && responsesWithStatus(error.status()).contains("`" + error.code() + "`"),
                    error.code() + " must be documented under " + error.status());
        }
    }

    @Test
    void servedDocumentIsTheCommittedOne() throws IOException {
        assertEquals(new ObjectMapper().readTree(Files.readAllBytes(Paths.get("docs/openapi.json"))),
                new ObjectMapper().readTree(OpenApiDocument.load()));
    }

    private String responsesWithStatus(int status) {
        StringBuilder descriptions = new StringBuilder();
        document.get("paths").forEach(path -> path.forEach(operation -> {
            JsonNode response = operation.get("responses").get(Integer.toString(status));
            if (response != null) {
                descriptions.append(response.get("description").asText());
            }
        }));
        return descriptions.toString();
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(Files.readAllBytes(Paths.get("docs/openapi.json")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
