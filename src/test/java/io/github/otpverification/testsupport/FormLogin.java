package io.github.otpverification.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sign-in over plain HTTP, as a browser without JavaScript does it: the authorization-code flow
 * with PKCE, following Keycloak's forms. One instance is one browser (its own cookies).
 */
public final class FormLogin {

    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final String VERIFIER = "form-login-verifier-0123456789-abcdefghijklmnopqrstuv";

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new LocalhostCookieJar())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String realmUrl;
    private final String clientId;
    private final String redirectUri;

    public FormLogin(String realmUrl, String clientId, String redirectUri) {
        this.realmUrl = realmUrl;
        this.clientId = clientId;
        this.redirectUri = redirectUri;
    }

    /** Opens the login page and returns its HTML. */
    public HttpResponse<String> open() throws IOException, InterruptedException {
        String verifier = VERIFIER;
        String challenge;
        try {
            challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return browser.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/auth?client_id=" + clientId
                + "&response_type=code&scope=openid&state=s1&code_challenge_method=S256&code_challenge=" + challenge
                + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Posts the page's (first) form with the given url-encoded fields. */
    public HttpResponse<String> submit(String page, String form) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(URI.create(formAction(page)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** True when the response sends the browser back to the app with an authorization code. */
    public boolean isSignedIn(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElse("");
        return response.statusCode() == 302 && location.startsWith(redirectUri) && location.contains("code=");
    }

    /** The access token the app gets for the authorization code of a signed-in response (a public client). */
    public String accessToken(HttpResponse<String> signedIn) throws IOException, InterruptedException {
        Matcher code = CODE.matcher(signedIn.headers().firstValue("Location").orElse(""));
        if (!code.find()) {
            throw new AssertionError("no authorization code in " + signedIn.headers().firstValue("Location"));
        }
        String form = "grant_type=authorization_code&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&code=" + code.group(1) + "&code_verifier=" + VERIFIER
                + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8);
        HttpResponse<String> tokens = browser.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = ACCESS_TOKEN.matcher(tokens.body());
        if (tokens.statusCode() != 200 || !token.find()) {
            throw new AssertionError("token request failed: " + tokens.statusCode() + " " + tokens.body());
        }
        return token.group(1);
    }

    public static String formAction(String html) {
        Matcher matcher = FORM_ACTION.matcher(html);
        if (!matcher.find()) {
            throw new AssertionError("no form in page");
        }
        return matcher.group(1).replace("&amp;", "&");
    }
}
