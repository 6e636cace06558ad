package io.github.otpverification.bench;

import io.github.otpverification.testsupport.FormLogin;
import io.github.otpverification.testsupport.MailCatcher;
import io.github.otpverification.testsupport.Reply;
import java.util.List;
import java.util.Map;

/**
 * A virtual user signing people in the way a browser does ({@link FormLogin}: the
 * authorization-code flow with PKCE of the realm's {@code account-console} client over plain
 * HTTP), the emailed code read from GreenMail when the realm asks for one, and the code exchanged
 * for tokens. Every login starts with empty cookies (a new browser), so no SSO session shortcuts it.
 */
final class BrowserLogin implements LoadPhase.Client {

    private final FormLogin browser;
    private final List<AdminApi.BenchUser> people;
    private final MailCatcher mail;
    private final boolean expectsCode;
    private int next;

    /**
     * @param people      whom this virtual user signs in, in turn
     * @param expectsCode whether the realm's flow asks for an emailed code after the password
     */
    BrowserLogin(String baseUrl, String realm, List<AdminApi.BenchUser> people, MailCatcher mail, boolean expectsCode) {
        this.browser = FormLogin.accountConsole(baseUrl + "/realms/" + realm);
        this.people = people;
        this.mail = mail;
        this.expectsCode = expectsCode;
    }

    @Override
    public void op(Timings timings) throws Exception {
        AdminApi.BenchUser person = people.get(next++ % people.size());
        browser.startOver();
        mail.discard(person.email());
        Reply loginPage = browser.open().expect(200, "login page");
        Reply afterPassword = browser.submit(loginPage, Map.of("username", person.username(), "password", person.password()));
        Reply signedIn;
        if (expectsCode) {
            afterPassword.expect(200, "code page");
            if (!afterPassword.raw().contains("one-time-code")) {
                throw new IllegalStateException("no code page after the password");
            }
            signedIn = browser.submit(afterPassword, Map.of("code", mail.awaitCode(person.email())));
        } else {
            signedIn = afterPassword;
        }
        signedIn.expect(302, "redirect to the app");
        browser.exchangeCode(signedIn).expect(200, "code exchange");
    }
}
