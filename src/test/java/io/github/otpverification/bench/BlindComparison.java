package io.github.otpverification.bench;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One blind page measured in alternating parts with a known and an unknown account: the POST's
 * latencies of both, and whether the p50 difference is within the noise. Two views of the noise:
 * a bootstrap 95 % interval of the difference of medians (resampled {@value #RESAMPLES} times),
 * which decides: within the noise when it contains 0; and, for context, the spread of p50 across
 * the alternating parts (the larger side's max - min: what repeating the same measurement moved,
 * JIT drift included).
 *
 * @param page     the page's name in the report
 * @param known    the known account's operations, all parts
 * @param unknown  the unknown account's operations, all parts
 * @param knownParts   each part of the known side, in order
 * @param unknownParts each part of the unknown side, in order
 */
record BlindComparison(String page, PhaseResult known, PhaseResult unknown, List<PhaseResult> knownParts,
                       List<PhaseResult> unknownParts) {

    static final int RESAMPLES = 2000;

    Latencies knownPost() {
        return known.step(BlindPageClient.POST);
    }

    Latencies unknownPost() {
        return unknown.step(BlindPageClient.POST);
    }

    /** p50 of the known account's POST minus the unknown one's, ms. */
    double p50Difference() {
        return knownPost().percentileMillis(50) - unknownPost().percentileMillis(50);
    }

    /** The POST's p50 of each part, ms. */
    static double[] partP50s(List<PhaseResult> parts) {
        return parts.stream().mapToDouble(p -> p.step(BlindPageClient.POST).percentileMillis(50)).toArray();
    }

    /** The larger of the two sides' spread (max - min) of the POST's p50 across their parts, ms. */
    double partSpread() {
        return Math.max(spread(partP50s(knownParts)), spread(partP50s(unknownParts)));
    }

    /** Bootstrap 95 % interval {low, high} of p50(known) - p50(unknown), ms (fixed seed: the same data give the same interval). */
    double[] bootstrapInterval() {
        return interval(List.of(knownPost(), unknownPost()));
    }

    /**
     * What someone who measures {@code samples} requests of each side sees: the 95 % interval of
     * the difference of their medians, each side's {@code samples} drawn from all its measured
     * ones (fixed seed). With the default caps a typed name gets 10 codes an hour, so 10 samples
     * are an hour's worth of real mails for one name.
     */
    double[] intervalWithSamples(int samples) {
        long[] known = knownPost().toArray();
        long[] unknown = unknownPost().toArray();
        if (known.length == 0 || unknown.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        SplittableRandom random = new SplittableRandom(42);
        long[] scratch = new long[samples];
        double[] estimates = new double[RESAMPLES];
        for (int i = 0; i < RESAMPLES; i++) {
            estimates[i] = (median(known, scratch, random) - median(unknown, scratch, random)) / 1e6;
        }
        Arrays.sort(estimates);
        return new double[] {estimates[(int) (0.025 * RESAMPLES)], estimates[(int) (0.975 * RESAMPLES) - 1]};
    }

    /** The target: the bootstrap interval of the p50 difference contains 0. */
    boolean withinNoise() {
        return containsZero(bootstrapInterval());
    }

    /** How much more this page's p50 difference is than {@code control}'s, ms. */
    double p50DifferenceOver(BlindComparison control) {
        return p50Difference() - control.p50Difference();
    }

    /** Bootstrap 95 % interval of {@link #p50DifferenceOver}, ms. */
    double[] intervalOver(BlindComparison control) {
        return interval(List.of(knownPost(), unknownPost(), control.unknownPost(), control.knownPost()));
    }

    static boolean containsZero(double[] interval) {
        return interval[0] <= 0 && interval[1] >= 0;
    }

    /**
     * Bootstrap 95 % interval of median(s0) - median(s1) + median(s2) - median(s3) ..., ms, each
     * sample set resampled with replacement (fixed seed: the same data give the same interval).
     */
    private static double[] interval(List<Latencies> signed) {
        List<long[]> sets = signed.stream().map(Latencies::toArray).toList();
        if (sets.stream().anyMatch(set -> set.length == 0)) {
            return new double[] {Double.NaN, Double.NaN};
        }
        SplittableRandom random = new SplittableRandom(42);
        List<long[]> scratch = sets.stream().map(set -> new long[set.length]).toList();
        double[] estimates = new double[RESAMPLES];
        for (int i = 0; i < RESAMPLES; i++) {
            double sum = 0;
            for (int s = 0; s < sets.size(); s++) {
                sum += (s % 2 == 0 ? 1 : -1) * median(sets.get(s), scratch.get(s), random);
            }
            estimates[i] = sum / 1e6;
        }
        Arrays.sort(estimates);
        return new double[] {estimates[(int) (0.025 * RESAMPLES)], estimates[(int) (0.975 * RESAMPLES) - 1]};
    }

    /** The nearest-rank median of {@code scratch.length} draws from {@code samples} with replacement. */
    private static long median(long[] samples, long[] scratch, SplittableRandom random) {
        for (int i = 0; i < scratch.length; i++) {
            scratch[i] = samples[random.nextInt(samples.length)];
        }
        Arrays.sort(scratch);
        return scratch[Math.max(0, (int) Math.ceil(0.5 * scratch.length) - 1)];
    }

    private static double spread(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN) - Arrays.stream(values).min().orElse(Double.NaN);
    }
}
