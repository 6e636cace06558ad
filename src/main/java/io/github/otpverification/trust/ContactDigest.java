package io.github.otpverification.trust;

import io.github.otpverification.code.RealmCodeKeys;
import io.github.otpverification.phone.PhoneAttributes;
import java.util.Locale;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * A keyed digest only the server can compute of the account's current email address and phone
 * number, kept in the trust token: when either changes, by whatever path (admin API, LDAP, a
 * mapper, the account console, the REST API), the digest no longer matches and the trust ends at
 * the next check. HMAC-SHA-256 with a key derived from the realm's HMAC key for this use only.
 */
final class ContactDigest {

    private static final String LABEL = "keycloak-otp-verification/trusted-device/v1";

    private final RealmCodeKeys keys;

    ContactDigest(KeycloakSession session, RealmModel realm) {
        this.keys = new RealmCodeKeys(session, realm, LABEL);
    }

    String of(UserModel user) {
        return keys.seal(text(user));
    }

    boolean matches(String digest, UserModel user) {
        return keys.isSealOf(digest, text(user));
    }

    private static String text(UserModel user) {
        String email = user.getEmail() == null ? "" : user.getEmail().toLowerCase(Locale.ROOT);
        String phone = user.getFirstAttribute(PhoneAttributes.PHONE_NUMBER);
        return user.getId() + "\n" + email + "\n" + (phone == null ? "" : phone);
    }
}
