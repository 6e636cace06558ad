package io.github.otpverification.code;

/** At most {@code maxPerHour} sends for one subject (a user, a destination, an IP, a realm) per clock hour; 0: no limit. */
public record SendLimit(String scope, String subject, int maxPerHour) {
}
