package io.github.otpverification.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.keycloak.util.JsonSerialization;

/**
 * A request body read defensively: JSON content type only, at most {@value #MAX_BYTES} bytes, an
 * object with no fields but the expected ones, each of the expected type. Anything else is an
 * {@code invalid_request} naming what is wrong, before anything is changed.
 */
final class JsonBody {

    static final int MAX_BYTES = 16 * 1024;

    private final ObjectNode json;

    private JsonBody(ObjectNode json) {
        this.json = json;
    }

    static JsonBody read(String contentType, InputStream stream, Set<String> allowedFields) {
        if (contentType == null || !isJson(contentType)) {
            throw ApiException.withStatus(ApiError.INVALID_REQUEST, 415, "The body must be JSON (Content-Type: application/json).");
        }
        byte[] bytes = readCapped(stream);
        JsonNode parsed;
        try {
            parsed = bytes.length == 0 ? null : JsonSerialization.mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw ApiError.INVALID_REQUEST.because("The body is not valid JSON.");
        } catch (IOException e) {
            throw ApiError.INVALID_REQUEST.because("The body could not be read.");
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw ApiError.INVALID_REQUEST.because("The body must be a JSON object.");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedFields.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw ApiError.INVALID_REQUEST.because("Unknown field(s): " + String.join(", ", unknown) + ".");
        }
        return new JsonBody(object);
    }

    /** A string field, or null when absent or JSON null; over-long or non-string values are refused. */
    String string(String field, int maxLength) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiError.INVALID_REQUEST.because("'" + field + "' must be a string.");
        }
        String text = value.textValue();
        if (text.length() > maxLength) {
            throw ApiError.INVALID_REQUEST.because("'" + field + "' is longer than " + maxLength + " characters.");
        }
        return text;
    }

    String requiredString(String field, int maxLength) {
        String value = string(field, maxLength);
        if (value == null || value.isBlank()) {
            throw ApiError.INVALID_REQUEST.because("'" + field + "' is required.");
        }
        return value;
    }

    boolean bool(String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ApiError.INVALID_REQUEST.because("'" + field + "' must be true or false.");
        }
        return value.booleanValue();
    }

    JsonNode asNode() {
        return json;
    }

    private static boolean isJson(String contentType) {
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }

    private static byte[] readCapped(InputStream stream) {
        if (stream == null) {
            return new byte[0];
        }
        try {
            byte[] bytes = stream.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw ApiException.withStatus(ApiError.INVALID_REQUEST, 413, "The body is larger than " + MAX_BYTES + " bytes.");
            }
            return bytes;
        } catch (IOException e) {
            throw ApiError.INVALID_REQUEST.because("The body could not be read.");
        }
    }
}
