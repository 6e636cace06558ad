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
 * Every shipped SMS text fits one segment. Texts in GSM-7 (every Latin-script language we ship)
 * get 160 characters with the worst case: a realm name and host of 24 characters and the longest
 * code (10). Japanese and Chinese need UCS-2, where a segment is only 70 characters and the
 * WebOTP line alone takes about 30: they must fit with the default 6-digit code, a realm name of up
 * to 12 characters and a host of up to 20 (the README says so).
 */
class SmsSegmentTest {

    private static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM7_EXTENDED = "^{}\\[~]|€";
    private static final String CODE = "ABCDEFGH23";
    private static final String REALM = "Example Identity Service";
    private static final String HOST = "login.example-company.io";
    private static final String UCS2_CODE = "123456";
    private static final String UCS2_REALM = "Example Shop";
    private static final String UCS2_HOST = "auth.example-shop.jp";

    @Test
    void everyShippedTextFitsOneSegment() throws IOException {
        try (Stream<Path> bundles = Files.list(Path.of("themes", "messages"))) {
            for (Path bundle : bundles.toList()) {
                Properties messages = load(bundle);
                for (String key : messages.stringPropertyNames()) {
                    if (!key.startsWith("otpSmsText.")) {
                        continue;
                    }
                    String text = sms(messages.getProperty(key), CODE, REALM, HOST);
                    if (isGsm7(text)) {
                        assertTrue(gsm7Length(text) <= 160, bundle.getFileName() + " " + key + " is " + gsm7Length(text) + " > 160: " + text);
                    } else {
                        text = sms(messages.getProperty(key), UCS2_CODE, UCS2_REALM, UCS2_HOST);
                        assertTrue(text.length() <= 70, bundle.getFileName() + " " + key + " is " + text.length() + " > 70 (UCS-2): " + text);
                    }
                }
            }
        }
    }

    /** What {@code sms/otp-code-sms.ftl} renders: the text, a blank line and the WebOTP line. */
    private static String sms(String pattern, String code, String realm, String host) {
        return new MessageFormat(pattern, Locale.ROOT).format(new Object[] {code, realm, 5}) + "\n\n@" + host + " #" + code;
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
