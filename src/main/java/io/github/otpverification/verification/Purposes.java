package io.github.otpverification.verification;

import java.util.List;

/**
 * What a code is for. A code verifies only for the purpose it was issued for, and the purpose
 * chooses the message text.
 */
public final class Purposes {

    public static final String VERIFY = "verify";
    public static final String LOGIN = "login";
    public static final String CHANGE_EMAIL = "change-email";
    public static final String CHANGE_PHONE = "change-phone";
    public static final String REGISTRATION = "registration";
    public static final String RESET_CREDENTIALS = "reset-credentials";

    public static final List<String> ALL = List.of(VERIFY, LOGIN, REGISTRATION, RESET_CREDENTIALS, CHANGE_EMAIL,
            CHANGE_PHONE, "delete-account");

    private Purposes() {
    }

    public static boolean isKnown(String purpose) {
        return ALL.contains(purpose);
    }

    /** A code that moves the account's email address or phone number to a new one. */
    public static boolean isContactChange(String purpose) {
        return CHANGE_EMAIL.equals(purpose) || CHANGE_PHONE.equals(purpose);
    }
}
