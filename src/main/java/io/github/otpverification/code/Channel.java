package io.github.otpverification.code;

/** Where a code is delivered. */
public enum Channel {
    EMAIL("email"),
    SMS("sms");

    private final String id;

    Channel(String id) {
        this.id = id;
    }

    /** The contract's name for the channel ({@code email}, {@code sms}). */
    public String id() {
        return id;
    }
}
