package com.catwing.cw.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Samples, every {@code periodMillis} while one long server call runs, the on-CPU seconds of its backend
 * ({@code /proc/<pid>/schedstat}) and of the whole local cluster (the backend's parallel workers, autovacuum and the
 * background writers included: {@link Cpu#clusterSeconds}), each with the wall clock. The CPU between two moments of
 * the call that the server recorded (a step's {@code started_at} and {@code finished_at}) is then read off the samples
 * by linear interpolation: the error is at most one period's CPU at each end. Used by {@code bench behaviors
 * --nightly} to split one {@code run_pipeline} call's CPU into its steps.
 */
final class CpuSampler implements AutoCloseable {
    /** One sample: epoch milliseconds, backend CPU seconds, cluster CPU seconds. */
    private record Sample(long at, double backend, double cluster) {
    }

    private final long pid;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    CpuSampler(long backendPid, long periodMillis) {
        this.pid = backendPid;
        sample();
        thread = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
                sample();
            }
        }, "cpu-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        Sample s = new Sample(System.currentTimeMillis(), Cpu.onCpuSeconds(pid),
                Cpu.clusterSeconds(pid));
        synchronized (samples) {
            samples.add(s);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }

    /** {backend, cluster} CPU seconds used between two epoch-millisecond moments inside the sampled span. */
    double[] between(long fromMillis, long toMillis) {
        double[] a = at(fromMillis);
        double[] b = at(toMillis);
        return new double[] {b[0] - a[0], b[1] - a[1]};
    }

    /** {backend, cluster} CPU seconds used over the whole sampled span. */
    double[] total() {
        synchronized (samples) {
            Sample first = samples.get(0);
            Sample last = samples.get(samples.size() - 1);
            return new double[] {last.backend() - first.backend(), last.cluster() - first.cluster()};
        }
    }

    private double[] at(long millis) {
        synchronized (samples) {
            Sample before = samples.get(0);
            if (millis <= before.at()) {
                return new double[] {before.backend(), before.cluster()};
            }
            for (Sample s : samples) {
                if (s.at() >= millis) {
                    double f = s.at() == before.at() ? 1 : (double) (millis - before.at()) / (s.at() - before.at());
                    return new double[] {before.backend() + f * (s.backend() - before.backend()),
                        before.cluster() + f * (s.cluster() - before.cluster())};
                }
                before = s;
            }
            return new double[] {before.backend(), before.cluster()};
        }
    }
}
