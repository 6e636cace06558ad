package io.github.otpverification.code;

/** Where one pending code lives between sending and confirming. */
public interface PendingCodeStore {

    /** The pending code, or null. */
    PendingCode load();

    void save(PendingCode pending);

    void remove();
}
