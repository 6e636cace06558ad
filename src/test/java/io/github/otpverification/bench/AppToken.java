package io.github.otpverification.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.otpverification.testsupport.Http;
import java.util.Map;

/**
 * The app's service-account token (client credentials of {@code demo-app}), fetched again when
 * half of its lifetime is over, so a long phase never calls with an expired one.
 */
final class AppToken {

    private final Http http = new Http();
    private final String tokenUrl;
    private final String clientId;
    private final String secret;
    private String token;
    private long renewAt;

    AppToken(String realmUrl, String clientId, String secret) {
        this.tokenUrl = realmUrl + "/protocol/openid-connect/token";
        this.clientId = clientId;
        this.secret = secret;
    }

    synchronized String get() {
        long now = System.nanoTime();
        if (token == null || now >= renewAt) {
            JsonNode answer = http.postForm(tokenUrl, Map.of("grant_type", "client_credentials",
                    "client_id", clientId, "client_secret", secret)).expect(200, "client credentials grant").json();
            token = answer.get("access_token").asText();
            renewAt = now + answer.get("expires_in").asLong() * 500_000_000L;
        }
        return token;
    }
}
