package io.github.otpverification.testsupport;

import java.net.CookieHandler;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A sign-in over plain HTTP, as a browser without JavaScript does it: the authorization-code flow
 * with PKCE, following Keycloak's forms, and the code exchanged for tokens. One instance is one
 * browser (its own cookies and connections); {@link #startOver()} makes it a new one, so no SSO
 * session shortcuts the next sign-in. The packaged-jar tests, the soak, the cluster test (one
 * browser's forms posted to both nodes) and the benchmark sign in with it.
 */
public final class FormLogin {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final Pattern RESET_LINK = Pattern.compile("href=\"([^\"]*/login-actions/reset-credentials[^\"]*)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final LocalhostCookies cookies = new LocalhostCookies();
    private final Http http = new Http(cookies);
    private final String realmUrl;
    private final String clientId;
    private final String redirectUri;
    private String verifier;

    public FormLogin(String realmUrl, String clientId, String redirectUri) {
        this.realmUrl = realmUrl;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
    }

    /** A sign-in to the realm's account console, as the README's first URL starts one. */
    public static FormLogin accountConsole(String realmUrl) {
        return new FormLogin(realmUrl, "account-console", realmUrl + "/account/");
    }

    /** Forgets every cookie: the next sign-in is a new browser's. */
    public void startOver() {
        cookies.clear();
    }

    /**
     * Ends the Keycloak session of this browser (its SSO and login cookies), keeping every other
     * cookie: the next sign-in is a new one on the same browser.
     */
    public void endKeycloakSession() {
        cookies.removeIf(name -> name.startsWith("KEYCLOAK_") || name.startsWith("AUTH_SESSION_ID") || name.startsWith("KC_"));
    }

    /** The value of this browser's cookie, or null. */
    public String cookie(String name) {
        return cookies.value(name);
    }

    /** Gives this browser a cookie (e.g. one copied from another browser, or altered). */
    public void setCookie(String name, String value) {
        cookies.set(name, value);
    }

    /** Opens the login page (a new PKCE verifier and state each time). */
    public Reply open() {
        return open("");
    }

    /** Opens the login page with more authorization request parameters, e.g. {@code &acr_values=gold}. */
    public Reply open(String moreParameters) {
        verifier = randomToken();
        return http.get(realmUrl + "/protocol/openid-connect/auth?client_id=" + clientId
                + "&response_type=code&scope=openid&state=" + randomToken()
                + "&code_challenge_method=S256&code_challenge=" + challenge(verifier)
                + "&redirect_uri=" + Http.encode(redirectUri) + moreParameters, null);
    }

    /** Follows the login page's "Forgot password?" link, as a person clicks it. */
    public Reply forgotPassword(Reply loginPage) {
        Matcher link = RESET_LINK.matcher(loginPage.raw());
        if (!link.find()) {
            throw new IllegalStateException("no reset-credentials link on the login page");
        }
        return http.get(URI.create(realmUrl).resolve(link.group(1).replace("&amp;", "&")).toString(), null);
    }

    /** Posts the page's (first) form with these fields. */
    public Reply submit(Reply page, Map<String, String> fields) {
        return http.postForm(formAction(page.raw()), fields);
    }

    /**
     * Posts the page's form to another server of the realm, {@code origin} (e.g.
     * {@code http://127.0.0.1:8281}): another node of a cluster behind the same public URL, with
     * this browser's cookies.
     */
    public Reply submit(String origin, Reply page, Map<String, String> fields) {
        return http.postForm(on(origin, formAction(page.raw())), fields);
    }

    /**
     * The page's step shown again, on {@code origin}, as a browser's reload shows it: its form's URL
     * opened, and Keycloak's redirect followed when that form is no longer the current one.
     */
    public Reply reload(String origin, Reply page) {
        Reply reply = http.get(on(origin, formAction(page.raw())), null);
        return reply.status() == 302 ? follow(origin, reply) : reply;
    }

    /** Opens where a redirect points, on {@code origin}. */
    public Reply follow(String origin, Reply redirect) {
        return http.get(on(origin, redirect.location()), null);
    }

    /** True when the answer sends the browser back to the app with an authorization code. */
    public boolean isSignedIn(Reply reply) {
        return reply.status() == 302 && reply.location().startsWith(redirectUri) && reply.location().contains("code=");
    }

    /** Exchanges the authorization code of the redirect to the app for tokens (the answer of the token endpoint). */
    public Reply exchangeCode(Reply redirect) {
        if (!isSignedIn(redirect)) {
            throw new IllegalStateException("not sent back to the app with a code: " + redirect.status() + " " + redirect.location());
        }
        return http.postForm(realmUrl + "/protocol/openid-connect/token", Map.of("grant_type", "authorization_code",
                "client_id", clientId, "code", queryParameter(redirect.location(), "code"), "redirect_uri", redirectUri,
                "code_verifier", verifier));
    }

    /** True when the page has a form to post (Keycloak's error pages have none). */
    public static boolean hasForm(Reply page) {
        return FORM_ACTION.matcher(page.raw()).find();
    }

    private static String formAction(String html) {
        Matcher matcher = FORM_ACTION.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("no form in page");
        }
        return matcher.group(1).replace("&amp;", "&");
    }

    /** The URL with its scheme, host and port replaced by {@code origin}. */
    private static String on(String origin, String url) {
        URI uri = URI.create(url);
        return origin + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String queryParameter(String location, String name) {
        String query = URI.create(location).getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no " + name + " in " + location);
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Cookies for a browser on http://localhost. Browsers treat localhost as a secure context and
     * send Keycloak's {@code Secure} cookies there; Java's CookieManager does not.
     */
    private static final class LocalhostCookies extends CookieHandler {

        private final Map<String, String> cookies = new ConcurrentHashMap<>();

        void clear() {
            cookies.clear();
        }

        void removeIf(Predicate<String> name) {
            cookies.keySet().removeIf(name);
        }

        String value(String name) {
            return cookies.get(name);
        }

        void set(String name, String value) {
            cookies.put(name, value);
        }

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
            if (cookies.isEmpty()) {
                return Map.of();
            }
            String header = cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
            return Map.of("Cookie", List.of(header));
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) {
            responseHeaders.forEach((name, values) -> {
                if ("Set-Cookie".equalsIgnoreCase(name)) {
                    for (String value : values) {
                        for (HttpCookie cookie : HttpCookie.parse(value)) {
                            if (cookie.getMaxAge() == 0) {
                                cookies.remove(cookie.getName());
                            } else {
                                cookies.put(cookie.getName(), cookie.getValue());
                            }
                        }
                    }
                }
            });
        }
    }
}
