package io.github.otpverification.names;

/** The ids admins and realm exports use for this extension's providers. */
public final class ProviderIds {

    public static final String EMAIL_OTP_FORM = "email-otp-form";
    public static final String SMS_OTP_FORM = "sms-otp-form";
    public static final String PHONE_NUMBER_FORM = "phone-number-form";
    public static final String VERIFY_EMAIL_CODE = "VERIFY_EMAIL_CODE";
    public static final String VERIFY_PHONE_NUMBER = "VERIFY_PHONE_NUMBER";
    public static final String REST_RESOURCE = "verification";
    /** The global event listener that ends trusted devices on the account console's "Sign out all devices". */
    public static final String TRUSTED_DEVICES_LISTENER = "otp-trusted-devices";

    private ProviderIds() {
    }
}
