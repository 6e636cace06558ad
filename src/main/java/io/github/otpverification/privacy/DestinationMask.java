package io.github.otpverification.privacy;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

/** Shows where a code went without giving the address away: {@code j***@e***.com}. */
public final class DestinationMask {

    private static final String HIDDEN = "***";

    private DestinationMask() {
    }

    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^\\s@<>\"'(),;:]+@[^\\s@<>\"'(),;:]+");
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("\\+?\\d[\\d ()./\\-]{5,}\\d");

    /**
     * A text fit for events and logs: every address and every run of seven or more digits in it
     * (a phone number in a gateway's error, say) masked.
     */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        String withoutAddresses = EMAIL.matcher(text).replaceAll(match -> java.util.regex.Matcher.quoteReplacement(email(match.group())));
        return NUMBER.matcher(withoutAddresses).replaceAll(match -> {
            String digits = match.group().replaceAll("[^0-9]", "");
            return digits.length() < 7 ? match.group() : java.util.regex.Matcher.quoteReplacement(phone("+" + digits));
        });
    }

    /**
     * What a person typed, to show back on a page: masked when it is an email address or a phone
     * number, else as it was typed (a username with digits in it is no phone number).
     */
    public static String typed(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.contains("@") || NUMBER.matcher(trimmed).matches() ? scrub(trimmed) : text;
    }

    public static String email(String address) {
        if (address == null || address.isBlank()) {
            return "";
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return firstChar(address) + HIDDEN;
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        int lastDot = domain.lastIndexOf('.');
        String topLevel = lastDot > 0 && lastDot < domain.length() - 1 ? domain.substring(lastDot) : "";
        return firstChar(local) + HIDDEN + "@" + firstChar(domain) + HIDDEN + topLevel;
    }

    /** {@code +4915112345678} becomes {@code +49 *** *** 78}: country code and last two digits. */
    public static String phone(String e164) {
        if (e164 == null || e164.isBlank()) {
            return "";
        }
        String digits = e164.replaceAll("[^0-9]", "");
        if (digits.length() < 6) {
            return HIDDEN;
        }
        return countryCodePrefix(digits) + HIDDEN + " " + HIDDEN + " " + digits.substring(digits.length() - 2);
    }

    private static String countryCodePrefix(String digits) {
        try {
            return "+" + PhoneNumberUtil.getInstance().parse("+" + digits, null).getCountryCode() + " ";
        } catch (NumberParseException e) {
            return "";
        }
    }

    private static String firstChar(String value) {
        return value.substring(0, value.offsetByCodePoints(0, 1));
    }
}
