package io.github.otpverification.support;

/** Shows where a code went without giving the address away: {@code j***@e***.com}. */
public final class DestinationMask {

    private static final String HIDDEN = "***";

    private DestinationMask() {
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

    private static String firstChar(String value) {
        return value.substring(0, value.offsetByCodePoints(0, 1));
    }
}
