package io.github.otpverification.forms;

/**
 * What the shared code-entry page ({@code otp-code-form.ftl}) shows: where the code went (only
 * when one really is pending), which keyboard to offer, and when a resend is possible. Exposed to
 * FreeMarker as {@code otp}; a class with getters rather than a record, because FreeMarker reads
 * bean properties.
 */
public final class CodeFormBean {

    public static final String ATTRIBUTE = "otp";
    public static final String TEMPLATE = "otp-code-form.ftl";

    private final String channel;
    private final String destination;
    private final String sentTo;
    private final String inputMode;
    private final int codeLength;
    private final long resendIn;
    private final boolean codePending;

    public CodeFormBean(String channel, String destination, String sentTo, String inputMode, int codeLength, long resendIn,
                        boolean codePending) {
        this.channel = channel;
        this.destination = destination;
        this.sentTo = sentTo;
        this.inputMode = inputMode;
        this.codeLength = codeLength;
        this.resendIn = resendIn;
        this.codePending = codePending;
    }

    public String getChannel() {
        return channel;
    }

    public String getDestination() {
        return destination;
    }

    /** The message key of the sentence that says where the code went; {@code {0}} is {@link #getDestination()}. */
    public String getSentTo() {
        return sentTo;
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

    /** False when no code is waiting (e.g. the first send was refused): the page then claims no send. */
    public boolean isCodePending() {
        return codePending;
    }
}
