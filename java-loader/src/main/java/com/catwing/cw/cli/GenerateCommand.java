package com.catwing.cw.cli;

import com.catwing.cw.CwException;
import com.catwing.cw.generate.Generator;
import com.catwing.cw.generate.GeneratorConfig;
import com.catwing.cw.generate.Sink;
import com.catwing.cw.s3.S3Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code cw generate}: simulated ERP data with ground truth, written to S3 (the embedded one by default):
 * {@code raw-data/{client}/{date}/{endpoint}.json} and {@code client-data/{client}/ground-truth/…}.
 */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generate realistic raw ERP data with ground truth into S3 (embedded S3 unless CW_S3_ENDPOINT is set).",
                "Writes raw-data/{client}/{date}/{endpoint}.json for ten endpoints per day, and the true demand,",
                "defects manifest and world summary under client-data/{client}/ground-truth/. See docs/generator.md."})
public final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--client", required = true, description = "client code, CW-nnnnnn")
    String client;

    @Option(names = "--start", required = true, description = "first day, yyyy-MM-dd")
    String start;

    @Option(names = "--days", defaultValue = "30", description = "number of days (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--products", defaultValue = "200", description = "catalogue size (default ${DEFAULT-VALUE})")
    int products;

    @Option(names = "--locations", defaultValue = "8",
            description = "locations incl. warehouse, DCs and webshop (default ${DEFAULT-VALUE})")
    int locations;

    @Option(names = "--suppliers", defaultValue = "20", description = "suppliers (default ${DEFAULT-VALUE})")
    int suppliers;

    @Option(names = "--seed", defaultValue = "42", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--dialect", defaultValue = "catwing", description = "ERP dialect: catwing or navision (ten JSON "
            + "endpoints a day), or webshop_csv (a web shop's four CSV files a day; default ${DEFAULT-VALUE})")
    String dialect;

    @Option(names = "--defects", defaultValue = "none", description = "defect profile: none, light or all (default ${DEFAULT-VALUE})")
    String defects;

    @Option(names = "--store-stock", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "stores and the webshop report their stock (default on); --no-store-stock: a shop without "
                    + "stock reporting at its customer-facing locations (ground truth unchanged)")
    boolean storeStock;

    @Option(names = "--cancellations", description = "also emit cancelled orders, cancelled lines and customer "
            + "returns at realistic rates, with their ground truth (docs/generator.md)")
    boolean cancellations;

    @Option(names = "--dirt", defaultValue = "1", paramLabel = "SCALE",
            description = "webshop_csv: scale of seed 003's dirt rates (duplicate customers, badly cased names, missing "
                    + "fields, invalid prices, wrong line totals, ...): 1 the documented rates (default), 0 clean files "
                    + "(docs/generator.md)")
    double dirt;

    @Option(names = "--hostile-csv", description = "webshop_csv: also write a few rows that are not valid CSV "
            + "(unbalanced quote, wrong column count, invalid UTF-8), named in the ground truth")
    boolean hostileCsv;

    @Option(names = "--onboarding-days", defaultValue = "0", paramLabel = "N",
            description = "write the first N days as one initial export dated the N-th day (a new client's history: "
                    + "every order of those days, the masters and a full stock snapshot of that day), daily exports "
                    + "after it (default 0: daily exports only; docs/generator.md)")
    int onboardingDays;

    @Option(names = "--supplier-availability", description = "also write every supplier's product list (noisy: own "
            + "codes, missing or wrong EANs, typos, renamed and no longer carried products) and its truth to "
            + "client-data/{client}/ground-truth/supplier-availability/ (docs/uploads.md)")
    boolean supplierAvailability;

    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "progress bar on stderr when it is a terminal (default on)")
    boolean progress;

    @Override
    public Integer call() {
        GeneratorConfig cfg = new GeneratorConfig(client, parseDate(start), days, products, locations, suppliers,
                seed, dialect.toLowerCase(Locale.ROOT), defects.toLowerCase(Locale.ROOT), storeStock,
                cancellations, onboardingDays, dirt, hostileCsv);
        long t0 = System.nanoTime();
        Generator.Stats st;
        try (S3Store s3 = S3Store.open()) {
            s3.ensureBucket();
            ProgressBar bar = progress && ProgressBar.stderrIsTerminal() ? new ProgressBar() : null;
            Generator generator = new Generator(cfg, Sink.s3(s3));
            st = generator.run(bar);
            if (supplierAvailability && cfg.csv()) {
                throw new CwException("--supplier-availability needs a JSON dialect (catwing or navision), got "
                        + cfg.dialect(), 2);
            }
            if (supplierAvailability) {
                int rows = generator.writeSupplierAvailability();
                System.err.printf(Locale.ROOT, "cw: wrote %,d supplier availability rows to s3://%s/client-data/%s/"
                        + "ground-truth/supplier-availability/lists.csv (truth: truth.csv)%n", rows, s3.bucket(),
                        cfg.client());
            }
            if (bar != null) {
                bar.finish();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.err.printf(Locale.ROOT, "cw: generated %s %s..%s: %d days, %d files, %,d records (%,d lines), %s,"
                            + " %d defects, in %.1f s -> s3://%s/raw-data/%s/%n",
                    cfg.client(), cfg.start(), cfg.start().plusDays(cfg.days() - 1L), st.days, st.files, st.records,
                    st.lines, ProgressBar.human(st.bytes), st.defects, secs, s3.bucket(), cfg.client());
            if (cfg.csv()) {
                System.err.printf(Locale.ROOT, "cw: web shop: %,d customers, %,d products, %,d transactions, %,d items"
                        + " (rows over all days); ground truth of the dirt in s3://%s/client-data/%s/ground-truth/dirt/%n",
                        st.recordsByEndpoint.get("customers"), st.recordsByEndpoint.get("products"),
                        st.recordsByEndpoint.get("transactions"), st.recordsByEndpoint.get("transaction_items"),
                        s3.bucket(), cfg.client());
            }
            if (cfg.onboardingDate() != null) {
                System.err.printf(Locale.ROOT, "cw: days %s..%s are one initial export dated %s%n", cfg.start(),
                        cfg.onboardingDate(), cfg.onboardingDate());
            }
        }
        return 0;
    }

    static LocalDate parseDate(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new CwException("--start must be a date like 2024-01-01, got '" + s + "'", 2);
        }
    }

    /** One line on stderr, redrawn with \r at most five times a second. */
    static final class ProgressBar implements Generator.Progress {
        private final long t0 = System.nanoTime();
        private long last;

        static boolean stderrIsTerminal() {
            try {
                String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (Exception e) {
                return System.console() != null;
            }
        }

        @Override
        public void day(int done, int total, Generator.Stats s) {
            long now = System.nanoTime();
            if (done < total && now - last < 200_000_000L) {
                return;
            }
            last = now;
            double secs = (now - t0) / 1e9;
            int width = 30;
            int filled = (int) ((long) width * done / total);
            double eta = done == 0 ? 0 : secs / done * (total - done);
            System.err.printf(Locale.ROOT, "\r[%s%s] %3d%% day %d/%d  %,d records  %s  %,.0f rec/s  ETA %s   ",
                    "#".repeat(filled), ".".repeat(width - filled), 100L * done / total, done, total, s.records,
                    human(s.bytes), s.records / Math.max(secs, 1e-3), duration(eta));
            System.err.flush();
        }

        void finish() {
            System.err.print("\r" + " ".repeat(110) + "\r");
            System.err.flush();
        }

        static String human(long bytes) {
            if (bytes < 1024 * 1024) {
                return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
            }
            if (bytes < 1024L * 1024 * 1024) {
                return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024);
            }
            return String.format(Locale.ROOT, "%.2f GB", bytes / 1024.0 / 1024 / 1024);
        }

        static String duration(double s) {
            long v = Math.round(s);
            return v >= 3600 ? v / 3600 + "h" + v % 3600 / 60 + "m" : v >= 60 ? v / 60 + "m" + v % 60 + "s" : v + "s";
        }
    }
}
