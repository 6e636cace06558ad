package io.github.otpverification.names;

/**
 * The event details and event error codes of this extension, in one place. Event types are
 * Keycloak's own (it has no custom ones); see {@code docs/events.md}.
 */
public final class EventNames {

    // details of every send and check (never the code)
    public static final String CHANNEL = "channel";
    public static final String PURPOSE = "purpose";
    /** The masked address or number. */
    public static final String DESTINATION = "destination";
    /** {@code send-code} or {@code verify-code}. */
    public static final String OPERATION = "operation";
    public static final String SEND = "send-code";
    public static final String VERIFY = "verify-code";
    /** On a confirmed contact change: {@code sent}, {@code failed} or {@code no_address} (channel/ChangeNotice). */
    public static final String CHANGE_NOTICE = "change_notice";
    /** A code step passed by a trusted device: the device id (the trust token's {@code jti}), never the cookie. */
    public static final String TRUSTED_DEVICE = "trusted_device";

    // errors beyond Keycloak's Errors.*
    /** A send refused by the resend cooldown or an hourly cap. */
    public static final String TOO_MANY_REQUESTS = "too_many_requests";
    public static final String SMS_SEND_FAILED = "sms_send_failed";
    public static final String PHONE_NUMBER_IN_USE = "phone_number_in_use";
    public static final String PHONE_NUMBER_MISSING = "phone_number_missing";

    private EventNames() {
    }
}
