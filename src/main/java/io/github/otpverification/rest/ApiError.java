package io.github.otpverification.rest;

/** Every error the REST API answers with (docs/rest-api.md, "Errors"): the code apps switch on and its HTTP status. */
public enum ApiError {
    INVALID_REQUEST(400, "invalid_request"),
    EMAIL_REQUIRED(400, "email_required"),
    INVALID_EMAIL(400, "invalid_email"),
    INVALID_PHONE_NUMBER(400, "invalid_phone_number"),
    INVALID_CHANNEL(400, "invalid_channel"),
    INVALID_PURPOSE(400, "invalid_purpose"),
    INVALID_URL_TEMPLATE(400, "invalid_url_template"),
    INVALID_CODE(400, "invalid_code"),
    UNAUTHORIZED(401, "unauthorized"),
    FORBIDDEN(403, "forbidden"),
    /** A contact change with a sign-in older than the realm setting {@code maxAuthAgeSeconds}. */
    REAUTHENTICATION_REQUIRED(403, "reauthentication_required"),
    USER_NOT_FOUND(404, "user_not_found"),
    /** No endpoint at this path. */
    NOT_FOUND(404, "not_found"),
    /** The path exists, the HTTP method does not. */
    METHOD_NOT_ALLOWED(405, "method_not_allowed"),
    NO_PENDING_CODE(404, "no_pending_code"),
    ALREADY_VERIFIED(422, "already_verified"),
    NO_DESTINATION(422, "no_destination"),
    EMAIL_NOT_VERIFIED(422, "email_not_verified"),
    TOO_MANY_REQUESTS(429, "too_many_requests"),
    MAX_ATTEMPTS_REACHED(429, "max_attempts_reached"),
    DELIVERY_FAILED(502, "delivery_failed");

    private final int status;
    private final String code;

    ApiError(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public ApiException because(String description) {
        return new ApiException(this, description);
    }
}
