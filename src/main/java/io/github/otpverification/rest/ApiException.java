package io.github.otpverification.rest;

import java.util.LinkedHashMap;
import java.util.Map;

/** An error answer on its way out: the API's error code, a sentence for a person, optional extra fields. */
public final class ApiException extends RuntimeException {

    private final ApiError error;
    private final int status;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private long retryAfterSeconds;

    ApiException(ApiError error, String description) {
        super(description, null, false, false);
        this.error = error;
        this.status = error.status();
    }

    private ApiException(ApiError error, int status, String description) {
        super(description, null, false, false);
        this.error = error;
        this.status = status;
    }

    /** The same error code with another status, e.g. 413 or 415 for an {@code invalid_request} body. */
    public static ApiException withStatus(ApiError error, int status, String description) {
        return new ApiException(error, status, description);
    }

    /** Adds a field to the error; a null value adds nothing. */
    public ApiException with(String field, Object value) {
        if (value != null) {
            fields.put(field, value);
        }
        return this;
    }

    /** Adds the {@code Retry-After} header and the {@code retryAfter} field, in whole seconds (at least 1). */
    public ApiException retryAfter(long seconds) {
        this.retryAfterSeconds = Math.max(1, seconds);
        fields.put("retryAfter", retryAfterSeconds);
        return this;
    }

    public ApiError error() {
        return error;
    }

    public int status() {
        return status;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
