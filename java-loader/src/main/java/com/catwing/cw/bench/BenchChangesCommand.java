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
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code cw bench changes}: what a UI edit costs through the change processor, against a full run of the same steps,
 * on a generated world run through the real pipeline. Builds a throw-away client (generator → S3 → load → one
 * pipeline run per day), then times, for the last day, interleaved so that every measurement shares the load of a
 * full run next to it: a full re-run of the steps an edit re-runs; one processor pass after one product's
 * correction (several times, median); a full run; then for each --edits size one pass after edits of N products
 * (against N single passes, the median single pass times N) followed by a full run. Ratios are against the mean
 * of the full runs. The edit is products.discontinued_override, made to re-run from
 * --from-step (behaviors) by a client override (its default rule re-runs steps 7-13 from the forecast).
 * Results: docs/benchmarks.md.
 */
@Command(name = "changes", mixinStandardHelpOptions = true,
        description = {"Benchmark the change processor: one product corrected vs a full run of the same steps, and "
                + "N UI edits over N products in one pass vs N single passes.",
                "Creates (and afterwards drops) the bench client; generates its ERP data into S3."})
public final class BenchChangesCommand implements Callable<Integer> {
    @Option(names = "--client", defaultValue = "CW-900301", description = "throw-away client (default ${DEFAULT-VALUE})")
    String client;
    @Option(names = "--products", defaultValue = "1000", description = "products (default ${DEFAULT-VALUE})")
    int products;
    @Option(names = "--locations", defaultValue = "8", description = "locations (default ${DEFAULT-VALUE})")
    int locations;
    @Option(names = "--days", defaultValue = "21", description = "days generated and run (default ${DEFAULT-VALUE})")
    int days;
    @Option(names = "--edits", defaultValue = "1000", split = ",", description = "products edited in each bulk "
            + "pass, a comma-separated list (e.g. 1000,500: one pass of each, a full run after each; at most "
            + "--products; default ${DEFAULT-VALUE})")
    int[] edits;
    @Option(names = "--single-runs", defaultValue = "5", description = "single-product passes timed "
            + "(default ${DEFAULT-VALUE})")
    int singleRuns;
    @Option(names = "--from-step", defaultValue = "behaviors", description = "step the corrected product re-runs "
            + "from (a client override of products.discontinued_override; default ${DEFAULT-VALUE})")
    String fromStep;
    @Option(names = "--keep", description = "keep the bench client afterwards")
    boolean keep;
    @Option(names = "--severity", defaultValue = "moderate", description = "severity of the client override: "
            + "moderate re-runs --from-step to the last step, local re-runs --from-step alone (default "
            + "${DEFAULT-VALUE}); the full run times the same steps")
    String severity;
    @Option(names = "--reuse", description = "measure on the kept client --client as it is (e.g. CW-900201, the "
            + "world of bench behaviors --keep): no generation, no pipeline runs before, no drop; the day is its "
            + "latest behaviours snapshot")
    boolean reuse;

    @Override
    public Integer call() throws Exception {
        if (products < 10 || locations < 3 || days < 7 || edits.length == 0 || Arrays.stream(edits).min().orElse(0) < 1
                || singleRuns < 1
                || !fromStep.matches("[a-z_]+")) {
            throw new CwException("invalid bench size: --products >= 10, --locations >= 3, --days >= 7, --edits >= 1, "
                    + "--single-runs >= 1, --from-step a step name", 2);
        }
        if (!severity.equals("moderate") && !severity.equals("local")) {
            throw new CwException("invalid --severity " + severity + ": moderate or local", 2);
        }
        Tenant t = Tenant.of(client);
        Database db = Database.configured();
        Tenants tenants = new Tenants(db, new PrintStream(OutputStream.nullOutputStream()));
        if (reuse) {
            return reuse(db, tenants, t);
        }
        edits = Arrays.stream(edits).map(e -> Math.min(e, products)).toArray();
        if (tenants.exists(t.code())) {
            tenants.drop(t.code());
        }
        tenants.create(t.code(), "changes benchmark", "EUR", "Europe/Berlin", "catwing");
        String s = t.schema();
        LocalDate start = LocalDate.of(2025, 3, 1);
        LocalDate last = start.plusDays(days - 1);
        System.out.printf(Locale.ROOT, "bench changes: %,d products x %d locations x %d days (%s .. %s), client %s%n",
                products, locations, days, start, last, t.code());
        try {
            long t0 = System.nanoTime();
            try (S3Store s3 = S3Store.open()) {
                s3.ensureBucket();
                System.out.println("generating the ERP exports into S3 ...");
                GeneratorConfig cfg = new GeneratorConfig(t.code(), start, days, products, locations, 20, 42,
                        "catwing", "none");
                Generator.Stats st = new Generator(cfg, Sink.s3(s3)).run((done, total, soFar) -> { });
                System.out.printf(Locale.ROOT, "generated %,d records in %d files (%.0f s)%n", st.records, st.files,
                        (System.nanoTime() - t0) / 1e9);
                System.out.println("loading the raw files (step 1) ...");
                new RawLoader(db, s3, t, new PrintStream(OutputStream.nullOutputStream())).load(start, last);
                System.out.printf(Locale.ROOT, "raw files loaded (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
            }
            try (Connection c = db.connect()) {
                c.setAutoCommit(true);
                System.out.printf("running the pipeline for each of the %d days ...%n", days);
                for (LocalDate d = start; !d.isAfter(last); d = d.plusDays(1)) {
                    long r0 = System.nanoTime();
                    call(c, "call " + s + ".run_pipeline('" + d + "')");
                    System.out.printf(Locale.ROOT, "  pipeline %s: %.1f s%n", d, (System.nanoTime() - r0) / 1e9);
                }
                override(c, t);
                try (Statement st = c.createStatement()) {
                    st.execute("vacuum (analyze) " + s + ".demand_history, " + s + ".product_location_behaviors, "
                            + s + ".product_behaviors");
                }
                measure(c, s, last);
            }
        } finally {
            if (!keep) {
                System.out.println("dropping the bench client " + t.code() + " (--keep keeps it)");
                tenants.drop(t.code());
            }
        }
        return 0;
    }

    /** --reuse: the kept client's latest behaviours snapshot is the day; its products are edited. */
    private int reuse(Database db, Tenants tenants, Tenant t) throws Exception {
        if (!tenants.exists(t.code())) {
            throw new CwException("--reuse: client " + t.code() + " does not exist: keep a bench world first (e.g. "
                    + "bin/cw bench behaviors --keep, client CW-900201)", 2);
        }
        String s = t.schema();
        try (Connection c = db.connect()) {
            c.setAutoCommit(true);
            LocalDate last;
            long products;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select max(snapshot_date), "
                    + "(select count(*) from " + s + ".products) from " + s + ".product_behaviors")) {
                rs.next();
                last = rs.getObject(1, LocalDate.class);
                products = rs.getLong(2);
            }
            if (last == null) {
                throw new CwException("--reuse: client " + t.code() + " has no behaviours snapshot: run step "
                        + "behaviors for a day first", 2);
            }
            final long all = products;
            edits = Arrays.stream(edits).map(e -> (int) Math.min(e, all)).toArray();
            System.out.printf(Locale.ROOT, "bench changes --reuse: client %s, %,d products, day %s, rule %s from %s "
                    + "(load average %s)%n", t.code(), products, last, severity, fromStep,
                    BehaviorsNightly.loadAverage());
            override(c, t);
            try (Statement st = c.createStatement()) {
                st.execute("vacuum (analyze) " + s + ".product_location_behaviors, " + s + ".product_behaviors");
            }
            measure(c, s, last);
            System.out.printf(Locale.ROOT, "load average at the end: %s%n", BehaviorsNightly.loadAverage());
        }
        return 0;
    }

    /** The client override that makes products.discontinued_override re-run from --from-step with --severity. */
    private void override(Connection c, Tenant t) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("delete from cw_global.change_impact_rules where client_id = (select id from "
                    + "cw_global.clients where code = '" + t.code() + "') and table_name = 'products' and "
                    + "column_name = 'discontinued_override'");
            st.execute("insert into cw_global.change_impact_rules (client_id, table_name, column_name, "
                    + "severity, from_step, reason) select id, 'products', 'discontinued_override', '" + severity
                    + "', '" + fromStep.replace("'", "") + "', 'bench changes: re-run built steps for a "
                    + "corrected product' from cw_global.clients where code = '" + t.code() + "'");
        }
    }

    /**
     * The measurements, interleaved so that the full runs share the passes' load: a full run, the single passes, a
     * full run, then each bulk pass followed by a full run. The ratios are taken against the mean of the full runs
     * (on a shared machine the load drifts; a full run at the end alone once had a third of the passes' load). Each
     * line carries the 1-minute load average at its end, and each pass its fixed cost (the pass minus its step).
     */
    private void measure(Connection c, String s, LocalDate last) throws SQLException {
        String step = fromStep.replace("'", "");
        boolean local = severity.equals("local");
        int most = Arrays.stream(edits).max().orElse(1);
        String[] picked = ids(c, "select erp_id from " + s + ".products as p where exists (select from " + s
                + ".product_behaviors as b where b.product_id = p.id and b.snapshot_date = '" + last + "') order by "
                + "erp_id limit " + Math.max(most, singleRuns + 1));
        long active = count(c, "select count(*) from " + s + ".products");
        String fullSql = "call " + s + ".run_pipeline('" + last + "', '" + step + "', " + (local ? "'" + step + "'"
                : "null") + ", null)";
        String fullLabel = "full run of the same steps (" + fromStep + (local ? " alone" : " .. uplift") + ")";
        java.util.List<Double> fulls = new java.util.ArrayList<>();
        fulls.add(full(c, s, step, fullSql, fullLabel, 1));
        double[] single = new double[singleRuns];
        for (int i = 0; i < singleRuns; i++) {
            uiEdit(c, s, "erp_id = '" + picked[i] + "'", i % 2 == 0);
            single[i] = timed(c, "call " + s + ".process_change_events()");
            line("one product corrected, one pass (" + picked[i] + ")", single[i], ranStep(c, s, step, single[i]));
        }
        double[] sorted = single.clone();
        Arrays.sort(sorted);
        double median = sorted[singleRuns / 2];
        fulls.add(full(c, s, step, fullSql, fullLabel, 2));
        double[] bulk = new double[edits.length];
        int[] sizes = new int[edits.length];
        for (int k = 0; k < edits.length; k++) {
            int n = Math.min(edits[k], picked.length);
            sizes[k] = n;
            uiEdit(c, s, "erp_id in (select erp_id from " + s + ".products order by erp_id limit " + n + ")", null);
            long events = count(c, "select count(*) from " + s + ".change_events where status = 'pending'");
            long runsBefore = count(c, "select count(*) from " + s + ".pipeline_runs");
            bulk[k] = timed(c, "call " + s + ".process_change_events()");
            long runs = count(c, "select count(*) from " + s + ".pipeline_runs") - runsBefore;
            line(String.format(Locale.ROOT, "%,d edits of %,d products (%.1f %%), one pass (%d pipeline run)", events,
                    n, 100.0 * n / active, runs), bulk[k], ranStep(c, s, step, bulk[k]));
            fulls.add(full(c, s, step, fullSql, fullLabel, fulls.size() + 1));
        }
        double mean = fulls.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double lo = fulls.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double hi = fulls.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        System.out.printf(Locale.ROOT, "full runs: %d, mean %.3f s (%.3f .. %.3f s)%n", fulls.size(), mean, lo, hi);
        System.out.printf(Locale.ROOT, "one product: median %.3f s = 1/%.0f of the full run (mean of the full runs; "
                + "1/%.0f against the two around the single passes)%n", median, mean / median,
                (fulls.get(0) + fulls.get(1)) / 2 / median);
        for (int k = 0; k < edits.length; k++) {
            double around = (fulls.get(k + 1) + fulls.get(k + 2)) / 2;
            System.out.printf(Locale.ROOT, "%,d products (%.1f %%) in one pass: %.2f s = %.2f x the full runs around "
                    + "it (%.2f s) vs %,d single passes ~ %.1f s (%.1fx less)%n", sizes[k], 100.0 * sizes[k] / active,
                    bulk[k], bulk[k] / around, around, sizes[k], sizes[k] * median, sizes[k] * median / bulk[k]);
        }
    }

    /** One timed full run of the same steps, printed with the step's own time and the load. */
    private static double full(Connection c, String s, String step, String sql, String label, int n)
            throws SQLException {
        double t = timed(c, sql);
        line(label + " #" + n, t, stepOf(c, s, step, "(select max(id) from " + s + ".pipeline_runs)"));
        return t;
    }

    private static void line(String label, double seconds, String detail) {
        System.out.printf(Locale.ROOT, "%-64s %9.3f s  %s  (load %s)%n", label, seconds, detail,
                BehaviorsNightly.loadAverage());
    }

    /**
     * What the pass just timed really did: its change run must have re-run the step (a pass that found nothing to do,
     * e.g. no successful unscoped run to bring up to date, would time nothing and make the ratio meaningless).
     */
    private static String ranStep(Connection c, String s, String step, double pass) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select status, pipeline_run_id, "
                + "coalesce(note, ''), coalesce(error, ''), scope is null from " + s + ".change_runs order by id desc "
                + "limit 1")) {
            boolean found = rs.next();
            if (!found || !"succeeded".equals(rs.getString(1)) || rs.getObject(2) == null) {
                throw new CwException("bench changes: the pass did not re-run a pipeline (" + (found ? "change run "
                        + rs.getString(1) + ": " + rs.getString(3) + rs.getString(4) : "no change run") + "): see "
                        + s + ".change_runs", 1);
            }
            String run = rs.getString(2);
            boolean whole = rs.getBoolean(5);
            double own = stepSeconds(c, s, step, run);
            return (whole ? "whole client, " : "scoped, ") + stepOf(c, s, step, run)
                    + String.format(Locale.ROOT, "; pass outside the step %.3f s", pass - own);
        }
    }

    /** The step's own time in a pipeline run (0 when it has none). */
    private static double stepSeconds(Connection c, String s, String step, String runId) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select extract(epoch from "
                + "finished_at - started_at)::float8 from " + s + ".pipeline_step_runs where pipeline_run_id = "
                + runId + " and step_name = '" + step + "'")) {
            return rs.next() ? rs.getDouble(1) : 0;
        }
    }

    /** The step's own time and rows in a pipeline run, from pipeline_step_runs. */
    private static String stepOf(Connection c, String s, String step, String runId) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select extract(epoch from "
                + "finished_at - started_at)::float8, rows_in, rows_out, status from " + s + ".pipeline_step_runs "
                + "where pipeline_run_id = " + runId + " and step_name = '" + step + "'")) {
            if (!rs.next()) {
                return "(no " + step + " step in the run)";
            }
            return String.format(Locale.ROOT, "%s %s %.3f s, rows in %,d, out %,d", step, rs.getString(4),
                    rs.getDouble(1), rs.getLong(2), rs.getLong(3));
        }
    }

    /** A UI edit of discontinued_override: to the value, or flipped when the value is null. */
    private static void uiEdit(Connection c, String s, String where, Boolean value) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("set role " + s + "_ui");
            try {
                st.execute("update " + s + ".products set discontinued_override = " + (value == null
                        ? "not coalesce(discontinued_override, false)" : value.toString()) + " where " + where);
            } finally {
                st.execute("reset role");
            }
        }
    }

    private static double timed(Connection c, String sql) throws SQLException {
        long t0 = System.nanoTime();
        call(c, sql);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void call(Connection c, String sql) throws SQLException {
        try (CallableStatement cs = c.prepareCall(sql)) {
            cs.execute();
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String[] ids(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            java.util.List<String> out = new java.util.ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out.toArray(new String[0]);
        }
    }
}
