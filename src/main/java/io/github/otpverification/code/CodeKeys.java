package io.github.otpverification.code;

/** The keys codes are hashed with: one for new codes, and the one that made a pending code. */
public interface CodeKeys {

    /** The hasher for new codes. */
    CodeHasher forIssuing();

    /** The hasher that made {@code pending}, or null when its key no longer exists. */
    CodeHasher forPending(PendingCode pending);
}
