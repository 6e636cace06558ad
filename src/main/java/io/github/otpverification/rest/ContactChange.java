package io.github.otpverification.rest;

import io.github.otpverification.phone.PhoneNumberCheck;
import io.github.otpverification.phone.PhoneNumberRules;
import io.github.otpverification.phone.PhoneNumberValidator;
import io.github.otpverification.settings.RealmOtpSettings;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.keycloak.utils.EmailValidationUtil;

/** Bodies of {@code PUT /me/phone-number} and {@code PUT /me/email}: the new number or address, checked. */
final class ContactChange {

    private static final Map<String, String> PHONE_REFUSALS = Map.of(
            PhoneNumberCheck.MISSING, "'phoneNumber' is required.",
            PhoneNumberCheck.INVALID, "This is not a valid phone number. Give it in international form, e.g. +4915112345678.",
            PhoneNumberCheck.NOT_MOBILE, "This is not a mobile number: it cannot receive text messages.",
            PhoneNumberCheck.PREMIUM_RATE, "Premium-rate numbers cannot receive codes.",
            PhoneNumberCheck.COUNTRY_NOT_ALLOWED, "Phone numbers from this country are not accepted in this realm.");

    private ContactChange() {
    }

    /** The sentence for a number the realm's phone rules refuse (by the rule's message key). */
    static String phoneRefusal(String messageKey) {
        return PHONE_REFUSALS.getOrDefault(messageKey, "This phone number cannot be used.");
    }

    record Phone(String phoneNumber, String locale) {

        static Phone read(String contentType, InputStream body, RealmOtpSettings settings) {
            JsonBody json = JsonBody.read(contentType, body, Set.of("phoneNumber", "locale"));
            String typed = json.requiredString("phoneNumber", 64);
            PhoneNumberRules rules = new PhoneNumberRules(null, Set.copyOf(settings.smsAllowedCountries()), false);
            PhoneNumberCheck check = new PhoneNumberValidator().check(typed, rules);
            if (!check.isValid()) {
                throw ApiError.INVALID_PHONE_NUMBER.because(phoneRefusal(check.errorKey()));
            }
            return new Phone(check.e164(), CodeRequest.locale(json, "locale"));
        }
    }

    record Email(String email, String locale) {

        static Email read(String contentType, InputStream body) {
            JsonBody json = JsonBody.read(contentType, body, Set.of("email", "locale"));
            String email = json.requiredString("email", 254).trim();
            if (!EmailValidationUtil.isValidEmail(email)) {
                throw ApiError.INVALID_EMAIL.because("'email' is not a valid email address.");
            }
            return new Email(email.toLowerCase(Locale.ROOT), CodeRequest.locale(json, "locale"));
        }
    }
}
