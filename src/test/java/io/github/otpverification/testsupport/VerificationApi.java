package io.github.otpverification.testsupport;

import java.util.Map;

/** Calls {@code /realms/{realm}/verification} over plain HTTP, the way an app does. */
public final class VerificationApi {

    private final Http http = new Http();
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
        return http.postJson(url(path), token, json);
    }

    public Reply put(String path, String token, String json) {
        return http.putJson(url(path), token, json);
    }

    public Reply get(String path, String token) {
        return http.get(url(path), token);
    }

    /** Any request, for the odd cases (wrong content type, huge bodies). */
    public Reply send(String method, String path, String token, String contentType, byte[] body) {
        return http.send(method, url(path), token, contentType, body);
    }

    /** A request with extra headers, as a browser sends them ({@code Origin}, a preflight's {@code Access-Control-Request-*}). */
    public Reply send(String method, String path, String token, Map<String, String> headers) {
        return http.send(method, url(path), token, headers);
    }

    private String url(String path) {
        return realmUrl + "/verification" + path;
    }

    private String token(Map<String, String> form) {
        return http.postForm(realmUrl + "/protocol/openid-connect/token", form).expect(200, "token request")
                .json().get("access_token").asText();
    }
}
