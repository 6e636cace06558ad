package io.github.otpverification.sms;

import io.github.otpverification.code.CodeDelivery;
import io.github.otpverification.code.DeliveryException;
import java.util.Locale;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Renders the SMS text for a code and hands it to the realm's gateway. */
public final class SmsCodeDelivery implements CodeDelivery {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Locale locale;
    private final String to;
    private final String purpose;
    private final int ttlSeconds;
    private final String link;

    public SmsCodeDelivery(KeycloakSession session, RealmModel realm, Locale locale, String to, String purpose, int ttlSeconds) {
        this(session, realm, locale, to, purpose, ttlSeconds, null);
    }

    /** @param link an app's link carrying the code, or null */
    public SmsCodeDelivery(KeycloakSession session, RealmModel realm, Locale locale, String to, String purpose, int ttlSeconds,
                           String link) {
        this.link = link;
        this.session = session;
        this.realm = realm;
        this.locale = locale;
        this.to = to;
        this.purpose = purpose;
        this.ttlSeconds = ttlSeconds;
    }

    @Override
    public void deliver(String code) throws DeliveryException {
        try {
            String text = new SmsTextRenderer(session).render(realm, locale, purpose, code, ttlSeconds, link);
            SmsGateways.forRealm(session, realm).send(new SmsMessage(to, text, realm.getName(), purpose));
        } catch (SmsDeliveryException e) {
            throw new DeliveryException(e.getMessage(), e);
        } catch (RuntimeException e) {
            // A gateway bug must end as "delivery failed", never as a stalled flow.
            throw new DeliveryException("sms gateway error: " + e, e);
        }
    }
}
