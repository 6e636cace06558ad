package io.github.otpverification.rest;

import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.protocol.oidc.utils.WebOriginsUtils;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.cors.Cors;

/**
 * CORS of the API, with Keycloak's own {@link Cors} helper as its Account API uses it: a request
 * with a token gets the headers for the web origins of the token's client, and one from any other
 * origin is refused. The allowed origin is echoed, never {@code *}, since requests carry
 * credentials. A preflight carries no token, so it is answered only for origins that are a web
 * origin of some client of the realm (docs/security.md).
 */
final class ApiCors {

    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
    /** Headers a browser app may read besides the safelisted ones. */
    private static final String[] EXPOSED = {HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE};

    private ApiCors() {
    }

    /** Adds the headers for the token's client; 403 for a request from an origin that client does not have. */
    static void actualRequest(AccessToken token) {
        try {
            Cors.builder().auth().allowedMethods(METHODS).exposedHeaders(EXPOSED).checkAllowedOrigins(token).add();
        } catch (ForbiddenException e) {
            throw ApiError.FORBIDDEN.because("Requests from this origin are not allowed: it is not a web origin of the "
                    + "token's client.");
        }
    }

    /** The answer to an {@code OPTIONS} preflight: CORS headers only for an origin a client of the realm has. */
    static Response preflight(KeycloakSession session) {
        String origin = session.getContext().getRequestHeaders().getHeaderString(Cors.ORIGIN_HEADER);
        Response.ResponseBuilder ok = Response.ok();
        if (origin == null || !isWebOriginOfAClient(session, session.getContext().getRealm(), origin)) {
            return ok.build();
        }
        return Cors.builder().auth().allowedMethods(METHODS).preflight().add(ok);
    }

    private static boolean isWebOriginOfAClient(KeycloakSession session, RealmModel realm, String origin) {
        return realm.getClientsStream().filter(client -> client.isEnabled() && !client.getWebOrigins().isEmpty())
                .anyMatch(client -> {
                    Set<String> origins = WebOriginsUtils.resolveValidWebOrigins(session, client);
                    return origins.contains(origin) || origins.contains(Cors.ACCESS_CONTROL_ALLOW_ORIGIN_WILDCARD);
                });
    }
}
