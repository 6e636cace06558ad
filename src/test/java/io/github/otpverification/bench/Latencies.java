package io.github.otpverification.bench;

import java.util.Arrays;

/** Every sample of one timed step, in nanoseconds; percentiles by the nearest-rank method. */
final class Latencies {

    private long[] samples = new long[1024];
    private int size;

    void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.samples[i]);
        }
    }

    /** The samples in nanoseconds, in the order they were added (a copy). */
    long[] toArray() {
        return Arrays.copyOf(samples, size);
    }

    int count() {
        return size;
    }

    /** The p-th percentile (0 < p <= 100) in milliseconds; NaN without samples. */
    double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    double meanMillis() {
        if (size == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += samples[i];
        }
        return sum / size / 1e6;
    }
}
