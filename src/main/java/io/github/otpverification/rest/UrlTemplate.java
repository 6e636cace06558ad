package io.github.otpverification.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An app's link template such as {@code https://app.example.com/verify?code={code}&user={userId}}:
 * absolute http(s), at most {@value #MAX_LENGTH} characters, only the placeholders {@link #PLACEHOLDERS}, and
 * those only after the origin (in the path, query or fragment).
 * Filling it percent-encodes every value, so a value can never change the link's structure.
 */
public final class UrlTemplate {

    public static final int MAX_LENGTH = 200;
    public static final List<String> PLACEHOLDERS = List.of("code", "userId", "realm", "purpose");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private final String template;
    private final String origin;

    private UrlTemplate(String template, String origin) {
        this.template = template;
        this.origin = origin;
    }

    /** @throws IllegalArgumentException with a sentence for the app developer */
    public static UrlTemplate parse(String template) {
        if (template.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("urlTemplate is longer than " + MAX_LENGTH + " characters.");
        }
        Matcher placeholders = PLACEHOLDER.matcher(template);
        StringBuilder sample = new StringBuilder();
        int firstPlaceholder = -1;
        while (placeholders.find()) {
            firstPlaceholder = firstPlaceholder < 0 ? placeholders.start() : firstPlaceholder;
            if (!PLACEHOLDERS.contains(placeholders.group(1))) {
                throw new IllegalArgumentException("urlTemplate has an unknown placeholder {" + placeholders.group(1)
                        + "}; allowed are {code}, {userId}, {realm} and {purpose}.");
            }
            placeholders.appendReplacement(sample, "x");
        }
        placeholders.appendTail(sample);
        URI uri;
        try {
            uri = new URI(sample.toString());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("urlTemplate is not a valid URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("urlTemplate must be an absolute http or https URL with a host.");
        }
        // The origin is checked once, here: a value filled into it would lead the link elsewhere.
        if (firstPlaceholder >= 0 && firstPlaceholder < (uri.getScheme() + "://" + uri.getRawAuthority()).length()) {
            throw new IllegalArgumentException("urlTemplate may have placeholders only in its path, query or fragment.");
        }
        return new UrlTemplate(template, originOf(uri));
    }

    /** scheme://host[:port], lower case, the port only when it is not the scheme's default. */
    public static String originOf(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    public String origin() {
        return origin;
    }

    public String fill(Map<String, String> values) {
        Matcher placeholders = PLACEHOLDER.matcher(template);
        StringBuilder link = new StringBuilder();
        while (placeholders.find()) {
            String value = values.getOrDefault(placeholders.group(1), "");
            placeholders.appendReplacement(link, Matcher.quoteReplacement(percentEncode(value)));
        }
        placeholders.appendTail(link);
        return link.toString();
    }

    /** Everything but RFC 3986 unreserved characters is encoded: safe in a path, a query and a fragment. */
    static String percentEncode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                encoded.append(c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return encoded.toString();
    }
}
