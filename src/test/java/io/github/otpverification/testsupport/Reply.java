package io.github.otpverification.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpHeaders;

/**
 * One HTTP answer as the tests and the benchmark read it ({@link Http}): status, headers, the body
 * as sent ({@link #raw()}) and, when it is JSON, as JSON ({@link #body()}).
 */
public final class Reply {

    private final int status;
    private final String raw;
    private final HttpHeaders headers;
    private JsonNode json;

    public Reply(int status, String raw, HttpHeaders headers) {
        this.status = status;
        this.raw = raw;
        this.headers = headers;
    }

    public int status() {
        return status;
    }

    /** The body as sent ("" when there is none). */
    public String raw() {
        return raw == null ? "" : raw;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** The body as JSON: null when there is none, a text node when it is not JSON. */
    public JsonNode body() {
        if (json == null && !raw().isBlank()) {
            try {
                json = Http.JSON.readTree(raw);
            } catch (IOException notJson) {
                json = Http.JSON.getNodeFactory().textNode(raw);
            }
        }
        return json;
    }

    /** The body as JSON; fails when it is not. */
    public JsonNode json() {
        JsonNode body = body();
        if (body == null || !body.isContainerNode()) {
            throw new IllegalStateException("not JSON (" + status + "): " + abbreviated());
        }
        return body;
    }

    /** The {@code error} field of a JSON error answer, or null. */
    public String error() {
        return text("error");
    }

    /** A field of the JSON body as text, or null when it is missing or null. */
    public String text(String field) {
        JsonNode body = body();
        return body == null || !body.has(field) || body.get(field).isNull() ? null : body.get(field).asText();
    }

    /** The {@code Location} header, or "". */
    public String location() {
        return headers.firstValue("Location").orElse("");
    }

    /** This answer if it has the expected status; otherwise fails, naming {@code what} was asked. */
    public Reply expect(int expected, String what) {
        if (status != expected) {
            throw new IllegalStateException(what + ": expected " + expected + ", got " + status + " " + abbreviated());
        }
        return this;
    }

    private String abbreviated() {
        return raw().substring(0, Math.min(300, raw().length()));
    }

    @Override
    public String toString() {
        return status + " " + body();
    }
}
