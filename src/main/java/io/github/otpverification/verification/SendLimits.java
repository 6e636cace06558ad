package io.github.otpverification.verification;

import io.github.otpverification.code.SendLimit;
import io.github.otpverification.settings.RealmOtpSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The hourly caps a send passes, decided in one place: per user, per destination, per client IP
 * where the request comes from the person (SMS on the login pages, everything on {@code /me}; an
 * app calls {@code /users/...} from its server, whose address would throttle all its users), and
 * the channel's own (the realm's SMS budget).
 */
final class SendLimits {

    private SendLimits() {
    }

    static List<SendLimit> of(Verification v, RealmOtpSettings settings, String clientIp) {
        List<SendLimit> limits = new ArrayList<>();
        if (v.user() != null) {
            limits.add(new SendLimit("user", v.user().getId(), settings.maxSendsPerUserPerHour()));
        }
        limits.add(new SendLimit("destination", v.channel().canonical(v.destination()), settings.maxSendsPerDestinationPerHour()));
        boolean ipCapped = v.origin() == Origin.SELF_SERVICE
                || (v.origin().isPerson() && v.channel().ipCappedOnLoginPages());
        if (ipCapped) {
            limits.add(new SendLimit("ip", clientIp == null ? "unknown" : clientIp, settings.maxSendsPerIpPerHour()));
        }
        limits.addAll(v.channel().channelLimits(settings));
        return limits;
    }
}
