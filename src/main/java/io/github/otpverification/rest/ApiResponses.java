package io.github.otpverification.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.keycloak.util.JsonSerialization;

/** JSON answers of the API: never cached, errors in the shape docs/rest-api.md describes. */
final class ApiResponses {

    private ApiResponses() {
    }

    /**
     * Runs an endpoint and turns an {@link ApiException} into its error answer; so are the JAX-RS
     * errors Keycloak's helpers throw (a 401 of the token check, say), so that every error of the
     * API has the same shape.
     */
    static Response answer(Supplier<Object> endpoint) {
        try {
            Object body = endpoint.get();
            return body instanceof Response response ? response : ok(body);
        } catch (ApiException e) {
            return error(e);
        } catch (WebApplicationException e) {
            return error(fromJaxRs(e.getResponse().getStatus()));
        }
    }

    /** {@code 204}: done, nothing to say. */
    static Response noContent() {
        return Response.noContent().cacheControl(noStore()).build();
    }

    static Response ok(Object body) {
        return Response.ok(json(body), MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore()).build();
    }

    /** The API's error for an HTTP status that Keycloak or JAX-RS chose. */
    static ApiException fromJaxRs(int status) {
        return switch (status) {
            case 401 -> ApiError.UNAUTHORIZED.because("A valid bearer access token of this realm is required.");
            case 403 -> ApiError.FORBIDDEN.because("This token may not do this.");
            case 404 -> ApiError.NOT_FOUND.because("There is no such endpoint; see /openapi.json.");
            case 405 -> ApiError.METHOD_NOT_ALLOWED.because("This endpoint does not answer this HTTP method; see /openapi.json.");
            case 413, 415 -> ApiException.withStatus(ApiError.INVALID_REQUEST, status, "The request body is not accepted here.");
            default -> ApiException.withStatus(ApiError.INVALID_REQUEST, status < 500 ? status : 400, "The request is not accepted.");
        };
    }

    /** Keycloak's mapper leaves out nulls; the API's documents keep them ({@code "value": null}). */
    private static final ObjectMapper JSON = JsonSerialization.mapper.copy().setSerializationInclusion(JsonInclude.Include.ALWAYS);

    /** Bodies end with a newline, as a terminal user of curl expects. */
    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Response error(ApiException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error().code());
        body.put("error_description", e.getMessage());
        body.putAll(e.fields());
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json(body)).cacheControl(noStore());
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
