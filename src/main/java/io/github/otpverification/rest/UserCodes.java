package io.github.otpverification.rest;

import io.github.otpverification.channel.Channel;
import io.github.otpverification.channel.Channels;
import io.github.otpverification.channel.EmailChannel;
import io.github.otpverification.code.SingleUseObjectCodeStore;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.verification.Origin;
import io.github.otpverification.verification.Purposes;
import io.github.otpverification.verification.SendOutcome;
import io.github.otpverification.verification.Verification;
import io.github.otpverification.verification.VerificationService;
import io.github.otpverification.trust.TrustedDevices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.keycloak.common.util.Time;
import org.keycloak.events.EventBuilder;
import org.keycloak.locale.LocaleSelectorProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.ValidationException;

/**
 * Send, verify and report codes for one user's email or phone ({@code /users/{id}/...} and
 * {@code /me/...}): reads the request into a {@link Verification} and the service's outcome into
 * JSON. Codes live in the cluster-wide single-use-object store, one per channel and purpose.
 */
final class UserCodes {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final VerificationService service;
    private final ClientModel client;
    private final LinkPolicy links;

    UserCodes(KeycloakSession session, VerificationService service, ClientModel client) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.service = service;
        this.client = client;
        this.links = new LinkPolicy(realm, service.settings());
    }

    RealmOtpSettings settings() {
        return service.settings();
    }

    Map<String, Object> send(UserModel user, CodeRequest.Send request, Origin origin) {
        if (request.returnCode() && origin == Origin.SELF_SERVICE) {
            throw ApiError.INVALID_REQUEST.because("'returnCode' is not allowed on /me: the code goes to the person only.");
        }
        UrlTemplate link = links.parse(request.urlTemplate());
        requireUsable(user);
        Channel channel = request.channel();
        String destination = channel.contactOf(user);
        if (destination == null) {
            throw ApiError.NO_DESTINATION.because("The user has no " + channel.noun() + " on record.");
        }
        boolean verify = Purposes.VERIFY.equals(request.purpose());
        if (verify && channel.verifiedContactOf(user) != null) {
            throw ApiError.ALREADY_VERIFIED.because("This " + channel.noun() + " is already verified.");
        }
        Verification v = base(user, channel, request.purpose(), destination, origin).proving(verify, false)
                .link(link == null ? null : code -> links.checked(link).fill(Map.of("code", code, "userId", user.getId(),
                        "realm", realm.getName(), "purpose", request.purpose())))
                .returnCode(request.returnCode()).build();
        return Answers.afterSend(v, sendIn(v, request.locale()));
    }

    /** Starts a change of the person's address or number: the code goes to the new one, saved only when confirmed. */
    Map<String, Object> stage(UserModel user, Channel channel, String destination, String locale) {
        requireUsable(user);
        String verified = channel.verifiedContactOf(user);
        if (verified != null && channel.canonical(verified).equals(channel.canonical(destination))) {
            throw ApiError.ALREADY_VERIFIED.because("This " + channel.noun() + " is already the user's, and verified.");
        }
        String purpose = channel == Channels.EMAIL ? Purposes.CHANGE_EMAIL : Purposes.CHANGE_PHONE;
        Verification v = base(user, channel, purpose, destination, Origin.SELF_SERVICE).proving(true, true).build();
        if (channel == Channels.EMAIL) {
            try {
                EmailChannel.validateChange(session, user, destination);
            } catch (ValidationException e) {
                // Counted like a send, so probing which addresses have accounts costs the caller its cooldown and caps.
                SendOutcome counted = service.countAsSend(v);
                if (counted != null) {
                    throw Answers.refused(channel, counted);
                }
                throw ApiError.INVALID_EMAIL.because(duplicate(e) ? "This email address is already used by another account."
                        : "This email address is not accepted here.");
            }
        }
        return Answers.afterSend(v, sendIn(v, locale));
    }

    Map<String, Object> verify(UserModel user, CodeRequest.Verify request, Origin origin) {
        requireUsable(user);
        Channel channel = request.channel();
        SingleUseObjectCodeStore.Entry entry = store(user, channel, request.purpose()).entry();
        // A staged change is checked against the new destination; anything else against what is on record now.
        String destination = entry != null && entry.staged() ? entry.destination() : channel.contactOf(user);
        if (entry == null || destination == null) {
            throw Answers.noPendingCode();
        }
        boolean proves = entry.staged() || Purposes.VERIFY.equals(request.purpose());
        Verification v = base(user, channel, request.purpose(), destination, origin).proving(proves, entry.staged()).build();
        return Answers.afterCheck(v, service.verify(v, request.code()));
    }

    Map<String, Object> status(UserModel user) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (Channel channel : Channels.ALL) {
            String value = channel.contactOf(user);
            Map<String, Object> contact = new LinkedHashMap<>();
            contact.put("value", value == null ? null : channel.mask(value));
            contact.put("verified", channel.verifiedContactOf(user) != null);
            body.put(channel == Channels.EMAIL ? "email" : "phone", contact);
        }
        List<Map<String, Object>> pending = new ArrayList<>();
        long now = Time.currentTime();
        for (Channel channel : Channels.ALL) {
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
        body.put("pending", pending);
        Long trustedSince = new TrustedDevices(session, realm).since(user);
        body.put("trustedDevicesSince", trustedSince == null ? null : Instant.ofEpochMilli(trustedSince).toString());
        return body;
    }

    private SendOutcome sendIn(Verification v, String locale) {
        if (locale != null) {
            session.setAttribute(LocaleSelectorProvider.USER_REQUEST_LOCALE, locale);
        }
        return service.send(v);
    }

    /** Disabled or locked-out users get no code and cannot verify one, whatever they ask. */
    private void requireUsable(UserModel user) {
        SendOutcome refused = service.access(user);
        if (refused != null) {
            throw Answers.refused(null, refused);
        }
    }

    private Verification.Builder base(UserModel user, Channel channel, String purpose, String destination, Origin origin) {
        return Verification.forUser(channel, user).purpose(purpose).destination(destination)
                .store(store(user, channel, purpose)).policy(service.settings().codePolicy()).from(origin, events());
    }

    private SingleUseObjectCodeStore store(UserModel user, Channel channel, String purpose) {
        return new SingleUseObjectCodeStore(session.singleUseObjects(), realm.getId(), "user:" + user.getId(), channel.id(), purpose);
    }

    private Supplier<EventBuilder> events() {
        return () -> {
            EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection());
            return client == null ? event : event.client(client);
        };
    }

    private static boolean duplicate(ValidationException e) {
        return e.getErrors().stream().anyMatch(error -> org.keycloak.services.messages.Messages.EMAIL_EXISTS.equals(error.getMessage()));
    }
}
