package io.github.otpverification.rest;

import org.keycloak.common.util.Time;
import org.keycloak.models.AccountRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * Who is calling: the user and client behind a bearer token of this realm, and what Keycloak's
 * admin permission evaluator lets them do ({@code manage-users}, {@code manage-realm}, or
 * fine-grained admin permissions). For {@code /me}, the token must be one Keycloak's Account API
 * accepts for changes (docs/security.md).
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
        ApiCors.actualRequest(auth.token());
        return new ApiCaller(session, realm, auth);
    }

    /**
     * The caller's own account ({@code /me}), for a token Keycloak's Account API would accept for
     * changes: a person's token (no service account) carrying the {@code account} role
     * {@code manage-account} for the {@code account} audience. Else 403, before anything else.
     */
    UserModel self() {
        AccessToken token = accountView();
        AccessToken.Access account = token.getResourceAccess(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID);
        if (auth.user().getServiceAccountClientLink() != null || !token.hasAudience(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID)
                || account == null || !account.isUserInRole(AccountRoles.MANAGE_ACCOUNT)) {
            throw ApiError.FORBIDDEN.because("This token may not manage its account: /me needs the account role manage-account, "
                    + "as Keycloak's Account API does.");
        }
        return auth.user();
    }

    /** A contact change needs a sign-in at most {@code maxAgeSeconds} ago; 0 means no check. */
    void requireSignInWithin(int maxAgeSeconds) {
        if (maxAgeSeconds == 0) {
            return;
        }
        Long signedIn = signInTime();
        if (signedIn == null || Time.currentTime() - signedIn > maxAgeSeconds) {
            throw ApiError.REAUTHENTICATION_REQUIRED.because("Changing the email address or phone number needs a sign-in "
                    + "within the last " + maxAgeSeconds + " seconds. Sign in again (e.g. with max_age or prompt=login).");
        }
    }

    /** An admin event of this caller, for changes to the realm's configuration. */
    AdminEventBuilder adminEvent() {
        return new AdminEventBuilder(realm, adminAuth(), session, session.getContext().getConnection());
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

    /**
     * When the person last proved who they are: the token's {@code auth_time}, else the user
     * session's {@code AUTH_TIME} note that Keycloak's own {@code max_age} check reads. A direct
     * grant's session records neither; its start is then that sign-in. Null without a session.
     */
    private Long signInTime() {
        if (auth.token().getAuth_time() != null) {
            return auth.token().getAuth_time();
        }
        UserSessionModel userSession = auth.session();
        if (userSession == null) {
            return null;
        }
        String note = userSession.getNote(AuthenticationManager.AUTH_TIME);
        try {
            return note != null ? Long.valueOf(note) : Long.valueOf(userSession.getStarted());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private AdminPermissionEvaluator permissions() {
        return AdminPermissions.evaluator(session, realm, adminAuth());
    }

    private AdminAuth adminAuth() {
        return new AdminAuth(realm, auth.token(), auth.user(), auth.client());
    }

    /**
     * The token with its roles. A lightweight access token carries none: Keycloak's Account API
     * then reads them by introspection, and so do we.
     */
    private AccessToken accountView() {
        AccessToken token = auth.token();
        if ((token.getAudience() == null || token.getResourceAccess(Constants.ACCOUNT_MANAGEMENT_CLIENT_ID) == null)
                && auth.session() != null) {
            AccessTokenIntrospectionProvider<?> introspection = (AccessTokenIntrospectionProvider<?>) session.getProvider(
                    TokenIntrospectionProvider.class, AccessTokenIntrospectionProviderFactory.ACCESS_TOKEN_TYPE);
            AccessToken full = introspection.transformAccessToken(token, auth.session());
            return full == null ? token : full;
        }
        return token;
    }
}
