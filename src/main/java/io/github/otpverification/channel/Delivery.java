package io.github.otpverification.channel;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * What a channel needs to deliver one code.
 *
 * @param user        the person, or a stand-in user for a guest address
 * @param authSession the login's session on the login pages (theme and language of the login), else null
 * @param link        an app's link that carries the code, or null
 */
public record Delivery(KeycloakSession session, RealmModel realm, UserModel user, AuthenticationSessionModel authSession,
                       String destination, String purpose, int ttlSeconds, String link, boolean codeInSubject) {
}
