package io.github.otpverification.names;

/**
 * The names a trusted device leaves in the browser and on the account (docs/trusted-devices.md):
 * one cookie per channel, and the time the account's trust was last revoked.
 */
public final class TrustedDeviceNames {

    /** Followed by the channel in upper case: {@code OTP_TRUSTED_DEVICE_EMAIL}, {@code OTP_TRUSTED_DEVICE_SMS}. */
    public static final String COOKIE_PREFIX = "OTP_TRUSTED_DEVICE_";
    /**
     * Epoch milliseconds of the last {@code DELETE .../trusted-devices} (or the account console's "Sign
     * out all devices"); trust earned before it is void. Not for users to edit: like
     * {@code phoneNumberConfirmed} it stays out of the user profile (docs/security.md).
     */
    public static final String REVOKED_AT_ATTRIBUTE = "otpTrustedDevicesRevokedAt";
    /** The {@code typ} of the cookie's token, so no other token of the realm passes for one. */
    public static final String TOKEN_TYPE = "otp-trusted-device";

    private TrustedDeviceNames() {
    }
}
