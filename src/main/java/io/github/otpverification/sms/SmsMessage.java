package io.github.otpverification.sms;

import io.github.otpverification.privacy.DestinationMask;

/** One text message: E.164 recipient, text, and for the gateway's records the realm and purpose. */
public record SmsMessage(String to, String text, String realm, String purpose) {

    /** Never prints the full number or the text (which carries the code). */
    @Override
    public String toString() {
        return "SmsMessage[to=" + DestinationMask.phone(to) + ", realm=" + realm + ", purpose=" + purpose + "]";
    }
}
