package io.github.otpverification.sms.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.otpverification.sms.HttpResponses;
import io.github.otpverification.sms.SmsDeliveryException;
import io.github.otpverification.sms.SmsGateway;
import io.github.otpverification.sms.SmsMessage;
import java.io.IOException;
import org.keycloak.http.simple.SimpleHttp;
import org.keycloak.http.simple.SimpleHttpRequest;
import org.keycloak.http.simple.SimpleHttpResponse;
import org.keycloak.models.KeycloakSession;

/** Creates a Message resource (form POST, HTTP Basic auth) through Keycloak's HTTP client. */
class TwilioSmsGateway implements SmsGateway {

    private final KeycloakSession session;
    private final TwilioSmsGatewayConfig config;

    TwilioSmsGateway(KeycloakSession session, TwilioSmsGatewayConfig config) {
        this.session = session;
        this.config = config;
    }

    @Override
    public void send(SmsMessage message) throws SmsDeliveryException {
        String url = config.baseUrl() + "/2010-04-01/Accounts/" + config.accountSid() + "/Messages.json";
        SimpleHttpRequest request = SimpleHttp.create(session).withRequestConfig(config.timeouts().requestConfig())
                .doPost(url)
                .authBasic(config.username(), config.password())
                .param("To", message.to())
                .param("Body", message.text());
        if (config.messagingServiceSid() != null) {
            request.param("MessagingServiceSid", config.messagingServiceSid());
        } else {
            request.param("From", config.from());
        }
        try (SimpleHttpResponse response = request.asResponse()) {
            int status = response.getStatus();
            String body = response.asString();
            if (status >= 200 && status < 300) {
                return;
            }
            throw new SmsDeliveryException(reason(status, body));
        } catch (IOException e) {
            throw new SmsDeliveryException("twilio unreachable: " + e.getMessage(), e);
        }
    }

    /** Twilio errors are JSON {"code": 21211, "message": "..."}; keep both when present. */
    private static String reason(int status, String body) {
        try {
            JsonNode error = org.keycloak.util.JsonSerialization.readValue(body, JsonNode.class);
            if (error.hasNonNull("code")) {
                return "twilio answered HTTP " + status + ": error " + error.get("code").asText() + " " + error.path("message").asText();
            }
        } catch (IOException | RuntimeException notJson) {
            // fall through to the raw body
        }
        try {
            HttpResponses.requireSuccess("twilio", status, body);
        } catch (SmsDeliveryException e) {
            return e.getMessage();
        }
        return "twilio answered HTTP " + status;
    }
}
