package io.github.otpverification.rest;

import io.github.otpverification.code.Channel;
import io.github.otpverification.code.CodeBinding;
import io.github.otpverification.code.CodeCheck;
import io.github.otpverification.code.CodeDelivery;
import io.github.otpverification.code.CodeEngine;
import io.github.otpverification.code.CodeExchange;
import io.github.otpverification.code.CodePolicy;
import io.github.otpverification.code.Purposes;
import io.github.otpverification.code.SendResult;
import io.github.otpverification.code.SingleUseObjectCodeStore;
import io.github.otpverification.emailverification.VerifyEmailCodeFactory;
import io.github.otpverification.limits.SendLimit;
import io.github.otpverification.phone.PhoneAttributes;
import io.github.otpverification.phone.VerifyPhoneNumberFactory;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.support.BruteForce;
import io.github.otpverification.support.DestinationMask;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Send, verify and report codes for one user's email or phone ({@code /users/{id}/...} and
 * {@code /me/...}). Codes live in the cluster-wide single-use-object store, one per channel and
 * purpose; confirming a {@code verify} code marks the destination verified, confirming a staged
 * change commits the new address or number.
 */
final class UserCodes {

    /** How a send was asked for: by an app for a user, or by the person for themselves. */
    enum Caller { APP, SELF }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final RealmOtpSettings settings;
    private final CodeEngine engine;
    private final ApiEvents events;
    private final LinkPolicy links;

    UserCodes(KeycloakSession session, RealmModel realm, CodeEngine engine, ApiEvents events) {
        this.session = session;
        this.realm = realm;
        this.settings = RealmOtpSettings.of(realm);
        this.engine = engine;
        this.events = events;
        this.links = new LinkPolicy(realm, settings);
    }

    Map<String, Object> send(UserModel user, CodeRequest.Send request, Caller caller) {
        if (request.returnCode() && caller == Caller.SELF) {
            throw ApiError.INVALID_REQUEST.because("'returnCode' is not allowed on /me: the code goes to the person only.");
        }
        UrlTemplate link = links.parse(request.urlTemplate());
        requireUsable(user);
        String destination = destinationOf(user, request.channel());
        if (Purposes.VERIFY.equals(request.purpose()) && isVerified(user, request.channel())) {
            throw ApiError.ALREADY_VERIFIED.because("This " + noun(request.channel()) + " is already verified.");
        }
        requireEmailFirst(user, request.channel());
        return issue(user, request.channel(), request.purpose(), destination, false, request.locale(), link,
                request.returnCode(), caller);
    }

    /** Starts a change of the person's address or number: the code goes to the new one, which is saved only when confirmed. */
    Map<String, Object> stage(UserModel user, Channel channel, String destination, String locale) {
        requireUsable(user);
        if (sameDestination(channel, destination, currentDestination(user, channel)) && isVerified(user, channel)) {
            throw ApiError.ALREADY_VERIFIED.because("This " + noun(channel) + " is already the user's, and verified.");
        }
        requireEmailFirst(user, channel);
        String purpose = channel == Channel.EMAIL ? Purposes.CHANGE_EMAIL : Purposes.CHANGE_PHONE;
        return issue(user, channel, purpose, destination, true, locale, null, false, Caller.SELF);
    }

    Map<String, Object> verify(UserModel user, CodeRequest.Verify request) {
        requireUsable(user);
        SingleUseObjectCodeStore store = store(user, request.channel(), request.purpose());
        SingleUseObjectCodeStore.Entry entry = store.entry();
        if (entry != null && !entry.staged() && !sameDestination(request.channel(), entry.destination(),
                currentDestination(user, request.channel()))) {
            // The address or number changed since the code was sent: the code no longer proves anything.
            store.remove();
            entry = null;
        }
        if (entry == null) {
            throw Answers.noPendingCode();
        }
        CodeExchange exchange = exchange(store, user, request.channel(), request.purpose(), entry.destination());
        CodeCheck check = exchange.verify(request.code());
        EventBuilder event = events.verify(user, request.channel(), request.purpose(), entry.destination());
        switch (check.outcome()) {
            case VERIFIED -> {
                confirm(user, request.channel(), request.purpose(), entry);
                event.success();
                return Answers.approved(request.channel());
            }
            case WRONG, ATTEMPTS_EXHAUSTED -> {
                event.error(Errors.INVALID_CODE);
                BruteForce.recordWrongCode(session, realm, user);
            }
            case EXPIRED -> event.error(Errors.EXPIRED_CODE);
            default -> {
                // nothing was checked
            }
        }
        throw Answers.notVerified(check);
    }

    Map<String, Object> status(UserModel user) {
        Map<String, Object> email = new LinkedHashMap<>();
        email.put("value", user.getEmail() == null || user.getEmail().isBlank() ? null : DestinationMask.email(user.getEmail()));
        email.put("verified", user.isEmailVerified());
        String number = user.getFirstAttribute(PhoneAttributes.PHONE_NUMBER);
        Map<String, Object> phone = new LinkedHashMap<>();
        phone.put("value", number == null || number.isBlank() ? null : DestinationMask.phone(number));
        phone.put("verified", PhoneAttributes.verifiedNumber(user) != null);
        List<Map<String, Object>> pending = new ArrayList<>();
        long now = Time.currentTime();
        for (Channel channel : Channel.values()) {
            for (String purpose : Purposes.ALL) {
                SingleUseObjectCodeStore.Entry entry = store(user, channel, purpose).entry();
                if (entry != null && !entry.pending().isDead() && !entry.pending().isExpired(now)) {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("channel", channel.id());
                    item.put("purpose", purpose);
                    item.put("expiresIn", entry.pending().expiresAt() - now);
                    pending.add(item);
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("email", email);
        body.put("phone", phone);
        body.put("pending", pending);
        return body;
    }

    private Map<String, Object> issue(UserModel user, Channel channel, String purpose, String destination, boolean staged,
                                      String locale, UrlTemplate link, boolean returnCode, Caller caller) {
        CodePolicy policy = settings.codePolicy();
        SingleUseObjectCodeStore store = store(user, channel, purpose).sendingTo(destination, staged);
        CodeExchange exchange = exchange(store, user, channel, purpose, destination);
        CodeDeliveries.Returned returned = returnCode ? new CodeDeliveries.Returned() : null;
        CodeDelivery delivery = returned != null ? returned
                : new CodeDeliveries(session, realm).to(user, channel, destination, purpose, policy.ttlSeconds(), locale, link);
        SendResult result = exchange.resend(limits(user, channel, destination, caller), delivery);
        return Answers.afterSend(result, events.send(user, channel, purpose, destination), channel, purpose, destination,
                policy, returned == null ? null : returned.code());
    }

    /**
     * The caps a send passes. The per-IP cap counts only where the client IP is the person's own
     * ({@code /me}); an app calling {@code /users/...} sends from its server's address.
     */
    private List<SendLimit> limits(UserModel user, Channel channel, String destination, Caller caller) {
        List<SendLimit> limits = new ArrayList<>();
        limits.add(new SendLimit("user", user.getId(), settings.maxSendsPerUserPerHour()));
        limits.add(new SendLimit("destination", destination.toLowerCase(Locale.ROOT), settings.maxSendsPerDestinationPerHour()));
        if (caller == Caller.SELF) {
            String ip = session.getContext().getConnection().getRemoteAddr();
            limits.add(new SendLimit("ip", ip == null ? "unknown" : ip, settings.maxSendsPerIpPerHour()));
        }
        if (channel == Channel.SMS) {
            limits.add(new SendLimit("realm-sms", "realm", settings.maxSmsPerRealmPerHour()));
        }
        return limits;
    }

    private void confirm(UserModel user, Channel channel, String purpose, SingleUseObjectCodeStore.Entry entry) {
        if (entry.staged()) {
            if (channel == Channel.EMAIL) {
                String previous = user.getEmail();
                new EmailChange(session).commit(user, entry.destination());
                events.updateEmail(user, purpose, previous, entry.destination()).success();
            } else {
                PhoneAttributes.setVerified(user, entry.destination());
                user.removeRequiredAction(VerifyPhoneNumberFactory.PROVIDER_ID);
            }
            return;
        }
        if (!Purposes.VERIFY.equals(purpose)) {
            return;
        }
        if (channel == Channel.EMAIL) {
            user.setEmailVerified(true);
            user.removeRequiredAction(UserModel.RequiredAction.VERIFY_EMAIL);
            user.removeRequiredAction(VerifyEmailCodeFactory.PROVIDER_ID);
        } else {
            PhoneAttributes.setVerified(user, entry.destination());
            user.removeRequiredAction(VerifyPhoneNumberFactory.PROVIDER_ID);
        }
    }

    /** Disabled or locked-out users get no code and cannot verify one. */
    private void requireUsable(UserModel user) {
        if (!user.isEnabled()) {
            throw ApiError.FORBIDDEN.because("This user is disabled.");
        }
        if (BruteForce.isPermanentlyLockedOut(session, realm, user)) {
            throw ApiError.FORBIDDEN.because("This user is locked out after too many failed attempts.");
        }
        if (BruteForce.isTemporarilyLockedOut(session, realm, user)) {
            // Also while another attempt for the same user is in progress (Keycloak's blocking brute-force check).
            throw ApiError.TOO_MANY_REQUESTS.because("Too many attempts for this user: try again later.")
                    .retryAfter(BruteForce.lockoutSecondsLeft(session, realm, user));
        }
    }

    private void requireEmailFirst(UserModel user, Channel channel) {
        if (channel == Channel.SMS && settings.requireEmailBeforePhone() && !user.isEmailVerified()) {
            throw ApiError.EMAIL_NOT_VERIFIED.because("This realm requires a verified email address before a phone number.");
        }
    }

    private static String destinationOf(UserModel user, Channel channel) {
        String destination = currentDestination(user, channel);
        if (destination == null) {
            throw ApiError.NO_DESTINATION.because("The user has no " + noun(channel) + " on record.");
        }
        return destination;
    }

    private static String currentDestination(UserModel user, Channel channel) {
        String value = channel == Channel.EMAIL ? user.getEmail() : user.getFirstAttribute(PhoneAttributes.PHONE_NUMBER);
        return value == null || value.isBlank() ? null : value;
    }

    private static boolean isVerified(UserModel user, Channel channel) {
        return channel == Channel.EMAIL ? user.isEmailVerified() : PhoneAttributes.verifiedNumber(user) != null;
    }

    private static boolean sameDestination(Channel channel, String sentTo, String current) {
        return current != null && (channel == Channel.EMAIL ? sentTo.equalsIgnoreCase(current) : sentTo.equals(current));
    }

    private SingleUseObjectCodeStore store(UserModel user, Channel channel, String purpose) {
        return new SingleUseObjectCodeStore(session.singleUseObjects(), realm.getId(), "user:" + user.getId(), channel, purpose);
    }

    private CodeExchange exchange(SingleUseObjectCodeStore store, UserModel user, Channel channel, String purpose,
                                  String destination) {
        CodeBinding binding = new CodeBinding(realm.getId(), "user:" + user.getId(), channel, purpose, destination);
        return new CodeExchange(engine, session, realm, store, binding, settings.codePolicy());
    }

    private static String noun(Channel channel) {
        return channel == Channel.EMAIL ? "email address" : "phone number";
    }
}
