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

    void save(PendingCode pending);

    void remove();

    /**
     * Takes one attempt at {@code pending}.
     *
     * @return the attempts left after this one (0: this was the last), or -1 when none was left
     */
    int claimAttempt(PendingCode pending);

    /** Removes {@code pending} as used; true for exactly one caller even when several race. */
    boolean consume(PendingCode pending);
}
