package io.github.otpverification.channel;

import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * A code that proved a destination, handed to its channel to record.
 *
 * @param authSession the login's session when the code was confirmed on the login pages, else null
 * @param audit       a fresh event of the confirmation, for a contact change's own event
 */
public record Confirmation(KeycloakSession session, UserModel user, AuthenticationSessionModel authSession,
                           String destination, EventBuilder audit) {

    /** Drops a required action that the confirmed destination has made pointless, for now and for later logins. */
    void dropRequiredAction(String action) {
        user.removeRequiredAction(action);
        if (authSession != null) {
            authSession.removeRequiredAction(action);
        }
    }
}
