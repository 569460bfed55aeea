package com.catwing.cw.cli;

import com.catwing.cw.bench.Memory;
import com.catwing.cw.generate.Generator;
import com.catwing.cw.generate.GeneratorConfig;
import com.catwing.cw.generate.Sink;
import com.catwing.cw.s3.S3Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code cw bench generate}: generator speed (records/s) and memory (peak heap, peak RSS) for the small case
 * (1k products × 10 locations × 365 days) and the large case (10k × 50 × 730). Run the large case with
 * {@code CW_JAVA_OPTS=-Xmx512m} to check the memory goal. Results are written up in docs/benchmarks.md.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Benchmark the generator: records/s, bytes/s, peak heap and RSS.",
                "Cases: small = 1k products x 10 locations x 365 days, large = 10k x 50 x 730.",
                "Run with CW_JAVA_OPTS=-Xmx512m to check the memory goal."})
public final class BenchGenerateCommand implements Callable<Integer> {
    @Option(names = "--case", defaultValue = "small", description = "small, large or both (default ${DEFAULT-VALUE})")
    String which;

    @Option(names = "--sink", defaultValue = "discard",
            description = "discard (generation only) or s3 (through the S3 client into the configured bucket)"
                    + " (default ${DEFAULT-VALUE})")
    String sinkName;

    @Option(names = "--dialect", defaultValue = "catwing", description = "catwing or navision (default ${DEFAULT-VALUE})")
    String dialect;

    @Option(names = "--days", description = "override the number of days (quick trials)")
    Integer days;

    @Override
    public Integer call() {
        List<String> cases = which.equals("both") ? List.of("small", "large") : List.of(which);
        System.out.printf(Locale.ROOT, "%-6s %-8s %-8s %6s %5s %4s %12s %12s %10s %11s %10s %9s %9s %8s%n", "case",
                "sink", "dialect", "prods", "locs", "days", "records", "lines", "MB", "records/s", "MB/s",
                "heap MB", "rss MB", "seconds");
        for (String c : cases) {
            GeneratorConfig cfg = switch (c) {
                case "small" -> new GeneratorConfig("CW-900001", LocalDate.of(2024, 1, 1), days != null ? days : 365,
                        1000, 10, 50, 42, dialect, "none");
                case "large" -> new GeneratorConfig("CW-900002", LocalDate.of(2023, 1, 1), days != null ? days : 730,
                        10_000, 50, 200, 42, dialect, "none");
                default -> throw new com.catwing.cw.CwException("unknown case '" + c + "' (small, large or both)", 2);
            };
            run(c, cfg);
        }
        return 0;
    }

    private void run(String name, GeneratorConfig cfg) {
        Memory.resetPeaks();
        long t0 = System.nanoTime();
        Generator.Stats st;
        if (sinkName.equals("s3")) {
            try (S3Store s3 = S3Store.open()) {
                s3.ensureBucket();
                st = new Generator(cfg, Sink.s3(s3)).run(progress());
            }
        } else if (sinkName.equals("discard")) {
            st = new Generator(cfg, Sink.discard()).run(progress());
        } else {
            throw new com.catwing.cw.CwException("unknown sink '" + sinkName + "' (discard or s3)", 2);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long heapPeak = Memory.heapPeakBytes();
        System.err.print("\r" + " ".repeat(100) + "\r");
        System.out.printf(Locale.ROOT, "%-6s %-8s %-8s %6d %5d %4d %,12d %,12d %,10.0f %,11.0f %,10.1f %,9.0f %,9.0f %8.1f%n",
                name, sinkName, cfg.dialect(), cfg.products(), cfg.locations(), cfg.days(), st.records, st.lines,
                st.bytes / 1048576.0, st.records / secs, st.bytes / 1048576.0 / secs, heapPeak / 1048576.0,
                Memory.vmHwmKb() / 1024.0, secs);
        System.out.printf(Locale.ROOT, "       records by endpoint: %s; ground-truth rows %,d; max heap %,d MB%n",
                st.recordsByEndpoint, st.groundTruthRows, Runtime.getRuntime().maxMemory() / 1048576);
    }

    private static Generator.Progress progress() {
        if (!GenerateCommand.ProgressBar.stderrIsTerminal()) {
            return null;
        }
        return new GenerateCommand.ProgressBar();
    }
}
