package io.github.otpverification.code;

import io.github.otpverification.limits.SendLimit;
import io.github.otpverification.limits.SendLimiter;
import io.github.otpverification.metrics.CodeMetrics;
import java.time.Duration;
import java.util.List;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * One code conversation with one person for one purpose: send, resend within the cooldown and
 * send caps, verify with attempt counting and single use. Login steps, required actions and the
 * REST API drive it; each renders the outcome its own way.
 */
public final class CodeExchange {

    private final CodeEngine engine;
    private final RealmCodeKeys keys;
    private final SendLimiter limiter;
    private final PendingCodeStore store;
    private final CodeBinding binding;
    private final CodePolicy policy;
    private final CodeMetrics metrics;

    public CodeExchange(CodeEngine engine, KeycloakSession session, RealmModel realm, PendingCodeStore store,
                        CodeBinding binding, CodePolicy policy) {
        this.engine = engine;
        this.keys = new RealmCodeKeys(session, realm);
        this.limiter = new SendLimiter(session.singleUseObjects(), realm.getId());
        this.store = store;
        this.binding = binding;
        this.policy = policy;
        this.metrics = new CodeMetrics(realm.getName(), binding.channel().id(), binding.purpose());
    }

    public boolean hasPendingCode() {
        return store.load() != null;
    }

    /** Seconds until a resend is allowed; 0 when it is. */
    public long resendIn() {
        return engine.resendWaitSeconds(store.load(), policy, Time.currentTime());
    }

    /** Sends a new code unless the cooldown or a send cap says no. */
    public SendResult resend(List<SendLimit> limits, CodeDelivery delivery) {
        long wait = resendIn();
        if (wait > 0) {
            metrics.rateLimited();
            return SendResult.cooldown(wait);
        }
        return send(limits, delivery);
    }

    /** Sends a new code, replacing any pending one; on a delivery failure nothing stays pending. */
    public SendResult send(List<SendLimit> limits, CodeDelivery delivery) {
        long now = Time.currentTime();
        long retryAfter = limiter.tryAcquire(limits, now);
        if (retryAfter > 0) {
            metrics.rateLimited();
            return SendResult.limited(retryAfter);
        }
        IssuedCode issued = engine.issue(policy, keys.forIssuing(), binding, now);
        long started = System.nanoTime();
        try {
            delivery.deliver(issued.code());
        } catch (DeliveryException e) {
            metrics.delivery(Duration.ofNanos(System.nanoTime() - started), false);
            metrics.deliveryFailed();
            store.remove();
            return SendResult.failed(e.getMessage());
        }
        metrics.delivery(Duration.ofNanos(System.nanoTime() - started), true);
        metrics.sent();
        store.save(issued.pending());
        return SendResult.sent();
    }

    /** Checks a typed code; the store keeps what is left of the pending code. */
    public CodeCheck verify(String typed) {
        PendingCode pending = store.load();
        CodeHasher hasher = pending == null ? null : keys.forPending(pending);
        CodeCheck check = engine.check(pending, store, hasher, binding, policy.alphabet(), typed, Time.currentTime());
        count(check);
        return check;
    }

    private void count(CodeCheck check) {
        switch (check.outcome()) {
            case VERIFIED -> metrics.verified();
            case WRONG, ATTEMPTS_EXHAUSTED -> metrics.failed();
            case EXPIRED -> metrics.expired();
            default -> {
                // nothing typed or nothing pending: no code was checked
            }
        }
    }

    public void discard() {
        store.remove();
    }

    public CodePolicy policy() {
        return policy;
    }
}
