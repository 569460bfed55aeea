package com.catwing.cw.generate;

/**
 * SplitMix64 (the algorithm behind {@link java.util.SplittableRandom}), reseedable so the hot loops allocate
 * nothing. Every stream is derived from the run's seed with {@link #hash}: e.g. the demand of one product×location
 * on one day comes from {@code hash(seed, STREAM_DEMAND, pair, day)}, so it never depends on the order in which
 * anything else was drawn — the output is a pure function of the arguments.
 */
final class Rng {
    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    void reseed(long seed) {
        this.state = seed;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    static long hash(long a, long b) {
        return mix(mix(a + 0x9e3779b97f4a7c15L) ^ (b * 0xc2b2ae3d27d4eb4fL));
    }

    static long hash(long a, long b, long c) {
        return hash(hash(a, b), c);
    }

    static long hash(long a, long b, long c, long d) {
        return hash(hash(hash(a, b), c), d);
    }

    /** A uniform double in [0,1) from a hash value. */
    static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    long nextLong() {
        state += 0x9e3779b97f4a7c15L;
        return mix(state);
    }

    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) % bound);
    }

    /** Uniform integer in [lo, hi]. */
    int between(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    double gaussian() {
        double u = 1.0 - nextDouble();
        double v = nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    double lognormal(double mu, double sigma) {
        return Math.exp(mu + sigma * gaussian());
    }

    /** Poisson: inversion for small means, a rounded normal approximation above 40. */
    int poisson(double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        if (lambda > 40) {
            return Math.max(0, (int) Math.round(lambda + Math.sqrt(lambda) * gaussian()));
        }
        double limit = Math.exp(-lambda);
        double p = nextDouble();
        int k = 0;
        while (p > limit) {
            p *= nextDouble();
            k++;
        }
        return k;
    }

    <T> T pick(T[] items) {
        return items[nextInt(items.length)];
    }
}
