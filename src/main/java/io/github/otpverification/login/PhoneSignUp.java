package io.github.otpverification.login;

import io.github.otpverification.channel.Channels;
import io.github.otpverification.channel.Confirmation;
import io.github.otpverification.names.ProviderIds;
import io.github.otpverification.phone.PhoneAttributes;
import io.github.otpverification.privacy.DestinationMask;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Sign-up by phone ({@code createUnknownUsers}): once the code to an unknown number is confirmed,
 * a user exists with that number verified. The username is the E.164 number; where the realm uses
 * the email as username, the address confirmed by {@link SignUpEmail} is the username and is
 * verified too. Keycloak's own profile step ({@code VERIFY_PROFILE}) then asks for whatever else
 * the realm's user profile requires before the sign-in ends (docs/phone-sign-in.md).
 */
final class PhoneSignUp {

    private PhoneSignUp() {
    }

    /**
     * The new user, or null when someone took the number (or the address) meanwhile: nothing is
     * created then.
     *
     * @param email the confirmed address that becomes the username, or null to use the number
     */
    static UserModel register(AuthenticationFlowContext context, String e164, String email) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        String username = email != null ? email : e164;
        if (session.users().searchForUserByUserAttributeStream(realm, PhoneAttributes.PHONE_NUMBER, e164).findAny().isPresent()
                || session.users().getUserByUsername(realm, username) != null
                || (email != null && session.users().getUserByEmail(realm, email) != null)) {
            return null;
        }
        UserModel user = session.users().addUser(realm, username); // default roles, groups and required actions, as registration gives
        user.setEnabled(true);
        if (email != null) {
            user.setEmail(email);
            user.setEmailVerified(true); // its registration code was right
        }
        Channels.SMS.confirm(new Confirmation(session, user, context.getAuthenticationSession(), e164, context.getEvent().clone()));
        EventBuilder registered = context.getEvent().clone().event(EventType.REGISTER).user(user)
                .detail(Details.USERNAME, email != null ? DestinationMask.email(email) : DestinationMask.phone(e164))
                .detail(Details.REGISTER_METHOD, ProviderIds.PHONE_NUMBER_FORM);
        if (email != null) {
            registered.detail(Details.EMAIL, DestinationMask.email(email));
        }
        registered.success();
        return user;
    }
}
