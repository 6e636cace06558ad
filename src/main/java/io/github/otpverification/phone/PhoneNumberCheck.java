package io.github.otpverification.phone;

import io.github.otpverification.names.MessageKeys;

/**
 * A typed phone number, judged: either the E.164 form to use, or the message key of the
 * reason it was refused (each reason has its own translated message).
 */
public record PhoneNumberCheck(String e164, String regionCode, String errorKey) {

    public static final String INVALID = MessageKeys.PHONE_NUMBER_INVALID;
    public static final String NOT_MOBILE = MessageKeys.PHONE_NUMBER_NOT_MOBILE;
    public static final String PREMIUM_RATE = MessageKeys.PHONE_NUMBER_PREMIUM_RATE;
    public static final String COUNTRY_NOT_ALLOWED = MessageKeys.PHONE_NUMBER_COUNTRY_NOT_ALLOWED;
    public static final String MISSING = MessageKeys.PHONE_NUMBER_MISSING;

    static PhoneNumberCheck valid(String e164, String regionCode) {
        return new PhoneNumberCheck(e164, regionCode, null);
    }

    static PhoneNumberCheck refused(String errorKey) {
        return new PhoneNumberCheck(null, null, errorKey);
    }

    public boolean isValid() {
        return errorKey == null;
    }
}
