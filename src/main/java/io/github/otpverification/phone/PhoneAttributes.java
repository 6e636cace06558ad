package io.github.otpverification.phone;

import org.keycloak.models.UserModel;

/**
 * The user attributes that hold a phone number: the names Keycloak's built-in {@code phone}
 * client scope maps to the {@code phone_number} and {@code phone_number_verified} claims.
 */
public final class PhoneAttributes {

    public static final String PHONE_NUMBER = "phoneNumber";
    public static final String PHONE_NUMBER_VERIFIED = "phoneNumberVerified";
    /** The keyed hash of the number a code confirmed (not for users to edit: see docs/security.md). */
    public static final String CONFIRMED_NUMBER = "phoneNumberConfirmed";

    private PhoneAttributes() {
    }

    /** The user's number if it is verified, else null. */
    public static String verifiedNumber(UserModel user) {
        String number = user.getFirstAttribute(PHONE_NUMBER);
        boolean verified = Boolean.parseBoolean(user.getFirstAttribute(PHONE_NUMBER_VERIFIED));
        return number == null || number.isBlank() || !verified ? null : number;
    }

    /** Written only after the number's code was confirmed. */
    public static void setVerified(UserModel user, String e164) {
        user.setSingleAttribute(PHONE_NUMBER, e164);
        user.setSingleAttribute(PHONE_NUMBER_VERIFIED, "true");
    }
}
