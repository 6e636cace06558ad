package io.github.otpverification.sms;

import io.github.otpverification.limits.SendLimit;
import io.github.otpverification.settings.RealmOtpSettings;
import java.util.List;

/** The caps every SMS send passes, against SMS pumping: per user, per number, per client IP, per realm. */
public final class SmsSendLimits {

    private SmsSendLimits() {
    }

    public static List<SendLimit> of(RealmOtpSettings settings, String userId, String phoneNumber, String clientIp) {
        return List.of(
                new SendLimit("user", userId, settings.maxSendsPerUserPerHour()),
                new SendLimit("destination", phoneNumber, settings.maxSendsPerDestinationPerHour()),
                new SendLimit("ip", clientIp == null ? "unknown" : clientIp, settings.maxSendsPerIpPerHour()),
                new SendLimit("realm-sms", "realm", settings.maxSmsPerRealmPerHour()));
    }
}
