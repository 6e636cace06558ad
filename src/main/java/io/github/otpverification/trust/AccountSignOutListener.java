package io.github.otpverification.trust;

import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The account console's "Sign out all devices" ({@code DELETE /realms/{realm}/account/sessions})
 * ends the user's trusted devices too. Keycloak does not move the user's not-before time there (the
 * admin's "Sign out" does); it signs out each other session and records a {@code LOGOUT} event
 * for it, which this listener sees within that request and turns into a revocation.
 */
final class AccountSignOutListener implements EventListenerProvider {

    private static final String SIGN_OUT_ALL_PATH = "/account/sessions";

    private final KeycloakSession session;

    AccountSignOutListener(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getType() != EventType.LOGOUT || event.getUserId() == null || !isSignOutOfAllDevices()) {
            return;
        }
        // In a transaction of its own: the event may come after the request's own transaction.
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), session.getContext(), s -> {
            RealmModel realm = s.realms().getRealm(event.getRealmId());
            UserModel user = realm == null ? null : s.users().getUserById(realm, event.getUserId());
            if (user != null) {
                new TrustedDevices(s, realm).revoke(user);
            }
        });
    }

    private boolean isSignOutOfAllDevices() {
        HttpRequest request = session.getContext().getHttpRequest();
        if (request == null || request.getUri() == null || !"DELETE".equals(request.getHttpMethod())) {
            return false;
        }
        String path = request.getUri().getPath();
        return path != null && path.endsWith(SIGN_OUT_ALL_PATH);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
