package io.github.otpverification.support;

/**
 * What the shared code-entry page ({@code otp-code-form.ftl}) shows: where the code went,
 * which keyboard to offer, and when a resend is possible. Exposed to FreeMarker as {@code otp}.
 */
public record CodeFormBean(String channel, String destination, String inputMode, int codeLength, long resendIn) {

    public static final String ATTRIBUTE = "otp";
    public static final String TEMPLATE = "otp-code-form.ftl";

    // FreeMarker reads JavaBean getters, not record accessors.
    public String getChannel() {
        return channel;
    }

    public String getDestination() {
        return destination;
    }

    public String getInputMode() {
        return inputMode;
    }

    public int getCodeLength() {
        return codeLength;
    }

    public long getResendIn() {
        return resendIn;
    }
}
