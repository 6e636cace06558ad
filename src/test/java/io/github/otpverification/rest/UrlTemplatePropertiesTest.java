package io.github.otpverification.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * A link template is either refused with the documented sentence or accepted; an accepted one,
 * filled with any values, is an absolute http(s) link to the origin that was checked, with
 * every value percent-encoded.
 */
class UrlTemplatePropertiesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern ENCODED = Pattern.compile("([A-Za-z0-9._~-]|%[0-9A-F]{2})*");

    @Property(tries = 1000)
    void anyTemplateIsAcceptedOrRefusedWithASentence(@ForAll("templates") String template) {
        try {
            UrlTemplate parsed = UrlTemplate.parse(template);
            assertTrue(template.length() <= UrlTemplate.MAX_LENGTH);
            assertTrue(parsed.origin().matches("https?://[^/?#@]+"), parsed.origin());
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage().startsWith("urlTemplate "), refused.getMessage());
        }
    }

    @Property(tries = 800, edgeCases = EdgeCasesMode.NONE) // edge cases of the generator are mostly refused templates
    @StatisticsReport(onFailureOnly = true)
    void filledLinksStayOnTheCheckedOriginWithEveryValueEncoded(@ForAll("templates") String template,
                                                                @ForAll("values") Map<String, String> values) {
        Statistics.label("template").coverage(coverage -> coverage.check("accepted with placeholders").percentage(p -> p >= 20));
        UrlTemplate parsed;
        try {
            parsed = UrlTemplate.parse(template);
        } catch (IllegalArgumentException refused) {
            Statistics.label("template").collect("refused");
            return;
        }
        Statistics.label("template").collect(PLACEHOLDER.matcher(template).find() ? "accepted with placeholders" : "accepted without");

        String link = parsed.fill(values);

        URI uri = uri(link);
        assertTrue(uri.isAbsolute() && uri.getHost() != null && uri.getUserInfo() == null, link);
        assertEquals(parsed.origin(), UrlTemplate.originOf(uri), "template " + template + ", link " + link);
        assertEquals(expectedFill(template, values), link);
    }

    @Property(tries = 1000)
    void encodedValuesUseOnlyUnreservedCharactersAndDecodeToTheValue(@ForAll("value") String value) {
        String encoded = UrlTemplate.percentEncode(value);

        assertTrue(ENCODED.matcher(encoded).matches(), encoded);
        assertEquals(new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8),
                URLDecoder.decode(encoded, StandardCharsets.UTF_8));
    }

    @Property(tries = 200)
    void overLongTemplatesAreRefused(@ForAll("templates") String template) {
        String tooLong = template + "x".repeat(Math.max(1, UrlTemplate.MAX_LENGTH + 1 - template.length()));

        assertThrows(IllegalArgumentException.class, () -> UrlTemplate.parse(tooLong));
    }

    /** Templates built the way apps write them, with placeholders, odd characters and odd places mixed in. */
    @Provide
    Arbitrary<String> templates() {
        Arbitrary<String> placeholder = Arbitraries.frequencyOf(
                Tuple.of(30, Arbitraries.of(UrlTemplate.PLACEHOLDERS).map(name -> "{" + name + "}")),
                Tuple.of(1, Arbitraries.of("{secret}", "{}", "{CODE}", "{code", "code}", "{{code}}", "{code}}", "{ code}")));
        Arbitrary<String> text = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.strings().withCharRange('a', 'z').withChars("0123456789-._~").ofMinLength(1).ofMaxLength(8)),
                Tuple.of(6, Arbitraries.of("%41", "@", ":", ";", "=", "&", "/", "?", "#", "+", "$", "*", "é", "!", "'", ",")),
                Tuple.of(1, Arbitraries.of("%", " ", "\\", "[", "]", "<", "\"", "|", "^", "`")),
                Tuple.of(1, Arbitraries.strings().all().ofMaxLength(3)));
        Arbitrary<String> piece = Arbitraries.frequencyOf(Tuple.of(3, text), Tuple.of(2, placeholder));
        Arbitrary<String> scheme = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of("https://", "http://", "HTTPS://", "Http://")),
                Tuple.of(1, Arbitraries.of("ftp://", "javascript:", "//", "", "https:", "https:/", "{code}://", "http{code}://",
                        "data:text/html,", "mailto:")));
        Arbitrary<String> label = Arbitraries.frequencyOf(
                Tuple.of(9, Combinators.combine(Arbitraries.chars().range('a', 'z'),
                        Arbitraries.strings().withCharRange('a', 'z').withChars("0123456789-").ofMaxLength(8), Arbitraries.chars().range('a', 'z'))
                        .as((first, middle, last) -> first + middle + last)),
                Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').withChars("0123456789-_").ofMinLength(1).ofMaxLength(4)));
        Arbitrary<String> host = Arbitraries.frequencyOf(
                Tuple.of(8, label.list().ofMinSize(1).ofMaxSize(3).map(labels -> String.join(".", labels))),
                Tuple.of(1, Arbitraries.of("localhost", "127.0.0.1", "[::1]", "xn--bcher-kva.de", "bücher.de", "APP.Example.COM")),
                Tuple.of(2, Combinators.combine(label, placeholder, label).as((a, p, b) -> a + "." + p + b)),
                Tuple.of(1, Combinators.combine(placeholder, label).as((p, a) -> p + "." + a + ".com")),
                Tuple.of(1, Arbitraries.of("user@app.example.com", "user:pw@app.example.com", "{userId}@app.example.com",
                        "app.example.com@evil.example", "app.example.com%2F@evil.example")));
        Arbitrary<String> port = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.just("")),
                Tuple.of(2, Arbitraries.integers().between(0, 70000).map(p -> ":" + p)),
                Tuple.of(1, Arbitraries.of(":", ":443", ":80", ":{code}", ":8{code}", ":-1", ":abc")));
        Arbitrary<String> path = piece.list().ofMaxSize(5).map(pieces -> pieces.isEmpty() ? "" : "/" + String.join("", pieces));
        Arbitrary<String> query = piece.list().ofMaxSize(5).map(pieces -> pieces.isEmpty() ? "" : "?" + String.join("", pieces));
        Arbitrary<String> fragment = piece.list().ofMaxSize(3).map(pieces -> pieces.isEmpty() ? "" : "#" + String.join("", pieces));
        Arbitrary<String> structured = Combinators.combine(scheme, host, port, path, query, fragment)
                .as((s, h, p, pa, q, f) -> s + h + p + pa + q + f);
        return Arbitraries.frequencyOf(Tuple.of(8, structured), Tuple.of(1, Arbitraries.strings().all().ofMaxLength(250)),
                Tuple.of(1, piece.list().ofMaxSize(10).map(pieces -> String.join("", pieces))));
    }

    @Provide
    Arbitrary<Map<String, String>> values() {
        Arbitrary<String> name = Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.of(UrlTemplate.PLACEHOLDERS)),
                Tuple.of(1, Arbitraries.strings().ofMaxLength(5)));
        return Arbitraries.maps(name, value()).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> value() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(20)),
                Tuple.of(3, Arbitraries.strings().withChars("/?#@:.%&=+$\\{}[] \"'<>evil.com").ofMaxLength(20)),
                Tuple.of(1, Arbitraries.of("", "..", "../..", "//evil.example", "@evil.example", ":8080", "%2F", "\uD800", "\uD83D\uDE00",
                        "$1", "\\1", "{code}")));
    }

    /** The template with each placeholder replaced by its value, encoded as RFC 3986 wants (independently of the code under test). */
    private static String expectedFill(String template, Map<String, String> values) {
        Matcher placeholders = PLACEHOLDER.matcher(template);
        StringBuilder expected = new StringBuilder();
        int from = 0;
        while (placeholders.find()) {
            expected.append(template, from, placeholders.start());
            expected.append(URLEncoder.encode(values.getOrDefault(placeholders.group(1), ""), StandardCharsets.UTF_8)
                    .replace("+", "%20").replace("*", "%2A").replace("%7E", "~"));
            from = placeholders.end();
        }
        return expected.append(template.substring(from)).toString();
    }

    private static URI uri(String link) {
        try {
            return new URI(link);
        } catch (URISyntaxException e) {
            throw new AssertionError("filled link is not a URI: " + link, e);
        }
    }

}
