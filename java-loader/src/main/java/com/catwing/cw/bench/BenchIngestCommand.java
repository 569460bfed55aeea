package com.catwing.cw.bench;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.generate.Generator;
import com.catwing.cw.generate.GeneratorConfig;
import com.catwing.cw.generate.Sink;
import com.catwing.cw.load.RawLoader;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.tenant.Tenants;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code cw bench ingest}: rows/s from S3 JSON to typed staging rows (loader + Quality Mapper), against two references
 * measured in the same run on the same rows: COPY of the typed rows as CSV into unlogged tables (the physical limit)
 * and COPY of the raw records as JSON lines into an unlogged jsonb table. Runs in its own database (cw_bench).
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Benchmark steps 1-2: S3 JSON -> raw landing -> typed staging rows, with two references:",
                "typed CSV COPY into unlogged tables and JSON-lines COPY into a jsonb table (same rows).",
                "--big-file-mb N also loads one N MB JSON-lines object (run with CW_JAVA_OPTS=-Xmx256m)."})
public final class BenchIngestCommand implements Callable<Integer> {
    private static final String CLIENT = "CW-000990";
    private static final String[] STAGING = {"staging_products", "staging_locations", "staging_suppliers",
        "staging_prices", "staging_sales_orders", "staging_purchase_orders", "staging_receiving_orders",
        "staging_store_orders", "staging_transfer_orders", "staging_inventory_balances"};

    @Option(names = "--products", defaultValue = "5000", description = "catalogue size (default ${DEFAULT-VALUE})")
    int products;
    @Option(names = "--locations", defaultValue = "30", description = "locations (default ${DEFAULT-VALUE})")
    int locations;
    @Option(names = "--days", defaultValue = "3", description = "days loaded (default ${DEFAULT-VALUE})")
    int days;
    @Option(names = "--big-file-mb", defaultValue = "0", description = "also load one JSON-lines object of this size")
    int bigFileMb;

    @Override
    public Integer call() throws Exception {
        Database server = Database.configured();
        Database db = server.withDatabase("cw_bench");
        try (Connection c = server.connect(); Statement s = c.createStatement()) {
            s.execute("drop database if exists cw_bench with (force)");
            s.execute("create database cw_bench");
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        new Tenants(db, quiet).migrateAll();
        new Tenants(db, quiet).create(CLIENT, "Benchmark", "EUR", "Europe/Berlin", "catwing");
        Tenant t = Tenant.of(CLIENT);
        LocalDate start = LocalDate.of(2024, 3, 4);
        try (S3Store s3 = S3Store.open()) {
            s3.ensureBucket();
            System.out.printf("generating %d products x %d locations x %d days into S3 ...%n", products, locations, days);
            GeneratorConfig cfg = new GeneratorConfig(CLIENT, start, days, products, locations, 50, 42, "catwing", "none");
            new Generator(cfg, Sink.s3(s3)).run((done, total, soFar) -> { });

            // Reference 0: only reading the objects from S3 (what the network and s3proxy cost).
            long tr = System.nanoTime();
            long readBytes = 0;
            for (int d = 0; d < days; d++) {
                for (S3Store.ObjectInfo o : s3.list("raw-data/" + CLIENT + "/" + start.plusDays(d) + "/").toList()) {
                    try (InputStream in = s3.get(o.key())) {
                        readBytes += in.transferTo(OutputStream.nullOutputStream());
                    }
                }
            }
            double readSecs = (System.nanoTime() - tr) / 1e9;
            Path tmp = Files.createTempDirectory("cw-bench-ingest-");
            List<Path> typedCsv = new ArrayList<>();
            long staged = 0;
            long records = 0;
            double loadSecs = 0;
            double mapSecs = 0;
            Memory.resetPeaks();
            double[] oursCpu = new double[3];  // loader JVM, PostgreSQL cluster, embedded S3
            Long s3Pid = s3Pid();
            try (Connection c = db.connect()) {
                long backendPid = backendPid(c);
                for (int d = 0; d < days; d++) {
                    LocalDate day = start.plusDays(d);
                    double[] cpu0 = {Cpu.jvmSeconds(), Cpu.clusterSeconds(backendPid), s3Cpu(s3Pid)};
                    long t0 = System.nanoTime();
                    RawLoader.Summary sum = new RawLoader(db, s3, t, quiet).load(day, day);
                    long t1 = System.nanoTime();
                    long rows;
                    try (CallableStatement cs = c.prepareCall("call " + t.schema() + ".map_to_staging(?, ?)")) {
                        cs.setObject(1, day);
                        cs.setNull(2, java.sql.Types.BIGINT);
                        cs.registerOutParameter(2, java.sql.Types.BIGINT);
                        cs.execute();
                        rows = cs.getLong(2);
                    }
                    long t2 = System.nanoTime();
                    oursCpu[0] += Cpu.jvmSeconds() - cpu0[0];
                    oursCpu[1] += Cpu.clusterSeconds(backendPid) - cpu0[1];
                    oursCpu[2] += s3Cpu(s3Pid) - cpu0[2];
                    loadSecs += (t1 - t0) / 1e9;
                    mapSecs += (t2 - t1) / 1e9;
                    staged += rows;
                    records += sum.records;
                    for (String table : STAGING) {
                        Path f = tmp.resolve(day + "-" + table + ".csv");
                        exportCsv(c, "select * from " + t.stagingSchema() + "." + table, f);
                        typedCsv.add(f);
                    }
                }
                long heap = Memory.heapPeakBytes();
                Path jsonLines = tmp.resolve("raw.jsonl");
                exportCsv(c, "select payload from " + t.stagingSchema() + ".raw_records", jsonLines);

                try (Statement s = c.createStatement()) {
                    for (String table : STAGING) {
                        s.execute("create unlogged table bench_" + table + " (like " + t.stagingSchema() + "." + table + ")");
                    }
                    s.execute("create unlogged table bench_jsonb (payload jsonb not null)");
                }
                double typedCpu0 = Cpu.clusterSeconds(backendPid);
                long t3 = System.nanoTime();
                for (Path f : typedCsv) {
                    String table = f.getFileName().toString().replaceAll("^\\d{4}-\\d{2}-\\d{2}-|\\.csv$", "");
                    importCsv(c, "copy bench_" + table + " from stdin (format csv)", f);
                }
                double typedSecs = (System.nanoTime() - t3) / 1e9;
                double typedCpu = Cpu.clusterSeconds(backendPid) - typedCpu0;
                long t4 = System.nanoTime();
                importCsv(c, "copy bench_jsonb (payload) from stdin (format csv)", jsonLines);
                double jsonbSecs = (System.nanoTime() - t4) / 1e9;

                double ours = staged / (loadSecs + mapSecs);
                double typed = staged / typedSecs;
                double jsonb = records / jsonbSecs;
                System.out.printf(Locale.ROOT, "%nraw records %,d -> typed staging rows %,d (%d days)%n", records,
                        staged, days);
                System.out.printf(Locale.ROOT, "%-44s %10s %12s%n", "path", "seconds", "rows/s");
                System.out.printf(Locale.ROOT, "%-44s %10.2f %,12.0f%n", "ours: S3 JSON -> raw -> typed staging",
                        loadSecs + mapSecs, ours);
                System.out.printf(Locale.ROOT, "%-44s %10.2f %,12.0f%n", "  of which load (S3 -> raw_records, COPY)",
                        loadSecs, records / loadSecs);
                System.out.printf(Locale.ROOT, "%-44s %10.2f %,12.0f%n", "  of which map (raw -> typed staging)",
                        mapSecs, staged / mapSecs);
                System.out.printf(Locale.ROOT, "%-44s %10.2f %,12.0f  (%,.0f MB)%n", "reference: reading the objects from S3",
                        readSecs, records / readSecs, readBytes / 1048576.0);
                System.out.printf(Locale.ROOT, "%-44s %10.2f %,12.0f%n", "reference: typed CSV COPY (unlogged)",
                        typedSecs, typed);
                System.out.printf(Locale.ROOT, "%-44s %10.2f %,12.0f%n", "reference: JSON lines COPY into jsonb",
                        jsonbSecs, jsonb);
                System.out.printf(Locale.ROOT, "ratio ours / typed COPY = %.2f (goal >= 0.30); ours / jsonb COPY = %.2f "
                        + "(rows/s over records/s)%n", ours / typed, ours / jsonb);
                double oursCpuTotal = oursCpu[0] + oursCpu[1] + (Double.isNaN(oursCpu[2]) ? 0 : oursCpu[2]);
                System.out.printf(Locale.ROOT, "CPU seconds: ours %.2f (loader JVM %.2f, PostgreSQL %.2f, embedded S3 %s); "
                        + "typed COPY %.2f (PostgreSQL); load average %s%n", oursCpuTotal, oursCpu[0], oursCpu[1],
                        Double.isNaN(oursCpu[2]) ? "n/a" : String.format(Locale.ROOT, "%.2f", oursCpu[2]), typedCpu,
                        loadAverage());
                System.out.printf(Locale.ROOT, "CPU ratio (rows per CPU second, ours / typed COPY) = %.2f%n",
                        typedCpu / oursCpuTotal);
                System.out.printf(Locale.ROOT, "loader peak heap %,.0f MB (max heap %,d MB), peak RSS %,.0f MB%n",
                        heap / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576, Memory.vmHwmKb() / 1024.0);
            } finally {
                try (var files = Files.list(tmp)) {
                    for (Path f : files.toList()) {
                        Files.deleteIfExists(f);
                    }
                }
                Files.deleteIfExists(tmp);
            }
            if (bigFileMb > 0) {
                bigFile(db, s3, t, LocalDate.of(2030, 1, 1));
            }
        }
        return 0;
    }

    /** One synthetic JSON-lines object of --big-file-mb megabytes, streamed to S3 and loaded; peak heap reported. */
    private void bigFile(Database db, S3Store s3, Tenant t, LocalDate day) {
        String key = "raw-data/" + CLIENT + "/" + day + "/products.json";
        long target = bigFileMb * 1048576L;
        long written = 0;
        long n = 0;
        System.out.printf("%nwriting a %,d MB JSON-lines object to %s ...%n", bigFileMb, key);
        try (S3Store.Upload up = s3.upload(key)) {
            StringBuilder sb = new StringBuilder(512);
            while (written < target) {
                n++;
                sb.setLength(0);
                sb.append("{\"product_id\":\"P").append(n).append("\",\"name\":\"Product ").append(n)
                        .append(" with a long enough description to look like a real catalogue entry\",")
                        .append("\"brand\":\"Brand ").append(n % 97).append("\",\"cost\":").append(n % 1000 + 0.5)
                        .append(",\"price\":").append(n % 1000 + 9.99).append(",\"status\":\"active\"}\n");
                byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
                up.write(b, 0, b.length);
                written += b.length;
            }
        }
        Memory.resetPeaks();
        long t0 = System.nanoTime();
        // Landing only (memory and COPY throughput): mapping 5.9 million products into staging is the gate's business.
        RawLoader.Summary sum = new RawLoader(db, s3, t, new PrintStream(OutputStream.nullOutputStream())).staging(false)
                .load(day, day);
        double secs = (System.nanoTime() - t0) / 1e9;
        if (!sum.clean() || sum.records != n) {
            throw new CwException("big file load failed: " + sum, 1);
        }
        System.out.printf(Locale.ROOT, "loaded %,d records (%,d MB) in %.1f s = %,.0f records/s, %.1f MB/s; "
                + "peak heap %,.0f MB of max %,d MB%n", n, written / 1048576, secs, n / secs, written / 1048576.0 / secs,
                Memory.heapPeakBytes() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576);
    }

    private static long backendPid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Long s3Pid() {
        com.catwing.cw.s3.S3Settings settings = com.catwing.cw.s3.S3Settings.fromEnv();
        return settings.local() ? com.catwing.cw.s3.EmbeddedS3.configured().pid().orElse(null) : null;
    }

    private static double s3Cpu(Long pid) {
        return pid == null ? Double.NaN : Cpu.processSeconds(pid);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (IOException e) {
            return "n/a";
        }
    }

    private static void exportCsv(Connection c, String query, Path file) throws SQLException, IOException {
        CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            cm.copyOut("copy (" + query + ") to stdout (format csv)", out);
        }
    }

    private static void importCsv(Connection c, String copy, Path file) throws SQLException, IOException {
        CopyManager cm = c.unwrap(PGConnection.class).getCopyAPI();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            cm.copyIn(copy, in);
        }
    }
}
