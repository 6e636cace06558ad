package io.github.otpverification.verification;

import io.github.otpverification.code.SendLimit;
import io.github.otpverification.settings.RealmOtpSettings;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The hourly caps a send passes, decided in one place (docs/settings.md):
 * <ul>
 * <li>per user, always;</li>
 * <li>per destination only for codes to an address or number that is not yet the asking account's
 * verified contact (setup, changes, guests, sign-up), so nobody can use up another person's
 * sign-in codes by staging their number or address;</li>
 * <li>per client IP where the request comes from the person (SMS on the login pages, codes to a
 * new account's address or number there, everything on {@code /me}; an app calls {@code /users/...} from its server, whose address would throttle
 * all its users); IPv6 addresses count by their /64, which one subscriber usually holds whole;</li>
 * <li>the channel's own (the realm's SMS budget, and its part for new numbers).</li>
 * </ul>
 * Pages that must not tell whether an account exists (blind pages) show only the caps that are the
 * same whoever the typed text names, and hold the account's own caps silently: see
 * {@link #shownOnBlindPage}. A decoy there has only the shown ones.
 */
final class SendLimits {

    private SendLimits() {
    }

    static List<SendLimit> of(Verification v, RealmOtpSettings settings, String clientIp) {
        List<SendLimit> limits = new ArrayList<>();
        if (v.user() != null) {
            limits.add(new SendLimit("user", v.user().getId(), settings.maxSendsPerUserPerHour()));
        }
        boolean toVerifiedContact = isVerifiedContact(v);
        if (!toVerifiedContact) {
            limits.add(new SendLimit("destination", v.channel().canonical(v.destination()), settings.maxSendsPerDestinationPerHour()));
        }
        // A code to a new account's address on the login pages (sign-up by phone where the email is the username) is
        // the person's too: no account caps it, so the address does.
        boolean signUp = v.user() == null;
        boolean ipCapped = v.origin() == Origin.SELF_SERVICE
                || (v.origin().isPerson() && (v.channel().ipCappedOnLoginPages() || signUp));
        if (ipCapped) {
            limits.add(new SendLimit("ip", network(clientIp), settings.maxSendsPerIpPerHour()));
        }
        limits.addAll(v.channel().channelLimits(settings, toVerifiedContact));
        return limits;
    }

    /**
     * The caps a blind page may show, the same whoever the typed text names: what was typed
     * (canonical, as many sends an hour as a user's cap), the client IP where the channel counts
     * it on the login pages, and the channel's realm-wide budget. Every cap that depends on the
     * account (its user, its address, a budget for new numbers) is {@link #silentOnBlindPage silent}
     * there: otherwise the moment a page says "too many codes" would tell that two typed names
     * belong to one account, or that an account exists.
     */
    static List<SendLimit> shownOnBlindPage(Verification v, RealmOtpSettings settings, String clientIp) {
        List<SendLimit> limits = new ArrayList<>();
        limits.add(new SendLimit("typed", v.typed().strip().toLowerCase(Locale.ROOT), settings.maxSendsPerUserPerHour()));
        if (v.channel().ipCappedOnLoginPages()) {
            limits.add(new SendLimit("ip", network(clientIp), settings.maxSendsPerIpPerHour()));
        }
        limits.addAll(v.channel().channelLimits(settings, true));
        return limits;
    }

    /**
     * On a blind page, the caps of a real code that the page does not show: the usual caps
     * ({@link #of}) that are not among {@code shown} ({@link #shownOnBlindPage}). Over one of them nothing is
     * sent and the page says "sent", as for an unknown account; a decoy has none.
     */
    static List<SendLimit> silentOnBlindPage(Verification v, List<SendLimit> shown, RealmOtpSettings settings, String clientIp) {
        if (v.decoy()) {
            return List.of();
        }
        return of(v, settings, clientIp).stream().filter(limit -> !shown.contains(limit)).toList();
    }

    private static boolean isVerifiedContact(Verification v) {
        if (v.user() == null || v.staged()) {
            return false;
        }
        String verified = v.channel().verifiedContactOf(v.user());
        return verified != null && v.channel().canonical(verified).equals(v.channel().canonical(v.destination()));
    }

    /** The key an address counts under: IPv4 as it is, IPv6 by its first 64 bits. */
    static String network(String clientIp) {
        if (clientIp == null || clientIp.isBlank()) {
            return "unknown";
        }
        if (clientIp.indexOf(':') < 0) {
            return clientIp;
        }
        try {
            InetAddress address = InetAddress.getByName(clientIp); // a literal: no lookup
            if (address instanceof Inet6Address) {
                byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
                Arrays.fill(prefix, 8, 16, (byte) 0);
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            }
            return address.getHostAddress();
        } catch (UnknownHostException e) {
            return clientIp;
        }
    }
}
