package io.github.otpverification.code;

import java.util.HashMap;
import java.util.Map;
import org.keycloak.common.util.Time;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Pending codes of the REST API, kept in Keycloak's cluster-wide single-use-object store, one
 * entry per realm, subject, channel and purpose. Attempts are numbered slots taken with
 * {@link SingleUseObjectProvider#putIfAbsent}, and a right code counts only for the caller whose
 * {@link SingleUseObjectProvider#remove} wins: both hold across cluster nodes, so parallel calls
 * can neither try more codes than allowed nor use one code twice.
 *
 * <p>The entry also records where the code went and whether confirming it commits that address
 * as the person's new one (a staged change of email or phone).
 */
public final class SingleUseObjectCodeStore implements PendingCodeStore {

    private static final String CODE = "code";
    private static final String DESTINATION = "destination";
    private static final String STAGED = "staged";

    /** What the entry says besides the code. */
    public record Entry(PendingCode pending, String destination, boolean staged) {
    }

    private final SingleUseObjectProvider objects;
    private final String key;

    public SingleUseObjectCodeStore(SingleUseObjectProvider objects, String realmId, String subject, String channel,
                                    String purpose) {
        this.objects = objects;
        this.key = "otpv:code:" + realmId + ":" + CacheKeys.digest(subject + "\n" + channel + "\n" + purpose);
    }

    /** The whole entry, or null when no code is pending. */
    public Entry entry() {
        Map<String, String> notes = objects.get(key);
        if (notes == null) {
            return null;
        }
        PendingCode pending = PendingCode.parse(notes.get(CODE));
        String to = notes.get(DESTINATION);
        return pending == null || to == null ? null : new Entry(pending, to, Boolean.parseBoolean(notes.get(STAGED)));
    }

    @Override
    public PendingCode load() {
        Entry entry = entry();
        return entry == null ? null : entry.pending();
    }

    @Override
    public void save(PendingCode pending, String destination, boolean staged) {
        objects.put(key, lifespan(pending), notes(pending, destination, staged));
    }

    @Override
    public String destination() {
        Entry entry = entry();
        return entry == null ? null : entry.destination();
    }

    @Override
    public void remove() {
        objects.remove(key);
    }

    @Override
    public int claimAttempt(PendingCode pending) {
        long lifespan = lifespan(pending);
        for (int attempt = 0; attempt < pending.attemptsLeft(); attempt++) {
            if (objects.putIfAbsent(key + ":" + pending.salt() + ":attempt:" + attempt, lifespan)) {
                int left = pending.attemptsLeft() - attempt - 1;
                if (left == 0) {
                    markDead(pending);
                }
                return left;
            }
        }
        return -1;
    }

    @Override
    public int attemptsLeft(PendingCode pending) {
        int used = 0;
        while (used < pending.attemptsLeft() && objects.contains(key + ":" + pending.salt() + ":attempt:" + used)) {
            used++;
        }
        return pending.attemptsLeft() - used;
    }

    @Override
    public boolean consume(PendingCode pending) {
        Map<String, String> removed = objects.remove(key);
        PendingCode used = removed == null ? null : PendingCode.parse(removed.get(CODE));
        return used != null && used.salt().equals(pending.salt());
    }

    /**
     * A dead code stays until it expires, so the resend cooldown still applies to it. It is put
     * again with what is left of its lifetime: {@code replace} would drop the lifespan in
     * Keycloak's Infinispan store and keep the entry for ever.
     */
    private void markDead(PendingCode pending) {
        Entry entry = entry();
        if (entry != null && entry.pending().salt().equals(pending.salt())) {
            objects.put(key, lifespan(pending), notes(pending.withAttemptsLeft(0), entry.destination(), entry.staged()));
        }
    }

    private static Map<String, String> notes(PendingCode pending, String destination, boolean staged) {
        Map<String, String> notes = new HashMap<>();
        notes.put(CODE, pending.serialize());
        notes.put(DESTINATION, destination);
        notes.put(STAGED, Boolean.toString(staged));
        return notes;
    }

    private static long lifespan(PendingCode pending) {
        return Math.max(1, pending.expiresAt() - Time.currentTime());
    }
}
