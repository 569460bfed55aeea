package com.catwing.cw.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Textbook forecasting baselines on one weekly series (oldest first), each returning the next {@code h} weeks; and
 * the M5 RMSSE scale. Used by {@code cw bench forecast} to score step forecast against what a planner could do
 * without it. Constants are the usual textbook choices (alpha 0.1 for the intermittent methods).
 */
final class Baselines {
    private Baselines() {
    }

    /** M5 scale: mean squared one-step change of the series from its first non-zero value on. */
    static double scale(List<Double> y) {
        int first = 0;
        while (first < y.size() && y.get(first) == 0) {
            first++;
        }
        double sum = 0;
        int n = 0;
        for (int t = first + 1; t < y.size(); t++) {
            double d = y.get(t) - y.get(t - 1);
            sum += d * d;
            n++;
        }
        return n == 0 ? 0 : sum / n;
    }

    static double[] naive(List<Double> y, int h) {
        return flat(y.get(y.size() - 1), h);
    }

    /** The same week a year (52 weeks) earlier; the naive forecast without a year of history. */
    static double[] seasonalNaive(List<Double> y, int h) {
        int n = y.size();
        if (n < 52) {
            return naive(y, h);
        }
        double[] f = new double[h];
        for (int k = 0; k < h; k++) {
            f[k] = y.get(n - 52 + (k % 52));
        }
        return f;
    }

    /** Simple exponential smoothing, alpha from 0.05 .. 0.95 minimising the in-sample one-step squared error. */
    static double[] ses(List<Double> y, int h) {
        double best = Double.MAX_VALUE;
        double bestLevel = y.get(0);
        for (int a = 1; a <= 19; a++) {
            double alpha = a * 0.05;
            double level = y.get(0);
            double sse = 0;
            for (int t = 1; t < y.size(); t++) {
                double e = y.get(t) - level;
                sse += e * e;
                level += alpha * e;
            }
            if (sse < best) {
                best = sse;
                bestLevel = level;
            }
        }
        return flat(bestLevel, h);
    }

    /** Mean of the last k weeks, k from 2 .. 14 minimising the in-sample one-step squared error. */
    static double[] movingAverage(List<Double> y, int h) {
        int n = y.size();
        double best = Double.MAX_VALUE;
        int bestK = Math.min(n, 2);
        for (int k = 2; k <= Math.min(14, n - 1); k++) {
            double sse = 0;
            for (int t = 14; t < n; t++) {
                double e = y.get(t) - mean(y, t - k, t);
                sse += e * e;
            }
            if (sse < best) {
                best = sse;
                bestK = k;
            }
        }
        return flat(mean(y, n - bestK, n), h);
    }

    /** Croston (alpha 0.1 for size and interval); SBA multiplies by 1 - alpha / 2. */
    static double[] croston(List<Double> y, int h, boolean sba) {
        double alpha = 0.1;
        double size = -1;
        double interval = 0;
        int since = 0;
        for (double v : y) {
            since++;
            if (v > 0) {
                if (size < 0) {
                    size = v;
                    interval = since;
                } else {
                    size += alpha * (v - size);
                    interval += alpha * (since - interval);
                }
                since = 0;
            }
        }
        if (size < 0) {
            return flat(0, h);
        }
        return flat(size / interval * (sba ? 1 - alpha / 2 : 1), h);
    }

    /** Teunter-Syntetos-Babai: occurrence probability and size smoothed separately (both 0.1), updated each week. */
    static double[] tsb(List<Double> y, int h) {
        double alpha = 0.1;
        double beta = 0.1;
        long nonZero = y.stream().filter(v -> v > 0).count();
        if (nonZero == 0) {
            return flat(0, h);
        }
        double p = (double) nonZero / y.size();
        double size = y.stream().filter(v -> v > 0).findFirst().orElse(0.0);
        for (double v : y) {
            if (v > 0) {
                p += beta * (1 - p);
                size += alpha * (v - size);
            } else {
                p -= beta * p;
            }
        }
        return flat(p * size, h);
    }

    /**
     * ADIDA: the series aggregated into non-overlapping buckets of its mean inter-demand interval (from the end),
     * SES (alpha 0.1) on the buckets, the forecast spread evenly over the weeks of a bucket.
     */
    static double[] adida(List<Double> y, int h) {
        long nonZero = y.stream().filter(v -> v > 0).count();
        if (nonZero == 0) {
            return flat(0, h);
        }
        int m = (int) Math.max(1, Math.round((double) y.size() / nonZero));
        int buckets = y.size() / m;
        if (buckets == 0) {
            return flat(mean(y, 0, y.size()), h);
        }
        int from = y.size() - buckets * m;
        double level = -1;
        for (int b = 0; b < buckets; b++) {
            double sum = 0;
            for (int t = from + b * m; t < from + (b + 1) * m; t++) {
                sum += y.get(t);
            }
            level = level < 0 ? sum : level + 0.1 * (sum - level);
        }
        return flat(level / m, h);
    }

    private static double mean(List<Double> y, int from, int to) {
        double sum = 0;
        for (int t = from; t < to; t++) {
            sum += y.get(t);
        }
        return to > from ? sum / (to - from) : 0;
    }

    private static double[] flat(double v, int h) {
        double[] f = new double[h];
        Arrays.fill(f, v);
        return f;
    }
}
