package io.github.otpverification.sms.http;

import io.github.otpverification.sms.SmsDeliveryException;
import io.github.otpverification.sms.SmsGateway;
import io.github.otpverification.sms.SmsMessage;
import io.github.otpverification.sms.HttpResponses;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.keycloak.http.simple.SimpleHttp;
import org.keycloak.http.simple.SimpleHttpRequest;
import org.keycloak.http.simple.SimpleHttpResponse;
import org.keycloak.models.KeycloakSession;

/** JSON POST through Keycloak's HTTP client (its proxy and truststore settings apply). */
class HttpSmsGateway implements SmsGateway {

    private final KeycloakSession session;
    private final HttpSmsGatewayConfig config;

    HttpSmsGateway(KeycloakSession session, HttpSmsGatewayConfig config) {
        this.session = session;
        this.config = config;
    }

    @Override
    public void send(SmsMessage message) throws SmsDeliveryException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("to", message.to());
        body.put("text", message.text());
        body.put("realm", message.realm());
        body.put("purpose", message.purpose());
        SimpleHttpRequest request = SimpleHttp.create(session).withRequestConfig(config.timeouts().requestConfig())
                .doPost(config.url()).json(body);
        if (config.authorization() != null) {
            request.header("Authorization", config.authorization());
        }
        config.headers().forEach(request::header);
        try (SimpleHttpResponse response = request.asResponse()) {
            HttpResponses.requireSuccess("http gateway", response.getStatus(), response.asString());
        } catch (IOException e) {
            throw new SmsDeliveryException("http gateway unreachable: " + e.getMessage(), e);
        }
    }
}
