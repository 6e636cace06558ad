package io.github.otpverification.login;

import io.github.otpverification.channel.Channels;
import io.github.otpverification.phone.PhoneAttributes;
import java.util.List;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Who holds a phone number: how many users have it as {@code phoneNumber}, and those whose
 * verified number it is. "Verified" is the SMS channel's word, so a number changed behind the
 * extension's back (its confirmation no longer covers it) is not (see docs/security.md).
 */
record PhoneNumberHolders(int holders, List<UserModel> verified) {

    static PhoneNumberHolders of(KeycloakSession session, RealmModel realm, String e164) {
        List<UserModel> all = session.users().searchForUserByUserAttributeStream(realm, PhoneAttributes.PHONE_NUMBER, e164).toList();
        return new PhoneNumberHolders(all.size(), all.stream().filter(user -> e164.equals(Channels.SMS.verifiedContactOf(user))).toList());
    }

    /** The one enabled user whose verified number it is; null for nobody, a disabled user, or several users. */
    UserModel owner() {
        return verified.size() == 1 && verified.get(0).isEnabled() ? verified.get(0) : null;
    }

    /** Several users verified it: the step refuses to guess. */
    boolean ambiguous() {
        return verified.size() > 1;
    }

    /** Nobody has it at all, verified or not. */
    boolean nobody() {
        return holders == 0;
    }
}
