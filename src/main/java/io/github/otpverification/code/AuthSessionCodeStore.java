package io.github.otpverification.code;

import org.keycloak.common.util.Time;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Pending code of a login step or required action, kept in the authentication session: it is
 * replicated to every cluster node and dies with the login attempt, so a code cannot be replayed
 * in another login. Attempts and single use are refereed like the REST API's codes: numbered
 * slots in Keycloak's cluster-wide single-use-object store ({@code putIfAbsent}, which exactly one
 * caller wins), so parallel posts of one login page, on one node or on several, can never judge
 * more guesses than the code allows, nor use it twice.
 */
public final class AuthSessionCodeStore implements PendingCodeStore {

    private final AuthenticationSessionModel authSession;
    private final SingleUseObjectProvider objects;
    private final String noteName;

    public AuthSessionCodeStore(AuthenticationSessionModel authSession, SingleUseObjectProvider objects, String channel,
                                String purpose) {
        this.authSession = authSession;
        this.objects = objects;
        this.noteName = "otp-verification." + channel + "." + purpose;
    }

    @Override
    public PendingCode load() {
        return PendingCode.parse(authSession.getAuthNote(noteName));
    }

    @Override
    public void save(PendingCode pending, String destination, boolean staged) {
        // The login step or required action keeps the destination in its own state.
        authSession.setAuthNote(noteName, pending.serialize());
    }

    @Override
    public void remove() {
        authSession.removeAuthNote(noteName);
    }

    @Override
    public int claimAttempt(PendingCode pending) {
        String prefix = slots(pending);
        long lifespan = Math.max(1, pending.expiresAt() - Time.currentTime());
        for (int attempt = 0; attempt < pending.attemptsLeft(); attempt++) {
            if (objects.putIfAbsent(prefix + ":attempt:" + attempt, lifespan)) {
                int left = pending.attemptsLeft() - attempt - 1;
                if (left == 0) {
                    authSession.setAuthNote(noteName, pending.withAttemptsLeft(0).serialize());
                }
                return left;
            }
        }
        return -1;
    }

    @Override
    public int attemptsLeft(PendingCode pending) {
        String prefix = slots(pending);
        int used = 0;
        while (used < pending.attemptsLeft() && objects.contains(prefix + ":attempt:" + used)) {
            used++;
        }
        return pending.attemptsLeft() - used;
    }

    @Override
    public boolean consume(PendingCode pending) {
        boolean first = objects.putIfAbsent(slots(pending) + ":used", Math.max(1, pending.expiresAt() - Time.currentTime()));
        PendingCode current = load();
        if (current != null && current.salt().equals(pending.salt())) {
            remove();
        }
        return first && current != null && current.salt().equals(pending.salt());
    }

    /** The slots of one code in one login (browser tab). */
    private String slots(PendingCode pending) {
        return "otpv:login-code:" + CacheKeys.digest(authSession.getParentSession().getId() + "\n" + authSession.getTabId() + "\n"
                + noteName + "\n" + pending.salt());
    }
}
