package io.github.otpverification.verification;

import io.github.otpverification.channel.ChangeNotice;
import io.github.otpverification.channel.Confirmation;
import io.github.otpverification.channel.Delivery;
import io.github.otpverification.channel.OutgoingMessage;
import io.github.otpverification.code.CodeBinding;
import io.github.otpverification.code.CodeCheck;
import io.github.otpverification.code.CodeEngine;
import io.github.otpverification.code.CodeHasher;
import io.github.otpverification.code.CodeKeys;
import io.github.otpverification.code.DeliveryException;
import io.github.otpverification.code.IssuedCode;
import io.github.otpverification.code.PendingCode;
import io.github.otpverification.code.RealmCodeKeys;
import io.github.otpverification.code.SendLimit;
import io.github.otpverification.code.SendLimiter;
import io.github.otpverification.metrics.CodeMetrics;
import io.github.otpverification.names.EventNames;
import io.github.otpverification.privacy.DestinationMask;
import io.github.otpverification.settings.RealmOtpSettings;
import io.github.otpverification.verification.CheckOutcome.Kind;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The one place that decides sending and confirming codes, for every entry point (login steps,
 * required actions, REST): lockout, the "verified email first" rule, cooldown and caps,
 * delivery, what a right code changes, and the events. Entry points describe a
 * {@link Verification} and translate the outcome into a page or a JSON answer.
 */
public final class VerificationService {

    private static final Logger LOG = Logger.getLogger(VerificationService.class);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final RealmOtpSettings settings;
    private final CodeEngine engine;
    private final CodeKeys keys;
    private final SendLimiter limiter;
    private final Lockout lockout;
    private final LongSupplier clock;
    private final Supplier<String> clientIp;
    private final Courier courier;

    /** The service of the request's realm; the realm's settings are read once, here. */
    public VerificationService(KeycloakSession session, CodeEngine engine) {
        this(session, session.getContext().getRealm(), engine);
    }

    public VerificationService(KeycloakSession session, RealmModel realm, CodeEngine engine) {
        this(session, realm, RealmOtpSettings.of(realm), engine, new RealmCodeKeys(session, realm),
                new SendLimiter(session.singleUseObjects(), realm.getId()), new Lockout(session, realm), Time::currentTime,
                () -> session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr(),
                new KeycloakCourier(session, realm));
    }

    VerificationService(KeycloakSession session, RealmModel realm, RealmOtpSettings settings, CodeEngine engine, CodeKeys keys,
                        SendLimiter limiter, Lockout lockout, LongSupplier clock, Supplier<String> clientIp, Courier courier) {
        this.session = session;
        this.realm = realm;
        this.settings = settings;
        this.engine = engine;
        this.keys = keys;
        this.limiter = limiter;
        this.lockout = lockout;
        this.clock = clock;
        this.clientIp = clientIp;
        this.courier = courier;
    }

    public RealmOtpSettings settings() {
        return settings;
    }

    /** A code page is shown: a code is sent unless one is pending already, so a reload never sends. */
    public SendOutcome open(Verification v) {
        SendOutcome blocked = blocked(v);
        if (blocked != null) {
            if (!v.blind()) {
                return blocked;
            }
            v = v.asDecoy(); // a blind page says nothing about the account
        }
        return hasPendingCode(v) ? SendOutcome.of(SendOutcome.Kind.PENDING) : deliverNew(v);
    }

    /** Sends a code, replacing a pending one, unless the cooldown or a cap says no. */
    public SendOutcome send(Verification v) {
        SendOutcome blocked = blocked(v);
        if (blocked != null) {
            if (!v.blind()) {
                return blocked;
            }
            v = v.asDecoy();
        }
        long wait = resendIn(v);
        if (wait > 0) {
            metrics(v).rateLimited();
            VerificationEvents.send(v).detail(Details.REASON, "resend cooldown").error(EventNames.TOO_MANY_REQUESTS);
            return SendOutcome.waiting(SendOutcome.Kind.COOLDOWN, wait);
        }
        return deliverNew(v);
    }

    /**
     * A send that must not happen (e.g. to an address another account uses) is still counted like
     * one, so that refusing it tells nobody anything for free: lockout, cooldown and caps apply,
     * and a code that nobody gets and that can never verify is kept, so the cooldown holds for the
     * next try. Null when it was counted; else the refusal a real send would have had.
     */
    public SendOutcome countAsSend(Verification v) {
        SendOutcome blocked = blocked(v);
        if (blocked != null) {
            return blocked;
        }
        long wait = resendIn(v);
        if (wait > 0) {
            return SendOutcome.waiting(SendOutcome.Kind.COOLDOWN, wait);
        }
        long now = clock.getAsLong();
        long retryAfter = limiter.tryAcquire(SendLimits.of(v, settings, clientIp.get()), now);
        if (retryAfter > 0) {
            return SendOutcome.waiting(SendOutcome.Kind.LIMITED, retryAfter);
        }
        IssuedCode unused = engine.issue(v.policy(), keys.forIssuing(), bindingOfNobody(v), now);
        v.store().save(unused.pending().withAttemptsLeft(0), v.destination(), v.staged());
        return null;
    }

    /** Checks a typed code; a right one is used up and does what the verification proves. */
    public CheckOutcome verify(Verification v, String typed) {
        CheckOutcome blocked = lockedForCheck(v);
        boolean unmatchable = v.decoy();
        if (blocked != null) {
            if (!v.blind()) {
                return blocked;
            }
            unmatchable = true; // a locked account's code is wrong like any decoy's, and still costs an attempt
        }
        PendingCode pending = v.store().load();
        String sentTo = v.store().destination();
        if (pending != null && sentTo != null && !same(v, sentTo, v.destination())) {
            // The address or number changed since the code was sent: the code no longer proves anything.
            v.store().remove();
            pending = null;
        }
        CodeHasher hasher = pending == null ? null : keys.forPending(pending);
        CodeCheck check = engine.check(pending, v.store(), hasher, unmatchable ? bindingOfNobody(v) : binding(v), v.policy(), typed,
                clock.getAsLong());
        return switch (check.outcome()) {
            case VERIFIED -> confirm(v);
            case WRONG, ATTEMPTS_EXHAUSTED -> wrong(v, check);
            case EXPIRED -> {
                metrics(v).expired();
                VerificationEvents.verify(v).error(Errors.EXPIRED_CODE);
                yield CheckOutcome.of(Kind.EXPIRED);
            }
            case WRONG_LENGTH -> new CheckOutcome(Kind.WRONG_LENGTH, check.attemptsLeft(), v.policy().length());
            case NO_PENDING_CODE -> CheckOutcome.of(Kind.NO_PENDING_CODE);
            case EMPTY -> CheckOutcome.of(Kind.EMPTY);
        };
    }

    public boolean hasPendingCode(Verification v) {
        return v.store().load() != null;
    }

    /** Seconds until another code may be sent; 0 when it may now. */
    public long resendIn(Verification v) {
        return engine.resendWaitSeconds(v.store().load(), v.policy(), clock.getAsLong());
    }

    /** Forgets the pending code (the person moves on to another address or number). */
    public void discard(Verification v) {
        v.store().remove();
    }

    private SendOutcome deliverNew(Verification v) {
        String refusal = v.decoy() ? null : v.channel().refusal(v.destination(), settings, v.anyLine());
        if (refusal != null) {
            VerificationEvents.send(v).detail(Details.REASON, refusal).error(Errors.INVALID_INPUT);
            if (!v.blind()) {
                return new SendOutcome(SendOutcome.Kind.REFUSED_DESTINATION, 0, null, refusal);
            }
            v = v.asDecoy();
        }
        long now = clock.getAsLong();
        String ip = clientIp.get();
        // A blind page shows only the caps that are the same whoever the typed text names; the account's own hold silently.
        List<SendLimit> shown = v.blind() ? SendLimits.shownOnBlindPage(v, settings, ip) : SendLimits.of(v, settings, ip);
        long retryAfter = limiter.tryAcquire(shown, now);
        if (retryAfter > 0) {
            metrics(v).rateLimited();
            VerificationEvents.send(v).detail(Details.REASON, "hourly send limit reached").error(EventNames.TOO_MANY_REQUESTS);
            return SendOutcome.waiting(SendOutcome.Kind.LIMITED, retryAfter);
        }
        if (v.blind() && limiter.tryAcquire(SendLimits.silentOnBlindPage(v, shown, settings, ip), now) > 0) {
            metrics(v).rateLimited();
            VerificationEvents.send(v).detail(Details.REASON, "hourly send limit of the account reached, not shown on this page")
                    .error(EventNames.TOO_MANY_REQUESTS);
            v = v.asDecoy();
        }
        IssuedCode issued = engine.issue(v.policy(), keys.forIssuing(), v.decoy() ? bindingOfNobody(v) : binding(v), now);
        Delivery delivery = delivery(v, issued.code()); // fills the app's link, checking it, even when the app delivers
        long started = System.nanoTime();
        try {
            if (!v.returnCode()) { // else the app delivers the code itself
                // A decoy's message is rendered too and, after the answer, built for the wire and dropped,
                // so that both paths do the same work, in the request and after it.
                OutgoingMessage message = v.channel().prepare(delivery, issued.code());
                if (v.decoy()) {
                    courier.rehearseAfterRequest(message);
                } else if (v.blind()) {
                    Verification sent = v;
                    courier.sendAfterRequest(message, (s, r, e) -> lateFailure(sent, s, r, e));
                } else {
                    courier.sendNow(message);
                    metrics(v).delivery(Duration.ofNanos(System.nanoTime() - started), true);
                }
            }
        } catch (DeliveryException e) {
            metrics(v).delivery(Duration.ofNanos(System.nanoTime() - started), false);
            return failed(v, e);
        }
        v.store().save(issued.pending(), v.destination(), v.staged());
        if (v.decoy()) {
            return SendOutcome.of(SendOutcome.Kind.SENT); // nothing went anywhere: no send to record
        }
        metrics(v).sent();
        VerificationEvents.send(v).success();
        return new SendOutcome(SendOutcome.Kind.SENT, 0, v.returnCode() ? issued.code() : null, null);
    }

    private SendOutcome failed(Verification v, DeliveryException e) {
        v.store().remove();
        recordFailure(v, VerificationEvents.send(v), realm.getName(), e);
        return SendOutcome.of(SendOutcome.Kind.FAILED);
    }

    /** A message sent after its request failed: the page said "sent", so it is the log, the event and the metric that tell. */
    private static void lateFailure(Verification v, KeycloakSession session, RealmModel realm, DeliveryException e) {
        recordFailure(v, VerificationEvents.lateSendFailure(v, session, realm), realm.getName(), e);
    }

    /** The metric, the send event's error and the log line of a failed delivery; never the code, nor a full address or number. */
    private static void recordFailure(Verification v, EventBuilder event, String realmName, DeliveryException e) {
        // Gateways name the number in their errors (Twilio 21211): the reason is scrubbed of every address and number.
        String reason = DestinationMask.scrub(e.getMessage());
        new CodeMetrics(realmName, v.channel().id(), v.purpose()).deliveryFailed();
        event.detail(Details.REASON, reason).error(v.channel().deliveryError());
        LOG.warnf("Could not send a %s code to %s in realm %s: %s", v.channel().id(), v.channel().mask(v.destination()),
                realmName, reason);
    }

    private CheckOutcome confirm(Verification v) {
        metrics(v).verified();
        boolean contactChange = v.staged() && Purposes.isContactChange(v.purpose());
        String emailBefore = contactChange ? v.user().getEmail() : null; // the notice goes where mail went until now
        if (v.proves() && !v.channel().confirm(new Confirmation(session, v.user(), v.authSession(), v.destination(),
                VerificationEvents.confirmation(v)))) {
            VerificationEvents.verify(v).detail(Details.REASON, "the new destination can no longer be saved").error(Errors.INVALID_INPUT);
            return CheckOutcome.of(Kind.CONFLICT);
        }
        String notice = contactChange ? new ChangeNotice(session, realm).send(v.user(), emailBefore, v.channel(), v.destination()) : null;
        // In a login flow Keycloak records the login itself; of a password reset it records nothing before the
        // new password, so the confirmed code is the flow's event (RESET_PASSWORD), with channel and destination.
        if (!v.origin().isLoginFlow() || Purposes.RESET_CREDENTIALS.equals(v.purpose())) {
            VerificationEvents.verify(v).detail(EventNames.CHANGE_NOTICE, notice).success();
        }
        return CheckOutcome.of(Kind.VERIFIED);
    }

    private CheckOutcome wrong(Verification v, CodeCheck check) {
        metrics(v).failed();
        if (v.origin().isLoginFlow()) {
            // The step answers with failureChallenge, and Keycloak counts the failure for the user.
            VerificationEvents.verify(v).error(Errors.INVALID_USER_CREDENTIALS);
        } else {
            VerificationEvents.verify(v).error(Errors.INVALID_CODE);
            if (v.user() != null) {
                lockout.recordWrongCode(v.user());
            }
        }
        return check.outcome() == CodeCheck.Outcome.WRONG
                ? new CheckOutcome(Kind.WRONG, check.attemptsLeft(), 0) : CheckOutcome.of(Kind.ATTEMPTS_EXHAUSTED);
    }

    /**
     * Whether this user may get or check codes at all: null when so, else the refusal (locked
     * out, disabled). Sends and checks apply it themselves; the REST API asks first, before it
     * looks at the request.
     */
    public SendOutcome access(UserModel user) {
        Lockout.State state = lockout.of(user);
        return switch (state) {
            case NONE -> null;
            case TEMPORARY -> SendOutcome.waiting(SendOutcome.Kind.LOCKED_TEMPORARILY, lockout.secondsLeft(user));
            case PERMANENT -> SendOutcome.of(SendOutcome.Kind.LOCKED_PERMANENTLY);
            case DISABLED -> SendOutcome.of(SendOutcome.Kind.DISABLED);
        };
    }

    /** Lockout, a disabled user and the "verified email first" rule stop a send before anything else. */
    private SendOutcome blocked(Verification v) {
        if (v.user() == null) {
            return null;
        }
        SendOutcome refused = access(v.user());
        if (refused != null) {
            VerificationEvents.lockout(VerificationEvents.send(v), lockout.of(v.user()));
            return refused;
        }
        if (mustVerifyEmailFirst(v)) {
            return SendOutcome.of(SendOutcome.Kind.EMAIL_FIRST);
        }
        return null;
    }

    private CheckOutcome lockedForCheck(Verification v) {
        if (v.user() == null) {
            return null;
        }
        Lockout.State state = lockout.of(v.user());
        if (state == Lockout.State.NONE) {
            return null;
        }
        VerificationEvents.lockout(VerificationEvents.verify(v), state);
        return switch (state) {
            case TEMPORARY -> new CheckOutcome(Kind.LOCKED_TEMPORARILY, 0, lockout.secondsLeft(v.user()));
            case PERMANENT -> CheckOutcome.of(Kind.LOCKED_PERMANENTLY);
            default -> CheckOutcome.of(Kind.DISABLED);
        };
    }

    /** Only a code that proves a phone number waits for a verified email, where the realm says so. */
    public boolean mustVerifyEmailFirst(Verification v) {
        return v.proves() && !"email".equals(v.channel().id()) && settings.requireEmailBeforePhone()
                && v.user() != null && !v.user().isEmailVerified();
    }

    private Delivery delivery(Verification v, String code) {
        String link = v.link() == null ? null : v.link().apply(code);
        return new Delivery(session, realm, v.recipient(), v.authSession(), v.destination(), v.purpose(), v.policy().ttlSeconds(),
                link, v.codeInSubject());
    }

    private CodeBinding binding(Verification v) {
        return new CodeBinding(realm.getId(), v.subject(), v.channel().id(), v.purpose(), v.destination());
    }

    /** A binding no typed code can match: a fresh random subject that is never stored. */
    private CodeBinding bindingOfNobody(Verification v) {
        return new CodeBinding(realm.getId(), "nobody:" + UUID.randomUUID(), v.channel().id(), v.purpose(), v.destination());
    }

    private boolean same(Verification v, String a, String b) {
        return v.channel().canonical(a).equals(v.channel().canonical(b));
    }

    private CodeMetrics metrics(Verification v) {
        return new CodeMetrics(realm.getName(), v.channel().id(), v.purpose());
    }
}
