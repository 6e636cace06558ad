package io.github.otpverification.sms;

/** Turns a gateway's non-2xx answer into a delivery failure with a short, loggable reason. */
public final class HttpResponses {

    private static final int MAX_REASON = 300;

    private HttpResponses() {
    }

    public static void requireSuccess(String gateway, int status, String body) throws SmsDeliveryException {
        if (status < 200 || status > 299) {
            String text = body == null ? "" : body.replaceAll("\\s+", " ").trim();
            throw new SmsDeliveryException(gateway + " answered HTTP " + status
                    + (text.isEmpty() ? "" : ": " + (text.length() > MAX_REASON ? text.substring(0, MAX_REASON) : text)));
        }
    }
}
