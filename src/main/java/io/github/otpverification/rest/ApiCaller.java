package io.github.otpverification.rest;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * Who is calling: the user and client behind a bearer token of this realm, and what Keycloak's
 * admin permission evaluator lets them do ({@code manage-users}, {@code manage-realm}, or
 * fine-grained admin permissions).
 */
final class ApiCaller {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AuthResult auth;

    private ApiCaller(KeycloakSession session, RealmModel realm, AuthResult auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    /** The caller of this request; 401 without a valid token of this realm. */
    static ApiCaller authenticate(KeycloakSession session) {
        RealmModel realm = session.getContext().getRealm();
        AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
        if (auth == null || auth.user() == null) {
            throw ApiError.UNAUTHORIZED.because("A valid bearer access token of this realm is required.");
        }
        return new ApiCaller(session, realm, auth);
    }

    UserModel user() {
        return auth.user();
    }

    ClientModel client() {
        return auth.client();
    }

    /** The user the caller may manage; 404 when there is no such user, 403 when the caller may not manage them. */
    UserModel managedUser(String userId) {
        if (!permissions().users().canManage()) {
            // A caller who may manage no user at all learns nothing about which users exist.
            UserModel user = session.users().getUserById(realm, userId);
            if (user == null || !permissions().users().canManage(user)) {
                throw ApiError.FORBIDDEN.because("This token may not manage users of this realm.");
            }
            return user;
        }
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            throw ApiError.USER_NOT_FOUND.because("There is no user with this id in this realm.");
        }
        return user;
    }

    void requireManageUsers() {
        if (!permissions().users().canManage()) {
            throw ApiError.FORBIDDEN.because("This token may not manage users of this realm.");
        }
    }

    void requireManageRealm() {
        if (!permissions().realm().canManageRealm()) {
            throw ApiError.FORBIDDEN.because("This token may not manage this realm (realm-management role manage-realm).");
        }
    }

    private AdminPermissionEvaluator permissions() {
        return AdminPermissions.evaluator(session, realm, new AdminAuth(realm, auth.token(), auth.user(), auth.client()));
    }
}
