package io.github.otpverification.sms;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every shipped SMS text fits one segment: 160 GSM-7 characters, or 70 UCS-2 characters when the
 * language needs characters outside GSM-7. Assumes a realm display name and a host of up to 24
 * characters and the longest code (10 characters).
 */
class SmsSegmentTest {

    private static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM7_EXTENDED = "^{}\\[~]|€";
    private static final String CODE = "ABCDEFGH23";
    private static final String REALM = "Example Identity Service";
    private static final String HOST = "login.example-company.io";

    @Test
    void everyShippedTextFitsOneSegment() throws IOException {
        try (Stream<Path> bundles = Files.list(Path.of("themes", "messages"))) {
            for (Path bundle : bundles.toList()) {
                Properties messages = load(bundle);
                for (String key : messages.stringPropertyNames()) {
                    if (!key.startsWith("otpSmsText.")) {
                        continue;
                    }
                    String text = new MessageFormat(messages.getProperty(key), Locale.ROOT).format(new Object[] {CODE, REALM, 5})
                            + "\n\n@" + HOST + " #" + CODE;
                    int limit = isGsm7(text) ? 160 : 70;
                    int length = gsm7Length(text);
                    assertTrue(length <= limit, bundle.getFileName() + " " + key + " is " + length + " > " + limit + ": " + text);
                }
            }
        }
    }

    private static boolean isGsm7(String text) {
        return text.chars().allMatch(c -> GSM7_BASIC.indexOf(c) >= 0 || GSM7_EXTENDED.indexOf(c) >= 0);
    }

    private static int gsm7Length(String text) {
        return text.chars().map(c -> GSM7_EXTENDED.indexOf(c) >= 0 ? 2 : 1).sum();
    }

    private static Properties load(Path bundle) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
