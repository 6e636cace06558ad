package io.github.otpverification.bench;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One blind page measured A-B-A-B with a known and an unknown account: the POST's latencies of
 * both, and whether the p50 difference is within the noise. Two views of the noise: the spread
 * of p50 across the alternating parts (the larger side's max - min: what repeating the same
 * measurement moved), which decides the target; and a bootstrap 95 % interval of the difference
 * of medians (resampled {@value #RESAMPLES} times), which should contain 0.
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
        long[] a = knownPost().toArray();
        long[] b = unknownPost().toArray();
        if (a.length == 0 || b.length == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        SplittableRandom random = new SplittableRandom(42);
        double[] differences = new double[RESAMPLES];
        long[] scratchA = new long[a.length];
        long[] scratchB = new long[b.length];
        for (int i = 0; i < RESAMPLES; i++) {
            differences[i] = (median(a, scratchA, random) - median(b, scratchB, random)) / 1e6;
        }
        Arrays.sort(differences);
        return new double[] {differences[(int) (0.025 * RESAMPLES)], differences[(int) (0.975 * RESAMPLES) - 1]};
    }

    /** The target: the p50 difference is no larger than what the same measurement moved between its parts. */
    boolean withinNoise() {
        return Math.abs(p50Difference()) <= partSpread();
    }

    /** The nearest-rank median of a resample of {@code samples} with replacement. */
    private static long median(long[] samples, long[] scratch, SplittableRandom random) {
        for (int i = 0; i < samples.length; i++) {
            scratch[i] = samples[random.nextInt(samples.length)];
        }
        Arrays.sort(scratch);
        return scratch[Math.max(0, (int) Math.ceil(0.5 * scratch.length) - 1)];
    }

    private static double spread(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN) - Arrays.stream(values).min().orElse(Double.NaN);
    }
}
