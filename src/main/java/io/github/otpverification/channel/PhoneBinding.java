package io.github.otpverification.channel;

import io.github.otpverification.code.RealmCodeKeys;
import io.github.otpverification.phone.PhoneAttributes;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.utils.KeycloakSessionUtil;

/**
 * "Verified" belongs to the number that was confirmed: when a code confirms a number, a keyed
 * hash of user and number is kept in {@value PhoneAttributes#CONFIRMED_NUMBER} (see docs/security.md).
 * A number that later differs from it (changed by an admin, a mapper, LDAP, an editable profile)
 * is unverified, and its flag is set to false when met. A user with the flag but without the hash
 * never had a number confirmed here (an import): the admin's word is trusted.
 */
final class PhoneBinding {

    private static final String LABEL = "keycloak-otp-verification/phone-binding/v1";

    private PhoneBinding() {
    }

    /** The user's verified number, or null; a number the binding no longer covers is marked unverified. */
    static String verifiedNumber(UserModel user) {
        String number = PhoneAttributes.verifiedNumber(user);
        String confirmed = user.getFirstAttribute(PhoneAttributes.CONFIRMED_NUMBER);
        if (number == null || confirmed == null || confirmed.isBlank()) {
            return number;
        }
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        if (session == null || session.getContext().getRealm() == null) {
            return number; // no realm to check against (outside a request): nothing to compare with
        }
        if (keys(session, session.getContext().getRealm()).isSealOf(confirmed, text(user, number))) {
            return number;
        }
        user.setSingleAttribute(PhoneAttributes.PHONE_NUMBER_VERIFIED, "false");
        return null;
    }

    /** Records that a code confirmed this number for this user. */
    static void confirm(UserModel user, String number) {
        KeycloakSession session = KeycloakSessionUtil.getKeycloakSession();
        user.setSingleAttribute(PhoneAttributes.CONFIRMED_NUMBER, keys(session, session.getContext().getRealm()).seal(text(user, number)));
    }

    private static RealmCodeKeys keys(KeycloakSession session, RealmModel realm) {
        return new RealmCodeKeys(session, realm, LABEL);
    }

    private static String text(UserModel user, String number) {
        return user.getId() + "\n" + number;
    }
}
