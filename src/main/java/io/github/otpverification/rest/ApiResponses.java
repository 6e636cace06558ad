package io.github.otpverification.rest;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** JSON answers of the API: never cached, errors in the contract's shape. */
final class ApiResponses {

    private ApiResponses() {
    }

    /** Runs an endpoint and turns an {@link ApiException} into its error answer. */
    static Response answer(Supplier<Object> endpoint) {
        try {
            return ok(endpoint.get());
        } catch (ApiException e) {
            return error(e);
        }
    }

    static Response ok(Object body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore()).build();
    }

    static Response error(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error().code());
        body.put("error_description", e.getMessage());
        body.putAll(e.fields());
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body).cacheControl(noStore());
        if (e.retryAfterSeconds() > 0) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        if (e.error() == ApiError.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }

    private static CacheControl noStore() {
        CacheControl cacheControl = new CacheControl();
        cacheControl.setNoStore(true);
        return cacheControl;
    }
}
