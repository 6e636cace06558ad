package io.github.otpverification.sms;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Finds the gateway for a realm: the provider a realm names in its {@value #REALM_ATTRIBUTE}
 * attribute (useful when one server serves tenants with different gateways), else the server's
 * default {@code sms-gateway} provider.
 */
public final class SmsGateways {

    public static final String REALM_ATTRIBUTE = "otpVerification.smsGateway";

    private SmsGateways() {
    }

    public static SmsGateway forRealm(KeycloakSession session, RealmModel realm) throws SmsDeliveryException {
        String chosen = realm.getAttribute(REALM_ATTRIBUTE);
        SmsGateway gateway = chosen == null || chosen.isBlank()
                ? session.getProvider(SmsGateway.class)
                : session.getProvider(SmsGateway.class, chosen.trim());
        if (gateway == null) {
            throw new SmsDeliveryException(chosen == null || chosen.isBlank()
                    ? "no sms-gateway provider is configured (see --spi-sms-gateway--provider)"
                    : "sms-gateway provider '" + chosen + "' named by the realm is not configured");
        }
        return gateway;
    }
}
