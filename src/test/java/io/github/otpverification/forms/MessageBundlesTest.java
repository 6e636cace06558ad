package io.github.otpverification.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.otpverification.verification.Purposes;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import io.github.otpverification.channel.Channel;
import io.github.otpverification.channel.Channels;
import io.github.otpverification.names.MessageKeys;

/** Every shipped language has every key, with the same placeholders, and each message parses. */
class MessageBundlesTest {

    private static final Path MESSAGES = Path.of("themes", "messages");
    /** Keys the templates borrow from Keycloak's own bundles, which translate them already. */
    private static final Set<String> KEYCLOAK_KEYS = Set.of("doSubmit", "doBack", "email");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

    /** Keycloak loads extension messages by {@code Locale.toString()}: pt-BR is pt_BR, zh-CN is zh_CN. */
    @Test
    void theTenLanguagesAreShipped() throws IOException {
        assertEquals(new TreeSet<>(List.of("en", "de", "fr", "es", "it", "nl", "pl", "pt_BR", "ja", "zh_CN")),
                bundles().stream().map(b -> b.substring("messages_".length(), b.length() - ".properties".length()))
                        .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void everyPurposeHasItsMailAndSmsTexts() throws IOException {
        Properties english = load("messages_en.properties");
        for (String purpose : Purposes.ALL) {
            for (String prefix : List.of("otpEmailSubject.", "otpEmailSubjectWithCode.", "otpEmailIntro.", "otpEmailIgnore.",
                    "otpSmsText.")) {
                assertTrue(english.containsKey(prefix + purpose), "missing " + prefix + purpose);
            }
        }
    }

    @Test
    void everyBundleHasEveryKeyWithTheSamePlaceholders() throws IOException {
        Properties english = load("messages_en.properties");
        for (String bundle : bundles()) {
            Properties translated = load(bundle);
            assertEquals(english.stringPropertyNames(), translated.stringPropertyNames(), bundle + " keys");
            for (String key : english.stringPropertyNames()) {
                assertEquals(placeholders(english.getProperty(key)), placeholders(translated.getProperty(key)),
                        bundle + " placeholders of " + key);
                assertFalse(translated.getProperty(key).isBlank(), bundle + " " + key + " is blank");
                // MessageFormat drops a lone apostrophe (and what follows up to the next one): write ''
                assertFalse(translated.getProperty(key).replace("''", "").contains("'"), bundle + " " + key + " has a lone apostrophe");
                new MessageFormat(translated.getProperty(key)).format(new Object[] {1, 2, 3});
            }
        }
    }

    @Test
    void everyMessageKeyTheTemplatesUseExists() throws IOException {
        Properties english = load("messages_en.properties");
        Set<String> used = new TreeSet<>();
        try (Stream<Path> templates = Files.walk(Path.of("themes", "templates"))) {
            for (Path template : templates.filter(p -> p.toString().endsWith(".ftl")).toList()) {
                Matcher matcher = Pattern.compile("msg\\(\"([A-Za-z.]+)\"( \\+ (\\w+)\\.?(\\w*))?").matcher(Files.readString(template));
                while (matcher.find()) {
                    used.add(matcher.group(1) + (matcher.group(2) == null ? "" : "*"));
                }
            }
        }
        for (String key : used) {
            boolean found = key.endsWith("*")
                    ? english.stringPropertyNames().stream().anyMatch(k -> k.startsWith(key.substring(0, key.length() - 1)))
                    : english.containsKey(key) || KEYCLOAK_KEYS.contains(key);
            assertTrue(found, "template uses missing key " + key);
        }
    }

    /** Every key the Java code uses ({@link MessageKeys}) is in every language; prefixes for every channel / purpose. */
    @Test
    void everyMessageKeyTheJavaCodeUsesExists() throws Exception {
        for (String bundle : bundles()) {
            Properties messages = load(bundle);
            for (java.lang.reflect.Field constant : MessageKeys.class.getFields()) {
                String key = (String) constant.get(null);
                if (constant.getName().endsWith("_PREFIX")) {
                    List<String> suffixes = key.startsWith("otpEmail") ? Purposes.ALL
                            : Channels.ALL.stream().map(Channel::id).toList();
                    for (String suffix : suffixes) {
                        assertTrue(messages.containsKey(key + suffix), bundle + " lacks " + key + suffix);
                    }
                } else {
                    assertTrue(messages.containsKey(key), bundle + " lacks " + key + " (MessageKeys." + constant.getName() + ")");
                }
            }
        }
    }

    private static List<String> bundles() throws IOException {
        try (Stream<Path> files = Files.list(MESSAGES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".properties")).sorted().toList();
        }
    }

    private static Properties load(String bundle) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(MESSAGES.resolve(bundle), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static Set<String> placeholders(String message) {
        return PLACEHOLDER.matcher(message).results().map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }
}
