package io.github.otpverification.rest;

import io.github.otpverification.code.Channel;
import io.github.otpverification.code.CodeDelivery;
import io.github.otpverification.code.DeliveryException;
import io.github.otpverification.email.EmailCodeSender;
import io.github.otpverification.sms.SmsCodeDelivery;
import io.github.otpverification.support.OtpEvents;
import java.util.Locale;
import java.util.Map;
import org.keycloak.email.EmailException;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * How a REST-issued code reaches its person: by mail or SMS in the chosen language, with the
 * app's link when it gave a template, or not at all when the app asked for the code back.
 */
final class CodeDeliveries {

    /** Keeps the code for the response instead of delivering it ({@code returnCode}). */
    static final class Returned implements CodeDelivery {
        private String code;

        @Override
        public void deliver(String code) {
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;

    CodeDeliveries(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * @param user   the person, or a stand-in for a guest address
     * @param locale the request's language tag or null: then the user's, then the realm's default
     */
    CodeDelivery to(UserModel user, Channel channel, String destination, String purpose, int ttlSeconds, String locale,
                    UrlTemplate link) {
        if (locale != null) {
            session.setAttribute(LocaleSelectorProvider.USER_REQUEST_LOCALE, locale);
        }
        return code -> {
            String filledLink = link == null ? null : link.fill(Map.of("code", code, "userId", user.getId(),
                    "realm", realm.getName(), "purpose", purpose));
            if (channel == Channel.EMAIL) {
                try {
                    new EmailCodeSender(session).send(realm, user, null, destination, code, purpose, ttlSeconds, false, filledLink);
                } catch (EmailException e) {
                    throw new DeliveryException(OtpEvents.reasonOf(e), e);
                }
            } else {
                Locale language = session.getContext().resolveLocale(user, true);
                new SmsCodeDelivery(session, realm, language, destination, purpose, ttlSeconds, filledLink).deliver(code);
            }
        };
    }
}
