package io.github.otpverification.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The OpenAPI 3 description of this API, packaged from {@code docs/openapi.json}. */
final class OpenApiDocument {

    static final String RESOURCE = "/openapi/openapi.json";

    private OpenApiDocument() {
    }

    static Response response() {
        return Response.ok(load(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    static byte[] load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
