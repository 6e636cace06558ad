package io.github.otpverification.bench;

import io.github.otpverification.testsupport.FormLogin;
import io.github.otpverification.testsupport.Reply;
import java.util.List;
import java.util.Map;

/**
 * A virtual user signing people in the way a browser does ({@link FormLogin}: the
 * authorization-code flow with PKCE of the realm's {@code account-console} client over plain
 * HTTP), answering the realm's second page ({@link LoginStep}: an emailed or texted code, a TOTP
 * code) when it has one, and the code exchanged for tokens. Every login starts with empty cookies
 * (a new browser), so no SSO session shortcuts it.
 */
final class BrowserLogin implements LoadPhase.Client {

    private final FormLogin browser;
    private final List<AdminApi.BenchUser> people;
    private final LoginStep step;
    private int next;

    /**
     * @param people whom this virtual user signs in, in turn
     * @param step   the page after the password, or null when the password is all
     */
    BrowserLogin(String baseUrl, String realm, List<AdminApi.BenchUser> people, LoginStep step) {
        this.browser = FormLogin.accountConsole(baseUrl + "/realms/" + realm);
        this.people = people;
        this.step = step;
    }

    @Override
    public void op(Timings timings) throws Exception {
        AdminApi.BenchUser person = people.get(next++ % people.size());
        browser.startOver();
        if (step != null) {
            step.forget(person);
        }
        Reply loginPage = browser.open().expect(200, "login page");
        Reply afterPassword = browser.submit(loginPage, Map.of("username", person.username(), "password", person.password()));
        Reply signedIn;
        if (step != null) {
            afterPassword.expect(200, "second page");
            if (!afterPassword.raw().contains(step.pageMarker())) {
                throw new IllegalStateException("no " + step.pageMarker() + " after the password");
            }
            signedIn = browser.submit(afterPassword, step.answer(person));
        } else {
            signedIn = afterPassword;
        }
        signedIn.expect(302, "redirect to the app");
        browser.exchangeCode(signedIn).expect(200, "code exchange");
    }
}
