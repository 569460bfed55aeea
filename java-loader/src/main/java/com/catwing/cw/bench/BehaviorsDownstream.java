package com.catwing.cw.bench;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code cw bench behaviors --reuse --downstream} (issues 13 point 4 and 14 point 5 at M-scale): steps 8-11 timed on
 * the kept behaviours bench world next to the full behaviours computation of the same run.
 *
 * <p>The world has what step 6 reads; steps 8-11 read more. Before timing, the bench writes (once, idempotent,
 * {@code downstream_world.sql}) the stores' supply by the DC ({@code parent_location_id}), pack sizes, the DC's stock
 * and a <b>synthetic completed forecast</b> of the world's last day — a bench shortcut, not a forecast of step 7:
 * every week of a ranged pair predicts the mean weekly demand of its last 8 weeks. Then, in one session, each through
 * {@code run_pipeline(day, step, step, scope)} as the nightly runs it, with wall time and the backend's CPU time
 * ({@code /proc/<pid>/schedstat}: on-CPU nanoseconds, which a loaded machine does not inflate): the full behaviours
 * (window sums rebuilt), step 8's first run (simulation cache emptied, the date's targets deleted), step 8 again with
 * the cache warm (the date's targets deleted again: an ordinary night's writes), step 8 scoped to one product, steps
 * 9, 10 and 11 (the date's first runs when nothing of them was stored), steps 9, 10 and 11 again, and the full
 * behaviours once more. Results: docs/benchmarks.md.
 */
final class BehaviorsDownstream {
    private final Database db;
    private final String s;
    private final LocalDate day;
    private final List<Measured> measured = new ArrayList<>();

    private record Measured(String label, String step, double wall, double cpu, String detail, String load) {
    }

    BehaviorsDownstream(Database db, String schema, LocalDate day) {
        this.db = db;
        this.s = schema;
        this.day = day;
    }

    void run() throws SQLException {
        System.out.printf(Locale.ROOT, "steps 8-11 on the behaviours world, run date %s (load average %s)%n", day,
                BehaviorsNightly.loadAverage());
        prepare();
        try (Connection c = db.connect()) {
            c.setAutoCommit(true);
            long pid;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
                rs.next();
                pid = rs.getLong(1);
            }
            String product = busiestProduct(c);
            untimed(c, "delete from " + s + ".behavior_window_state");
            Measured behaviors1 = step(c, pid, "full behaviours (window sums rebuilt) #1", "behaviors", null);

            untimed(c, "truncate " + s + ".inventory_simulation_cache");
            deleteTargets(c);
            Measured first = step(c, pid, "step 8 first run (simulation cache empty)", "inventory_targets", null);
            deleteTargets(c);
            Measured warm = step(c, pid, "step 8 again, cache warm (targets rewritten)", "inventory_targets", null);
            Measured scoped = step(c, pid, "step 8 scoped to product " + product, "inventory_targets",
                    "{\"products\": [\"" + product + "\"]}");

            Measured[] firstRecs = {
                step(c, pid, "step 9 assortment", "assortment", null),
                step(c, pid, "step 10 po_recommendations", "po_recommendations", null),
                step(c, pid, "step 11 to_recommendations", "to_recommendations", null)};
            Measured[] again = {
                step(c, pid, "step 9 assortment again", "assortment", null),
                step(c, pid, "step 10 po_recommendations again", "po_recommendations", null),
                step(c, pid, "step 11 to_recommendations again", "to_recommendations", null)};
            untimed(c, "delete from " + s + ".behavior_window_state");
            Measured behaviors2 = step(c, pid, "full behaviours (window sums rebuilt) #2", "behaviors", null);

            counts(c);
            double bw = (behaviors1.wall() + behaviors2.wall()) / 2;
            double bc = (behaviors1.cpu() + behaviors2.cpu()) / 2;
            System.out.printf(Locale.ROOT, "%nsummary (ratios to the mean of the two full behaviours: wall %.1f s, "
                    + "backend CPU %.1f s)%n", bw, bc);
            System.out.printf(Locale.ROOT, "%-52s %10s %10s %8s %8s  %s%n", "", "wall s", "CPU s", "x wall",
                    "x CPU", "load at end");
            for (Measured m : measured) {
                System.out.printf(Locale.ROOT, "%-52s %10.2f %10.2f %8.2f %8.2f  %s%n", m.label(), m.wall(), m.cpu(),
                        m.wall() / bw, m.cpu() / bc, m.load());
            }
            double w1 = sum(firstRecs, true);
            double c1 = sum(firstRecs, false);
            double w2 = sum(again, true);
            double c2 = sum(again, false);
            System.out.printf(Locale.ROOT, "%-52s %10.2f %10.2f %8.2f %8.2f%n", "steps 9-11 (first)", w1, c1,
                    w1 / bw, c1 / bc);
            System.out.printf(Locale.ROOT, "%-52s %10.2f %10.2f %8.2f %8.2f%n", "steps 9-11 (again)", w2, c2,
                    w2 / bw, c2 / bc);
            System.out.printf(Locale.ROOT, "goal step 8 <= 2 x behaviours: first run %.2f x wall / %.2f x CPU, cache "
                    + "warm %.2f x / %.2f x; goal steps 9-11 <= 2 x behaviours: %.2f x / %.2f x (again %.2f x / "
                    + "%.2f x); scoped step 8 = 1/%.0f of the first run (wall)%n", first.wall() / bw,
                    first.cpu() / bc, warm.wall() / bw, warm.cpu() / bc, w1 / bw, c1 / bc, w2 / bw, c2 / bc,
                    first.wall() / scoped.wall());
        }
    }

    private static double sum(Measured[] ms, boolean wall) {
        double t = 0;
        for (Measured m : ms) {
            t += wall ? m.wall() : m.cpu();
        }
        return t;
    }

    /** Writes what steps 8-11 read and the behaviours world lacks (once: each part only when missing). */
    private void prepare() throws SQLException {
        long t0 = System.nanoTime();
        String sql = resource("downstream_world.sql").replace("${schema}", s).replace("${run_date}", day.toString());
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
            c.commit();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select (select count(*) from "
                    + s + ".demand_forecast_products as rows inner join " + s + ".active_demand_forecast as active on "
                    + "active.id = rows.demand_forecast_id and active.forecast_date = rows.forecast_date), (select "
                    + "active.metadata -> 'method' ->> 'name' from " + s + ".active_demand_forecast as active), "
                    + "(select count(*) from " + s + ".locations where parent_location_id is not null)")) {
                rs.next();
                System.out.printf(Locale.ROOT, "world prepared in %.0f s: active forecast %s (%,d rows), %d "
                        + "locations supplied by a parent%n", (System.nanoTime() - t0) / 1e9, rs.getString(2),
                        rs.getLong(1), rs.getLong(3));
            }
            c.commit();
        }
    }

    private String busiestProduct(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select products.erp_id from " + s
                + ".bench_pairs as pairs inner join " + s + ".products on products.id = pairs.product_id group by "
                + "products.erp_id order by count(*) desc, products.erp_id limit 1")) {
            if (!rs.next()) {
                throw new CwException("the bench world has no ranged pairs", 2);
            }
            return rs.getString(1);
        }
    }

    private void deleteTargets(Connection c) throws SQLException {
        untimed(c, "delete from " + s + ".inventory_target_params where inventory_target_id in (select id from " + s
                + ".inventory_targets where snapshot_date = '" + day + "')");
        untimed(c, "delete from " + s + ".inventory_targets where snapshot_date = '" + day + "'");
    }

    private static void untimed(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** One step through run_pipeline: wall time, the backend's CPU time, the step's row counts and notices. */
    private Measured step(Connection c, long pid, String label, String step, String scope) throws SQLException {
        double cpu0 = Cpu.onCpuSeconds(pid);
        long t0 = System.nanoTime();
        List<String> notes = new ArrayList<>();
        try (CallableStatement cs = c.prepareCall("call " + s + ".run_pipeline(?::date, ?, ?, ?::jsonb)")) {
            cs.setObject(1, day);
            cs.setString(2, step);
            cs.setString(3, step);
            cs.setString(4, scope);
            cs.execute();
            for (SQLWarning w = cs.getWarnings(); w != null; w = w.getNextWarning()) {
                if (w.getMessage() != null && w.getMessage().contains("simulated fill rate")) {
                    notes.add(w.getMessage().replaceFirst("^inventory targets: ", ""));
                }
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = Cpu.onCpuSeconds(pid) - cpu0;
        String detail;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select status, rows_in, rows_out, "
                + "extract(epoch from finished_at - started_at)::float8 from " + s + ".pipeline_step_runs where "
                + "pipeline_run_id = (select max(id) from " + s + ".pipeline_runs) and step_name = '" + step + "'")) {
            if (!rs.next() || !"succeeded".equals(rs.getString(1))) {
                throw new CwException("step " + step + " of " + day + " did not succeed: see " + s
                        + ".pipeline_step_runs", 1);
            }
            detail = String.format(Locale.ROOT, "rows in %,d, out %,d, step %.2f s", rs.getLong(2), rs.getLong(3),
                    rs.getDouble(4));
        }
        if (!notes.isEmpty()) {
            detail += "; " + String.join("; ", notes);
        }
        Measured m = new Measured(label, step, wall, cpu, detail, BehaviorsNightly.loadAverage());
        measured.add(m);
        System.out.printf(Locale.ROOT, "%-52s wall %9.2f s  CPU %9.2f s  (%s; load %s)%n", label, wall, cpu, detail,
                m.load());
        return m;
    }

    private void counts(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select "
                + "(select count(*) from " + s + ".bench_pairs), "
                + "(select count(*) from " + s + ".inventory_targets as targets inner join " + s + ".locations on "
                + "locations.id = targets.location_id where targets.snapshot_date = '" + day + "' and "
                + "locations.echelon = 1), "
                + "(select count(*) from " + s + ".inventory_targets as targets inner join " + s + ".locations on "
                + "locations.id = targets.location_id where targets.snapshot_date = '" + day + "' and "
                + "locations.echelon > 1), "
                + "(select count(*) from " + s + ".inventory_targets where snapshot_date = '" + day + "' and "
                + "zero_reason is null), "
                + "(select count(*) from " + s + ".inventory_simulation_cache where last_used_date = '" + day + "'), "
                + "(select count(*) from " + s + ".assortment_products), "
                + "(select count(*) from " + s + ".po_recommendations where recommendation_date = '" + day + "'), "
                + "(select count(*) from " + s + ".to_recommendations where recommendation_date = '" + day + "')")) {
            rs.next();
            System.out.printf(Locale.ROOT, "counts: %,d ranged pairs; targets %,d store/webshop + %,d upper echelon "
                    + "(%,d non-zero); %,d simulation keys used on %s; %,d assortment rows; %,d PO and %,d TO "
                    + "recommendations%n", rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                    day, rs.getLong(6), rs.getLong(7), rs.getLong(8));
        }
    }

    private static String resource(String name) {
        try (InputStream in = BehaviorsDownstream.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + name, e);
        }
    }
}
