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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code cw bench load}: step load (the Production Mapper). Generates two days for a throw-away client, passes the
 * quality gate, then times (1) the first load of day 1 into empty production tables (rows/s), (2) a reload of the
 * same batch after 1 % of the master rows (products, suppliers) changed in staging (the goal: only those rows are
 * written, in at most 10 % of the first load's time) and (3) the natural next day (new orders, delta inventory,
 * the generator's own attribute changes). Results: docs/benchmarks.md.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Benchmark step load: first-load rows/s and a day-over-day reload with 1% of master rows changed.",
                "Creates (and afterwards drops) the bench client; raw data goes to the configured S3 bucket."})
public final class BenchLoadCommand implements Callable<Integer> {
    @Option(names = "--client", defaultValue = "CW-900101", description = "throw-away client (default ${DEFAULT-VALUE})")
    String client;
    @Option(names = "--products", defaultValue = "2000", description = "catalogue size (default ${DEFAULT-VALUE})")
    int products;
    @Option(names = "--locations", defaultValue = "20", description = "locations (default ${DEFAULT-VALUE})")
    int locations;
    @Option(names = "--suppliers", defaultValue = "50", description = "suppliers (default ${DEFAULT-VALUE})")
    int suppliers;
    @Option(names = "--dialect", defaultValue = "catwing", description = "catwing or navision (default ${DEFAULT-VALUE})")
    String dialect;
    @Option(names = "--changed-pct", defaultValue = "1", description = "percent of master rows changed (default ${DEFAULT-VALUE})")
    int changedPct;
    @Option(names = "--keep", description = "keep the bench client afterwards")
    boolean keep;

    @Override
    public Integer call() throws SQLException {
        Tenant t = Tenant.of(client);
        Database db = Database.configured();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Tenants tenants = new Tenants(db, quiet);
        if (tenants.exists(t.code())) {
            tenants.drop(t.code());
        }
        tenants.create(t.code(), "load benchmark", "EUR", "Europe/Berlin", dialect);
        LocalDate day1 = LocalDate.of(2024, 3, 1);
        LocalDate day2 = day1.plusDays(1);
        try (S3Store s3 = S3Store.open()) {
            s3.ensureBucket();
            new Generator(new GeneratorConfig(t.code(), day1, 2, products, locations, suppliers, 42, dialect, "none"),
                    Sink.s3(s3)).run(null);
            new RawLoader(db, s3, t, quiet).load(day1, day2);
        }
        String s = t.schema();
        try (Connection c = db.connect()) {
            c.setAutoCommit(true);
            pipeline(c, s, day1, "quality_gate");
            System.out.printf(Locale.ROOT, "%-34s %10s %10s %10s %9s %11s%n", "case", "rows in", "written",
                    "rejected", "seconds", "rows in/s");
            double first = timeLoad(c, s, day1, "first load (empty production)");
            // 1 % of the master rows change: a price review and a lead-time change.
            int changed = update(c, "update " + t.stagingSchema() + ".staging_products set price = price + 1 "
                    + "where abs(hashtext(product_id)) % 100 < " + changedPct);
            changed += update(c, "update " + t.stagingSchema() + ".staging_suppliers set lead_time_days = "
                    + "lead_time_days + 1 where abs(hashtext(supplier_id)) % 100 < " + changedPct);
            double reload = timeLoad(c, s, day1, "reload, " + changed + " masters changed");
            printEntityTimes(c, s, day1, "reload");
            pipeline(c, s, day2, "quality_gate");
            timeLoad(c, s, day2, "natural next day (day 2)");
            System.out.printf(Locale.ROOT, "reload / first load = %.1f %% (goal <= 10 %%)%n", 100 * reload / first);
        }
        if (!keep) {
            tenants.drop(t.code());
        }
        return 0;
    }

    private static void pipeline(Connection c, String schema, LocalDate day, String to) throws SQLException {
        try (CallableStatement cs = c.prepareCall("call " + schema + ".run_pipeline(?::date, null, ?, null)")) {
            cs.setObject(1, day);
            cs.setString(2, to);
            cs.execute();
        } catch (SQLException e) {
            throw new CwException("bench pipeline for " + day + " failed: " + e.getMessage(), e);
        }
    }

    private static double timeLoad(Connection c, String schema, LocalDate day, String label) throws SQLException {
        long t0 = System.nanoTime();
        try (CallableStatement cs = c.prepareCall("call " + schema + ".step_load(?::date, null)")) {
            cs.setObject(1, day);
            cs.execute();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select sum(rows_in), sum(rows_inserted + rows_updated + rows_deactivated), sum(rows_rejected) from "
                        + schema + ".load_entity_stats where run_date = '" + day + "'")) {
            rs.next();
            long in = rs.getLong(1);
            System.out.printf(Locale.ROOT, "%-34s %,10d %,10d %,10d %9.2f %,11.0f%n", label, in, rs.getLong(2),
                    rs.getLong(3), secs, in / secs);
        }
        return secs;
    }

    /** Milliseconds per entity of the last load of a day (a document's header and lines share one timer). */
    private static void printEntityTimes(Connection c, String schema, LocalDate day, String label) throws SQLException {
        StringBuilder line = new StringBuilder("  " + label + " ms by entity:");
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select entity, duration_ms from " + schema + ".load_entity_stats where run_date = '" + day
                        + "' and entity not like '%\\_lines' order by duration_ms desc, entity")) {
            while (rs.next()) {
                line.append(String.format(Locale.ROOT, " %s %.0f", rs.getString(1), rs.getDouble(2)));
            }
        }
        System.out.println(line);
    }

    private static int update(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            return st.executeUpdate(sql);
        }
    }

}
