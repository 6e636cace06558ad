package io.github.otpverification.bench;

import io.github.otpverification.testsupport.LocalhostCookieJar;
import java.net.CookieHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A virtual user signing people in the way a browser does: the authorization-code flow with PKCE
 * of the realm's {@code account-console} client, following the login forms over plain HTTP, the
 * emailed code read from GreenMail when the realm asks for one, and the code exchanged for tokens.
 * Every login starts with empty cookies (a new browser), so no SSO session shortcuts it.
 */
final class BrowserLogin implements LoadPhase.Client {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final FreshCookies cookies = new FreshCookies();
    private final Http http = new Http(cookies);
    private final String realmUrl;
    private final String redirectUri;
    private final List<AdminApi.BenchUser> people;
    private final MailCatcher mail;
    private final boolean expectsCode;
    private int next;

    /**
     * @param people      whom this virtual user signs in, in turn
     * @param expectsCode whether the realm's flow asks for an emailed code after the password
     */
    BrowserLogin(String baseUrl, String realm, List<AdminApi.BenchUser> people, MailCatcher mail, boolean expectsCode) {
        this.realmUrl = baseUrl + "/realms/" + realm;
        this.redirectUri = realmUrl + "/account/";
        this.people = people;
        this.mail = mail;
        this.expectsCode = expectsCode;
    }

    @Override
    public void op(Timings timings) throws Exception {
        AdminApi.BenchUser person = people.get(next++ % people.size());
        cookies.clear();
        mail.discard(person.email());
        String verifier = randomToken();
        String loginPage = http.get(realmUrl + "/protocol/openid-connect/auth?client_id=account-console&response_type=code"
                + "&scope=openid&state=" + randomToken() + "&code_challenge_method=S256&code_challenge=" + challenge(verifier)
                + "&redirect_uri=" + Http.encode(redirectUri), null).expect(200, "login page").body();
        Http.Reply afterPassword = http.postForm(formAction(loginPage), Map.of("username", person.username(),
                "password", person.password()));
        Http.Reply signedIn;
        if (expectsCode) {
            afterPassword.expect(200, "code page");
            if (!afterPassword.body().contains("one-time-code")) {
                throw new IllegalStateException("no code page after the password");
            }
            String code = mail.awaitCode(person.email());
            signedIn = http.postForm(formAction(afterPassword.body()), Map.of("code", code));
        } else {
            signedIn = afterPassword;
        }
        signedIn.expect(302, "redirect to the app");
        String authorizationCode = queryParameter(signedIn.location(), "code");
        http.postForm(realmUrl + "/protocol/openid-connect/token", Map.of("grant_type", "authorization_code",
                "client_id", "account-console", "code", authorizationCode, "redirect_uri", redirectUri,
                "code_verifier", verifier)).expect(200, "code exchange");
    }

    private static String formAction(String html) {
        Matcher matcher = FORM_ACTION.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("no form in page");
        }
        return matcher.group(1).replace("&amp;", "&");
    }

    private String queryParameter(String location, String name) {
        if (!location.startsWith(redirectUri)) {
            throw new IllegalStateException("redirected elsewhere: " + location);
        }
        String query = URI.create(location).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no " + name + " in " + location);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) throws NoSuchAlgorithmException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The cookies of one browser, emptied before each login. */
    private static final class FreshCookies extends CookieHandler {

        private volatile LocalhostCookieJar jar = new LocalhostCookieJar();

        void clear() {
            jar = new LocalhostCookieJar();
        }

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            return jar.get(uri, requestHeaders);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            jar.put(uri, responseHeaders);
        }
    }
}
