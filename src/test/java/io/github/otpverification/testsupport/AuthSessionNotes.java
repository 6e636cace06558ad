package io.github.otpverification.testsupport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AuthenticationSessionManager;
import org.keycloak.sessions.AuthenticationSessionModel;
import org.keycloak.testframework.remote.providers.runonserver.FetchOnServer;
import org.keycloak.testframework.remote.runonserver.RunOnServerClient;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.Cookie;

/**
 * Reads notes of the browser's login in progress on the server (the framework's run-on-server
 * endpoint): what one login step leaves for the next, which no page shows. Tests inject the
 * client with {@code @InjectRunOnServer(permittedPackages = "io.github.otpverification.testsupport")}.
 */
public final class AuthSessionNotes {

    private AuthSessionNotes() {
    }

    /** The given auth notes of the browser's login with this tab id at this client (absent notes left out). */
    @SuppressWarnings("unchecked")
    public static Map<String, String> of(RunOnServerClient server, ManagedWebDriver browser, String clientId, String tabId,
                                         List<String> names) {
        Cookie cookie = browser.driver().manage().getCookieNamed("AUTH_SESSION_ID");
        if (cookie == null) {
            throw new AssertionError("the browser has no login in progress");
        }
        return server.fetch(read(cookie.getValue(), clientId, tabId, names), Map.class);
    }

    /** Runs on the server; captures only strings, so it serializes on its own. */
    private static FetchOnServer read(String encodedSessionId, String clientId, String tabId, List<String> names) {
        List<String> wanted = List.copyOf(names);
        return session -> {
            RealmModel realm = session.getContext().getRealm();
            AuthenticationSessionModel login = new AuthenticationSessionManager(session)
                    .getAuthenticationSessionByEncodedIdAndClient(realm, encodedSessionId, realm.getClientByClientId(clientId), tabId);
            if (login == null) {
                throw new IllegalStateException("no login with tab " + tabId + " at " + clientId); // never "no notes"
            }
            Map<String, String> notes = new HashMap<>();
            for (String name : wanted) {
                if (login.getAuthNote(name) != null) {
                    notes.put(name, login.getAuthNote(name));
                }
            }
            return notes;
        };
    }
}
