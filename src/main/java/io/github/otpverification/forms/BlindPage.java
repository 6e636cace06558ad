package io.github.otpverification.forms;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.AuthenticationSelectionOption;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.forms.login.freemarker.model.AuthenticationContextBean;

/**
 * A blind code page is rendered for the visitor, not for the account (docs/architecture.md,
 * "Blind pages and decoys"). Whenever the flow knows a user, Keycloak's login pages show its
 * username with a "Restart login" button and speak the account's language; on a page that must
 * look the same whether or not an account exists, either would tell the two apart. So the page
 * has no user (the language is the visitor's: Keycloak's selector, the browser, the realm) and its
 * {@code auth} model shows no username (themes show the attempted username only with it);
 * "Try another way" stays Keycloak's.
 */
public final class BlindPage {

    private static final String AUTH = "auth";

    private final AuthenticationContextBean keycloaks;

    private BlindPage(AuthenticationContextBean keycloaks) {
        this.keycloaks = keycloaks;
    }

    static LoginFormsProvider of(LoginFormsProvider form) {
        return form.setUser(null).setAttributeMapper(attributes -> {
            Map<String, Object> mapped = new HashMap<>(attributes);
            if (attributes.get(AUTH) instanceof AuthenticationContextBean auth) {
                mapped.put(AUTH, new BlindPage(auth));
            }
            return mapped;
        });
    }

    public boolean showUsername() {
        return false;
    }

    public boolean showResetCredentials() {
        return false;
    }

    public boolean showTryAnotherWayLink() {
        return keycloaks.showTryAnotherWayLink();
    }

    public List<AuthenticationSelectionOption> getAuthenticationSelections() {
        return keycloaks.getAuthenticationSelections();
    }
}
