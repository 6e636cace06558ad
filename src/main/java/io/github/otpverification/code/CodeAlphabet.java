package io.github.otpverification.code;

import java.util.Locale;

/** The characters a code is drawn from. */
public enum CodeAlphabet {
    DIGITS("digits", "0123456789", "numeric"),
    /** Upper-case letters and digits without look-alikes (0/O, 1/I/L). */
    ALPHANUMERIC("alphanumeric", "ABCDEFGHJKMNPQRSTUVWXYZ23456789", "text");

    private final String configValue;
    private final String characters;
    private final String inputMode;

    CodeAlphabet(String configValue, String characters, String inputMode) {
        this.configValue = configValue;
        this.characters = characters;
        this.inputMode = inputMode;
    }

    public String configValue() {
        return configValue;
    }

    public String characters() {
        return characters;
    }

    /** The HTML {@code inputmode} that brings up the right keyboard on phones. */
    public String inputMode() {
        return inputMode;
    }

    /**
     * What a person typed, made comparable: spaces and dashes that people add when copying a
     * code are dropped; letters are upper-cased for the alphanumeric alphabet.
     */
    public String normalize(String typed) {
        if (typed == null) {
            return "";
        }
        String compact = typed.replaceAll("[\\s\\-]", "");
        return this == ALPHANUMERIC ? compact.toUpperCase(Locale.ROOT) : compact;
    }

    /** The alphabet named by a config value, or null when the value names none. */
    public static CodeAlphabet fromConfigValue(String value) {
        for (CodeAlphabet alphabet : values()) {
            if (alphabet.configValue.equalsIgnoreCase(value == null ? "" : value.trim())) {
                return alphabet;
            }
        }
        return null;
    }
}
