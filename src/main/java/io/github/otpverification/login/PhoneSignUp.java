package io.github.otpverification.login;

import io.github.otpverification.channel.Channels;
import io.github.otpverification.channel.Confirmation;
import io.github.otpverification.names.ProviderIds;
import io.github.otpverification.phone.PhoneAttributes;
import io.github.otpverification.privacy.DestinationMask;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Sign-up by phone ({@code createUnknownUsers}): once the code to an unknown number is confirmed,
 * a user exists with that number verified. The username is the E.164 number; Keycloak's own
 * profile step ({@code VERIFY_PROFILE}) then asks for whatever else the realm's user profile
 * requires before the sign-in ends (docs/phone-sign-in.md).
 */
final class PhoneSignUp {

    private PhoneSignUp() {
    }

    /** The new user, or null when someone took the number meanwhile (nothing is created then). */
    static UserModel register(AuthenticationFlowContext context, String e164) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        if (session.users().searchForUserByUserAttributeStream(realm, PhoneAttributes.PHONE_NUMBER, e164).findAny().isPresent()
                || session.users().getUserByUsername(realm, e164) != null) {
            return null;
        }
        UserModel user = session.users().addUser(realm, e164); // default roles, groups and required actions, as registration gives
        user.setEnabled(true);
        Channels.SMS.confirm(new Confirmation(session, user, context.getAuthenticationSession(), e164, context.getEvent().clone()));
        context.getEvent().clone().event(EventType.REGISTER).user(user).detail(Details.USERNAME, DestinationMask.phone(e164))
                .detail(Details.REGISTER_METHOD, ProviderIds.PHONE_NUMBER_FORM).success();
        return user;
    }
}
