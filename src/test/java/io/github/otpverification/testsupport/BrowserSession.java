package io.github.otpverification.testsupport;

import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;

/** A new browser session: no SSO session on the server, no Keycloak cookies in the browser. */
public final class BrowserSession {

    private BrowserSession() {
    }

    public static void startOver(ManagedRealm realm, ManagedWebDriver driver) {
        realm.admin().logoutAll();
        // deleteAllCookies only clears the current site's cookies: be on Keycloak's first.
        driver.open(realm.getBaseUrl());
        driver.driver().manage().deleteAllCookies();
    }
}
