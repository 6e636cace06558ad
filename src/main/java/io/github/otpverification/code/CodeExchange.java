package io.github.otpverification.code;

import io.github.otpverification.limits.SendLimit;
import io.github.otpverification.limits.SendLimiter;
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

    public CodeExchange(CodeEngine engine, KeycloakSession session, RealmModel realm, PendingCodeStore store,
                        CodeBinding binding, CodePolicy policy) {
        this.engine = engine;
        this.keys = new RealmCodeKeys(session, realm);
        this.limiter = new SendLimiter(session.singleUseObjects(), realm.getId());
        this.store = store;
        this.binding = binding;
        this.policy = policy;
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
        return wait > 0 ? SendResult.cooldown(wait) : send(limits, delivery);
    }

    /** Sends a new code, replacing any pending one; on a delivery failure nothing stays pending. */
    public SendResult send(List<SendLimit> limits, CodeDelivery delivery) {
        long now = Time.currentTime();
        long retryAfter = limiter.tryAcquire(limits, now);
        if (retryAfter > 0) {
            return SendResult.limited(retryAfter);
        }
        IssuedCode issued = engine.issue(policy, keys.forIssuing(), binding, now);
        try {
            delivery.deliver(issued.code());
        } catch (DeliveryException e) {
            store.remove();
            return SendResult.failed(e.getMessage());
        }
        store.save(issued.pending());
        return SendResult.sent();
    }

    /** Checks a typed code and stores what is left of the pending code. */
    public CodeCheck verify(String typed) {
        PendingCode pending = store.load();
        CodeHasher hasher = pending == null ? null : keys.forPending(pending);
        CodeCheck check = engine.check(hasher == null ? null : pending, hasher, binding, policy.alphabet(), typed,
                Time.currentTime());
        PendingCode after = engine.afterCheck(pending, check);
        if (after == null) {
            store.remove();
        } else if (!after.equals(pending)) {
            store.save(after);
        }
        return check;
    }

    public void discard() {
        store.remove();
    }

    public CodePolicy policy() {
        return policy;
    }
}
