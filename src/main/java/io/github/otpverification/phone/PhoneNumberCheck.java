package io.github.otpverification.phone;

/**
 * A typed phone number, judged: either the E.164 form to use, or the message key of the
 * reason it was refused (each reason has its own translated message).
 */
public record PhoneNumberCheck(String e164, String regionCode, String errorKey) {

    public static final String INVALID = "phoneNumberInvalid";
    public static final String NOT_MOBILE = "phoneNumberNotMobile";
    public static final String PREMIUM_RATE = "phoneNumberPremiumRate";
    public static final String COUNTRY_NOT_ALLOWED = "phoneNumberCountryNotAllowed";
    public static final String MISSING = "phoneNumberMissing";

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
