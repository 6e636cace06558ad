package io.github.otpverification.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Calls {@code /realms/{realm}/verification} over plain HTTP, the way an app does. */
public final class VerificationApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: status, JSON body (null when there is none), headers and the body as sent. */
    public record Reply(int status, JsonNode body, HttpHeaders headers, String raw) {

        public String error() {
            return body == null || !body.has("error") ? null : body.get("error").asText();
        }

        public String text(String field) {
            return body == null || !body.has(field) || body.get(field).isNull() ? null : body.get(field).asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final String realmUrl;
    private final String userClientId;

    /** For the test realm, whose public client for users' own tokens is {@code user-app}. */
    public VerificationApi(String realmUrl) {
        this(realmUrl, "user-app");
    }

    /** @param userClientId a public client with direct access grants, for users' own tokens */
    public VerificationApi(String realmUrl, String userClientId) {
        this.realmUrl = realmUrl;
        this.userClientId = userClientId;
    }

    public String clientToken(String clientId, String secret) {
        return token(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
    }

    public String userToken(String username, String password) {
        return token(Map.of("grant_type", "password", "client_id", userClientId, "username", username, "password", password));
    }

    public Reply post(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply put(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    /** Any request, for the odd cases (wrong content type, huge bodies). */
    public Reply send(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder request = request(path, token).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** A request with extra headers, as a browser sends them ({@code Origin}, a preflight's {@code Access-Control-Request-*}). */
    public Reply send(String method, String path, String token, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return send(request);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(realmUrl + "/verification" + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body() == null || response.body().isBlank() ? null : parse(response.body());
            return new Reply(response.statusCode(), body, response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String token(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }
}
