package io.github.otpverification.code;

/** A pending-code store in memory with the same atomic attempt and consume rules as the real ones. */
final class MemoryCodeStore implements PendingCodeStore {

    private PendingCode current;

    MemoryCodeStore(PendingCode pending) {
        current = pending;
    }

    @Override
    public synchronized PendingCode load() {
        return current;
    }

    @Override
    public synchronized void save(PendingCode pending, String destination, boolean staged) {
        current = pending;
    }

    @Override
    public synchronized void remove() {
        current = null;
    }

    @Override
    public synchronized int claimAttempt(PendingCode pending) {
        if (current == null || !current.salt().equals(pending.salt()) || current.isDead()) {
            return -1;
        }
        current = current.withAttemptsLeft(current.attemptsLeft() - 1);
        return current.attemptsLeft();
    }

    @Override
    public synchronized boolean consume(PendingCode pending) {
        if (current == null || !current.salt().equals(pending.salt())) {
            return false;
        }
        current = null;
        return true;
    }
}
