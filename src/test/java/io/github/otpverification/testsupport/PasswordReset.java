package io.github.otpverification.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.keycloak.testframework.oauth.OAuthClient;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.remote.timeoffset.TimeOffSet;
import org.keycloak.testframework.ui.page.LoginPage;
import org.keycloak.testframework.ui.page.LoginPasswordResetPage;
import org.keycloak.testframework.ui.page.LoginPasswordUpdatePage;
import org.keycloak.testframework.ui.webdriver.ManagedWebDriver;
import org.openqa.selenium.By;

/**
 * Keycloak's "Forgot password?" as a person walks it: the link on the login page, the form that
 * asks for the username or email, the code page, then Keycloak's new-password page. Tests get the
 * pages with {@code @InjectPage} and hand them over.
 */
public final class PasswordReset {

    private final ManagedRealm realm;
    private final OAuthClient oauth;
    private final ManagedWebDriver driver;
    private final LoginPage loginPage;
    private final LoginPasswordResetPage usernameForm;
    private final CodePage codePage;
    private final LoginPasswordUpdatePage newPasswordPage;

    public PasswordReset(ManagedRealm realm, OAuthClient oauth, ManagedWebDriver driver, LoginPage loginPage,
                         LoginPasswordResetPage usernameForm, CodePage codePage, LoginPasswordUpdatePage newPasswordPage) {
        this.realm = realm;
        this.oauth = oauth;
        this.driver = driver;
        this.loginPage = loginPage;
        this.usernameForm = usernameForm;
        this.codePage = codePage;
        this.newPasswordPage = newPasswordPage;
    }

    /** In a new browser session, opens the app's login page, follows "Forgot Password?" and submits what the person typed. */
    public void start(String typed) {
        BrowserSession.startOver(realm, driver);
        oauth.openLoginForm();
        loginPage.resetPassword();
        usernameForm.changePassword(typed);
    }

    /** Keycloak's "Update password" page, after a right code. */
    public boolean asksForANewPassword() {
        return "login-login-update-password".equals(pageId());
    }

    public void chooseNewPassword(String password) {
        newPasswordPage.changePassword(password, password);
    }

    /** Signs in afresh (a new browser session) with the password: whether the app got an authorization code. */
    public boolean signsIn(String username, String password) {
        BrowserSession.startOver(realm, driver);
        oauth.openLoginForm();
        loginPage.fillLogin(username, password);
        loginPage.submit();
        return driver.driver().getCurrentUrl().startsWith(oauth.getRedirectUri()) && oauth.parseLoginResponse().getCode() != null;
    }

    /** Keycloak's page id of what the browser shows ({@code login-otp-code-form} for the code page). */
    public String pageId() {
        return driver.findElement(By.tagName("body")).getAttribute("data-page-id");
    }

    /** {@link #start Starts} a reset for what the person typed and returns the page it leads to, {@link #comparablePage comparable}. */
    public String codePageFor(String typed) {
        start(typed);
        return comparablePage(typed);
    }

    /**
     * The page's HTML without what belongs to this login session only (session code, tab id,
     * the resend countdown's second, the minutes until a cap frees up), with each of {@code typed} replaced by {@code {typed}}:
     * two such pages are equal when they tell a visitor the same.
     */
    public String comparablePage(String... typed) {
        String html = driver.driver().getPageSource();
        for (String text : typed) {
            html = html.replace(text, "{typed}");
        }
        return html.replaceAll("(session_code|tab_id|client_data)=[A-Za-z0-9_\\-.%]+", "$1=…")
                .replaceAll("data-resend-in=\"\\d+\"", "data-resend-in=\"…\"")
                .replaceAll("in \\d+ seconds", "in … seconds")
                .replaceAll("in \\d+ minutes?", "in … minutes");
    }

    /**
     * On a code page where nothing was sent (steps configured for 3 attempts): every code is
     * wrong, with the attempts left, until the code is dead; resend has the cooldown of a real
     * code, and after it a new decoy has its attempts again.
     */
    public void assertEveryCodeIsWrongUntilDeadAndResendWorks(TimeOffSet clock) {
        codePage.submitCode("000000");
        assertEquals("Wrong code. 2 attempts left.", codePage.codeError());
        codePage.submitCode("111111");
        assertEquals("Wrong code. 1 attempt left.", codePage.codeError());
        codePage.submitCode("222222");
        assertEquals("Too many wrong codes. This code no longer works: request a new one.", codePage.codeError());
        codePage.submitCode("333333");
        assertEquals("There is no valid code. Request a new one.", codePage.codeError());

        codePage.resend();
        assertTrue(codePage.banner().matches("Please wait \\d+ seconds before requesting a new code\\."), codePage.banner());
        clock.set(31);
        codePage.resend();
        assertEquals("A new code is on its way.", codePage.banner());
        codePage.submitCode("444444");
        assertEquals("Wrong code. 2 attempts left.", codePage.codeError());
    }
}
