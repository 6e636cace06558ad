package io.github.otpverification.bench;

import io.github.otpverification.testsupport.FormLogin;
import io.github.otpverification.testsupport.Reply;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A virtual user of scenario 6: a new browser opens a blind page and posts what a person types
 * there (a phone number, a username), and the answer must be the code page. The POST is timed as
 * its own step ({@link #POST}): it is where a known account would be slower if the page waited for
 * the gateway or the mail server.
 */
final class BlindPageClient implements LoadPhase.Client {

    /** The timed step: the POST of the number or username, up to the code page. */
    static final String POST = "post";

    /** Which blind page. */
    enum Page {
        /** {@code phone-number-form} then {@code sms-otp-form}: the login page of {@link BenchRealms#PHONE_CLIENT}. */
        PHONE(BenchRealms.PHONE_CLIENT, "phoneNumber"),
        /** The realm's reset flow after "Choose User", then {@code email-otp-form}: from the login page of {@link BenchRealms#RESET_CLIENT}. */
        RESET(BenchRealms.RESET_CLIENT, "username");

        private final String clientId;
        private final String field;

        Page(String clientId, String field) {
            this.clientId = clientId;
            this.field = field;
        }
    }

    private static final Pattern RESET_LINK = Pattern.compile("href=\"([^\"]*/login-actions/reset-credentials[^\"]*)\"");
    private static final String CODE_FORM = "id=\"kc-otp-code-form\"";

    private final FormLogin browser;
    private final String baseUrl;
    private final Page page;
    private final Supplier<String> typed;
    private final long pauseMillis;

    /**
     * @param typed what the person types, one per operation (a known account's or nobody's)
     * @param pauseMillis how long to wait after each operation, untimed (0: none)
     */
    BlindPageClient(String baseUrl, Page page, Supplier<String> typed, long pauseMillis) {
        this.browser = new FormLogin(baseUrl + "/realms/" + BenchRealms.BLIND, page.clientId, BenchRealms.CALLBACK);
        this.baseUrl = baseUrl;
        this.page = page;
        this.typed = typed;
        this.pauseMillis = pauseMillis;
    }

    @Override
    public void op(Timings timings) throws Exception {
        browser.startOver();
        Reply form = browser.open().expect(200, "login page");
        if (page == Page.RESET) {
            form = browser.follow(baseUrl, redirectTo(resetLink(form.raw()))).expect(200, "reset page");
        }
        Reply submitted = form;
        Reply codePage = timings.time(POST, () -> browser.submit(submitted, Map.of(page.field, typed.get())));
        codePage.expect(200, "code page");
        if (!codePage.raw().contains(CODE_FORM)) {
            throw new IllegalStateException("not the code page after the " + page.field);
        }
        if (pauseMillis > 0) {
            Thread.sleep(pauseMillis);
        }
    }

    private static String resetLink(String html) {
        Matcher link = RESET_LINK.matcher(html);
        if (!link.find()) {
            throw new IllegalStateException("no reset-credentials link on the login page");
        }
        return link.group(1).replace("&amp;", "&");
    }

    /** A redirect to {@code url}, for {@link FormLogin#follow}: a browser opening the link with its cookies. */
    private static Reply redirectTo(String url) {
        return new Reply(302, "", HttpHeaders.of(Map.of("Location", List.of(url)), (name, value) -> true));
    }
}
