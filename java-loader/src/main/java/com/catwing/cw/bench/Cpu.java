package com.catwing.cw.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time for the benchmarks, which share a small machine with other work: wall times vary with the load, CPU
 * seconds much less. Reads Linux /proc: this JVM, a local PostgreSQL cluster (its postmaster with every server
 * process, including the ones that have exited) and another local process such as the embedded S3.
 */
public final class Cpu {
    private static final double TICK = 100.0;  // USER_HZ, 100 on every Linux platform the project runs on

    private Cpu() {
    }

    /** CPU seconds this JVM has used (all threads, GC and JIT included). */
    public static double jvmSeconds() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /**
     * CPU seconds used so far by the PostgreSQL cluster whose server process {@code backendPid} is: the postmaster,
     * its live children and the children it has reaped. NaN when the server is not local or /proc is unreadable.
     */
    public static double clusterSeconds(long backendPid) {
        try {
            String[] backend = stat(backendPid);
            long postmaster = Long.parseLong(backend[1]);
            String[] pm = stat(postmaster);
            long ticks = Long.parseLong(pm[11]) + Long.parseLong(pm[12]) + Long.parseLong(pm[13]) + Long.parseLong(pm[14]);
            try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
                for (Path p : procs) {
                    try {
                        String[] s = stat(Long.parseLong(p.getFileName().toString()));
                        if (Long.parseLong(s[1]) == postmaster) {
                            ticks += Long.parseLong(s[11]) + Long.parseLong(s[12]);
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the process ended meanwhile; its time is in the postmaster's children time
                    }
                }
            }
            return ticks / TICK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** CPU seconds one local process has used; NaN if unknown. */
    public static double processSeconds(long pid) {
        try {
            String[] s = stat(pid);
            return (Long.parseLong(s[11]) + Long.parseLong(s[12])) / TICK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * On-CPU seconds of one local process, from /proc/PID/schedstat (its first field, in nanoseconds: finer than the
     * clock ticks of /proc/PID/stat, and not inflated by time spent waiting for a core on a loaded machine). Used for
     * a PostgreSQL backend's CPU around a step. NaN if not readable.
     */
    public static double onCpuSeconds(long pid) {
        try {
            String[] f = Files.readString(Path.of("/proc", Long.toString(pid), "schedstat")).trim().split("\\s+");
            return Long.parseLong(f[0]) / 1e9;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The fields of /proc/PID/stat after the command name: [0] state, [1] ppid, ... [11] utime, [12] stime. */
    private static String[] stat(long pid) throws IOException {
        String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return s.substring(s.lastIndexOf(')') + 2).split(" ");
    }
}
