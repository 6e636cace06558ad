package io.github.otpverification.code;

/**
 * Where one pending code lives between sending and confirming. The store is also the referee of
 * the code's attempt budget and its single use, because only the store knows how to make those
 * two steps atomic where it keeps the code (a login's authentication session, or the
 * cluster-wide single-use-object cache).
 */
public interface PendingCodeStore {

    /** The pending code, or null. */
    PendingCode load();

    /**
     * Keeps a new code, replacing any other.
     *
     * @param destination where it went
     * @param staged      whether confirming it saves that destination as the person's new one
     */
    void save(PendingCode pending, String destination, boolean staged);

    /** Where the pending code went, for stores that remember it; else null. */
    default String destination() {
        return null;
    }

    void remove();

    /**
     * Takes one attempt at {@code pending}.
     *
     * @return the attempts left after this one (0: this was the last), or -1 when none was left
     */
    int claimAttempt(PendingCode pending);

    /** The attempts {@code pending} has left now (stores that count in slots know better than the code's record). */
    default int attemptsLeft(PendingCode pending) {
        return pending.attemptsLeft();
    }

    /** Removes {@code pending} as used; true for exactly one caller even when several race. */
    boolean consume(PendingCode pending);
}
