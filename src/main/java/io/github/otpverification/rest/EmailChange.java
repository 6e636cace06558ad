package io.github.otpverification.rest;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.services.messages.Messages;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.UserProfileContext;
import org.keycloak.userprofile.UserProfileProvider;
import org.keycloak.userprofile.ValidationException;

/**
 * A new email address goes through Keycloak's user profile ({@code UPDATE_EMAIL} context), so the
 * realm's own rules apply: format, duplicates, read-only attributes.
 */
final class EmailChange {

    private final KeycloakSession session;

    EmailChange(KeycloakSession session) {
        this.session = session;
    }

    /** Refuses an address the realm would not accept for this user; changes nothing. */
    void check(UserModel user, String address) {
        try {
            profile(user, address).validate();
        } catch (ValidationException e) {
            throw ApiError.INVALID_EMAIL.because(reason(e));
        }
    }

    /** Saves the confirmed address and marks it verified. */
    void commit(UserModel user, String address) {
        try {
            profile(user, address).update(false);
        } catch (ValidationException e) {
            // Taken by someone else since the code was sent.
            throw ApiError.INVALID_EMAIL.because(reason(e));
        }
        user.setEmailVerified(true);
    }

    private UserProfile profile(UserModel user, String address) {
        MultivaluedMap<String, String> attributes = new MultivaluedHashMap<>();
        attributes.putSingle(UserModel.EMAIL, address);
        return session.getProvider(UserProfileProvider.class).create(UserProfileContext.UPDATE_EMAIL, attributes, user);
    }

    private static String reason(ValidationException e) {
        boolean duplicate = e.getErrors().stream().anyMatch(error -> Messages.EMAIL_EXISTS.equals(error.getMessage()));
        return duplicate ? "This email address is already used by another account."
                : "This email address is not accepted here.";
    }
}
