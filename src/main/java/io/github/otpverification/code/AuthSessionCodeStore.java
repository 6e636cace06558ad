package io.github.otpverification.code;

import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Pending code of a login step or required action, kept in the authentication session: it is
 * replicated to every cluster node and dies with the login attempt, so a code cannot be replayed
 * in another login.
 */
public final class AuthSessionCodeStore implements PendingCodeStore {

    private final AuthenticationSessionModel authSession;
    private final String noteName;

    public AuthSessionCodeStore(AuthenticationSessionModel authSession, Channel channel, String purpose) {
        this.authSession = authSession;
        this.noteName = "otp-verification." + channel.id() + "." + purpose;
    }

    @Override
    public PendingCode load() {
        return PendingCode.parse(authSession.getAuthNote(noteName));
    }

    @Override
    public void save(PendingCode pending) {
        authSession.setAuthNote(noteName, pending.serialize());
    }

    @Override
    public void remove() {
        authSession.removeAuthNote(noteName);
    }
}
