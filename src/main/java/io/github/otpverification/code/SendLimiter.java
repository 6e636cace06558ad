package io.github.otpverification.code;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Hourly send caps that hold across a cluster. Each send takes one numbered slot of the hour with
 * {@link SingleUseObjectProvider#putIfAbsent}, which exactly one caller wins cluster-wide, so
 * parallel sends on different nodes can never exceed a cap. A non-binding hint remembers the
 * next free slot, so a send usually costs one or two cache operations.
 *
 * <p>The hour slides: the previous clock hour's sends count with the share of it that still lies
 * within the last 60 minutes, so nobody gets twice the cap across an hour boundary.
 */
public final class SendLimiter {

    private static final long HOUR = 3600;

    private final SingleUseObjectProvider store;
    private final String realmId;

    public SendLimiter(SingleUseObjectProvider store, String realmId) {
        this.store = store;
        this.realmId = realmId;
    }

    /**
     * Takes a slot under every limit, or none at all.
     *
     * @return 0 when the send may go ahead, else the seconds until the earliest refusing cap frees up
     */
    public long tryAcquire(List<SendLimit> limits, long now) {
        long bucket = now / HOUR;
        long secondsLeftInHour = (bucket + 1) * HOUR - now;
        List<String> taken = new ArrayList<>();
        for (SendLimit limit : limits) {
            if (limit.maxPerHour() <= 0) {
                continue;
            }
            String slot = takeSlot(limit, bucket, secondsLeftInHour);
            if (slot == null) {
                taken.forEach(store::remove);
                return secondsLeftInHour;
            }
            taken.add(slot);
        }
        return 0;
    }

    private String takeSlot(SendLimit limit, long bucket, long secondsLeftInHour) {
        String subject = "otpv:limit:" + realmId + ":" + limit.scope() + ":" + CacheKeys.digest(limit.subject()) + ":";
        String prefix = subject + bucket;
        String hintKey = prefix + ":next";
        // The hint outlives its hour by one more, as the count of the previous hour for the next one.
        long lifespan = secondsLeftInHour + HOUR + 60;
        long previous = hint(subject + (bucket - 1) + ":next");
        // The previous hour's share of the last 60 minutes, rounded up: a send just before the hour still counts just after it.
        long stillInWindow = (previous * secondsLeftInHour + HOUR - 1) / HOUR;
        long allowed = limit.maxPerHour() - stillInWindow;
        for (int slot = hint(hintKey); slot < allowed; slot++) {
            String slotKey = prefix + ":" + slot;
            if (store.putIfAbsent(slotKey, lifespan)) {
                store.put(hintKey, lifespan, Map.of("next", Integer.toString(slot + 1)));
                return slotKey;
            }
        }
        return null;
    }

    private int hint(String hintKey) {
        Map<String, String> notes = store.get(hintKey);
        if (notes == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(notes.getOrDefault("next", "0")));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
