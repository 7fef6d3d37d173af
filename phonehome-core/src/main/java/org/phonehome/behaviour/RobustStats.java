package org.phonehome.behaviour;

import java.util.Arrays;

/**
 * Order statistics for the beacon scores. Quartiles are Tukey's hinges as RITA's statistics library
 * (montanaflynn/stats {@code Quartile}) computes them: the medians of the lower and upper halves, the median itself
 * excluded from both halves when the count is odd.
 */
final class RobustStats {
    private RobustStats() {
    }

    /** The median of {@code sorted[from, to)}. */
    static double median(double[] sorted, int from, int to) {
        int n = to - from;
        int mid = from + n / 2;
        return n % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    /** The median of a sorted array. */
    static double median(double[] sorted) {
        return median(sorted, 0, sorted.length);
    }

    /** Q1, Q2, Q3 of a sorted array of at least 2 values. */
    static double[] quartiles(double[] sorted) {
        int n = sorted.length;
        int half = n / 2;
        double q1 = median(sorted, 0, half);
        double q3 = median(sorted, n % 2 == 1 ? half + 1 : half, n);
        return new double[] {q1, median(sorted), q3};
    }

    /** The median absolute deviation about the median (unscaled). */
    static double mad(double[] sorted) {
        double m = median(sorted);
        double[] dev = new double[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            dev[i] = Math.abs(sorted[i] - m);
        }
        Arrays.sort(dev);
        return median(dev);
    }

    /**
     * Bowley's quartile skewness (Q1 + Q3 - 2 Q2) / (Q3 - Q1), taken as 0 when the spread Q3 - Q1 is at most
     * {@code negligibleSpread} or the median equals a quartile (RITA: the measure is unreliable then).
     */
    static double bowley(double[] sorted, double negligibleSpread) {
        double[] q = quartiles(sorted);
        double den = q[2] - q[0];
        if (den <= negligibleSpread || q[1] == q[0] || q[1] == q[2]) {
            return 0;
        }
        return Math.max(-1, Math.min(1, (q[0] + q[2] - 2 * q[1]) / den));
    }

    /** 1 - MAD / median, clamped to [0, 1]; 1 when median and MAD are both 0 (constant zeros are regular). */
    static double dispersionScore(double[] sorted) {
        double median = median(sorted);
        double mad = mad(sorted);
        if (median <= 0) {
            return mad == 0 ? 1 : 0;
        }
        return clamp((median - mad) / median);
    }

    static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}
