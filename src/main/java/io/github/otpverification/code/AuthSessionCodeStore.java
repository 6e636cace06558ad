package io.github.otpverification.code;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Pending code of a login step or required action, kept in the authentication session: it is
 * replicated to every cluster node and dies with the login attempt, so a code cannot be replayed
 * in another login. One browser tab drives one authentication session, so plain reads and
 * writes are enough to count attempts here.
 */
public final class AuthSessionCodeStore implements PendingCodeStore {

    private final AuthenticationSessionModel authSession;
    private final String noteName;

    public AuthSessionCodeStore(AuthenticationSessionModel authSession, String channel, String purpose) {
        this.authSession = authSession;
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
        if (pending.isDead()) {
            return -1;
        }
        int left = pending.attemptsLeft() - 1;
        authSession.setAuthNote(noteName, pending.withAttemptsLeft(left).serialize());
        return left;
    }

    @Override
    public boolean consume(PendingCode pending) {
        PendingCode current = load();
        remove();
        return current != null && current.salt().equals(pending.salt());
    }
}
