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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cw bench uplift --m-scale --reuse} (issue 15 point 4 at M-scale): step uplift's nightly time on a kept
 * behaviours bench world ({@code cw bench behaviors --keep}) next to the full behaviours computation of the same run.
 *
 * <p>The world gets what the step reads, set-based (uplift_m_scale.sql): the stores and the webshop under the DC,
 * purchase-order recommendations at the DC and transfer-order recommendations DC → store / webshop over the last
 * {@code --rec-days} days at the closed loop's rates, the purchase orders and transfers that follow half of their
 * episodes (a tenth partially), the behaviour classes of the world's last snapshot copied to the day before the
 * first recommendation (the classes controls are matched on), and {@code _stats.inventory_daily} built densely from
 * the world's stock readings (each reading carried forward to the next one: what step 12 computes, without its
 * per-day passes). Then {@code run_pipeline(day, 'uplift', 'uplift')} is timed for a first night ({@code --nights}
 * days before the world's last day: every episode whose window has passed is decided and every lead whose after
 * window has passed measured) and for each following night (one new day of due recommendations), and the full
 * behaviours step of the world's last day (window sums rebuilt) once, between them. Per night: the step's time, what
 * it decided and
 * measured, the time of its procedures ({@code track_functions}) and its statements slower than
 * {@code --slow-seconds} (auto_explain's duration, reported as notices). Results: docs/benchmarks.md "upliftm".
 */
final class UpliftMScale {
    private static final Pattern SLOW = Pattern.compile("duration: ([0-9.]+) ms\\s+plan:\\s*Query Text: (.*)",
            Pattern.DOTALL);

    private final Database db;
    private final String s;
    private final String stats;
    private final int recDays;
    private final int nights;
    private final double slowSeconds;

    UpliftMScale(Database db, String schema, int recDays, int nights, double slowSeconds) {
        this.db = db;
        this.s = schema;
        this.stats = schema + "_stats";
        this.recDays = recDays;
        this.nights = nights;
        this.slowSeconds = slowSeconds;
    }

    /** Loads the recommendations, their orders, classes and stock, then times the nights and the full behaviours. */
    void run() throws Exception {
        LocalDate first;
        LocalDate last;
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select to_regclass('" + s + ".bench_pairs') is not null, (select min(demand_date) from " + s
                        + ".demand_history), (select max(snapshot_date) from " + s + ".product_location_behaviors)")) {
            rs.next();
            if (!rs.getBoolean(1) || rs.getObject(2) == null || rs.getObject(3) == null) {
                throw new CwException("--m-scale --reuse: schema " + s + " is not a kept behaviours bench world "
                        + "with a behaviours snapshot (no bench_pairs, demand_history or product_location_behaviors): "
                        + "build it with bin/cw bench behaviors --keep", 2);
            }
            first = rs.getObject(2, LocalDate.class);
            last = LocalDate.of(2025, 12, 31);
        }
        LocalDate recStart = last.minusDays(recDays - 1L);
        if (recStart.isBefore(first.plusDays(7))) {
            throw new CwException("--rec-days " + recDays + " starts the recommendations on " + recStart
                    + ", less than a week after the world's first day " + first + ": use at most "
                    + (last.toEpochDay() - first.toEpochDay() - 6), 2);
        }
        LocalDate firstNight = last.minusDays(nights);
        System.out.printf(Locale.ROOT, "bench uplift --m-scale: world %s .. %s, recommendations %s .. %s, first night "
                + "%s, %d ordinary night(s) (load average %s)%n", first, last, recStart, last, firstNight, nights,
                BehaviorsNightly.loadAverage());
        load(first, last, recStart);

        List<double[]> ordinary = new ArrayList<>();
        double firstSeconds = night(firstNight, "first night (everything due)")[0];
        double behaviors = behaviors(last);
        for (int n = 1; n <= nights; n++) {
            ordinary.add(night(firstNight.plusDays(n), "night " + n));
        }
        double[] secs = ordinary.stream().mapToDouble(r -> r[0]).sorted().toArray();
        double median = secs.length == 0 ? 0 : secs.length % 2 == 1 ? secs[secs.length / 2]
                : (secs[secs.length / 2 - 1] + secs[secs.length / 2]) / 2;
        System.out.printf(Locale.ROOT, "uplift first night %.1f s = %.2f x the full behaviours (%.1f s); ordinary "
                + "night median of %d %.1f s = %.2f x the full behaviours (load average %s)%n", firstSeconds,
                firstSeconds / behaviors, behaviors, nights, median, median / behaviors,
                BehaviorsNightly.loadAverage());
    }

    private void load(LocalDate first, LocalDate last, LocalDate recStart) throws Exception {
        String sql = resource().replace("${schema}", s).replace("${stats}", stats)
                .replace("${first}", "'" + first + "'").replace("${last}", "'" + last + "'")
                .replace("${rec_start}", "'" + recStart + "'");
        Map<String, String> parts = new LinkedHashMap<>();
        String name = null;
        StringBuilder body = new StringBuilder();
        for (String line : sql.split("\n", -1)) {
            if (line.startsWith("-- @part ")) {
                if (name != null) {
                    parts.put(name, body.toString());
                }
                name = line.substring("-- @part ".length());
                body.setLength(0);
            } else if (name != null) {
                body.append(line).append('\n');
            }
        }
        parts.put(name, body.toString());
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            // A bulk load of consistent rows, as a DBA would: no foreign-key or evidence triggers (the evidence queue
            // is emptied anyway; the first night measures everything).
            st.execute("set session_replication_role = replica");
            for (Map.Entry<String, String> part : parts.entrySet()) {
                if (part.getKey().startsWith("analyze")) {
                    stock(st, first, last);
                    classes(st, recStart.minusDays(1), last);
                }
                long t0 = System.nanoTime();
                st.execute(part.getValue());
                System.out.printf(Locale.ROOT, "  load %-100s %7.1f s%n", part.getKey(),
                        (System.nanoTime() - t0) / 1e9);
            }
            try (ResultSet rs = st.executeQuery("select side, count(*), count(distinct (product_id, "
                    + "location_id, partner_id, block_no)), count(*) filter (where follow_kind = 'followed'), count(*) "
                    + "filter (where follow_kind = 'partial') from " + s + ".bench_uplift_members group by side "
                    + "order by side")) {
                while (rs.next()) {
                    System.out.printf(Locale.ROOT, "  %s: %,d recommendations in %,d episodes (of the "
                            + "recommendations %,d followed, %,d partially), %,.0f a day%n", rs.getString(1),
                            rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(2) / (double) (last.toEpochDay() - recStart.toEpochDay() + 1));
                }
            }
        }
    }

    /**
     * {@code _stats.inventory_daily} for every day of the world, built when the last day has no row: each stock
     * reading of a pair ({@code inventory_balances}: monthly full snapshots and daily deltas) carried forward to the
     * day before its next reading, its value at the product's cost. A day before a pair's first reading has no row
     * (the step counts it as 0, not stocked). Step 12 computes the same from the same readings, day by day.
     */
    private void stock(Statement st, LocalDate first, LocalDate last) throws SQLException {
        try (ResultSet rs = st.executeQuery("select exists (select from " + stats + ".inventory_daily where "
                + "stat_date = '" + last + "')")) {
            rs.next();
            if (rs.getBoolean(1)) {
                System.out.printf(Locale.ROOT, "  load %-100s %7s%n", "stock: inventory_daily kept (it has the last "
                        + "day)", "-");
                return;
            }
        }
        long t0 = System.nanoTime();
        st.execute("truncate " + stats + ".inventory_daily");
        int n = st.executeUpdate("insert into " + stats + ".inventory_daily (product_id, location_id, stat_date, "
                + "balance_date, on_hand_qty, blocked_qty, reserved_qty, stock_value) "
                + "with readings as (select balances.product_id, balances.location_id, balances.balance_date, "
                + "balances.qty_available, lead(balances.balance_date) over (partition by balances.product_id, "
                + "balances.location_id order by balances.balance_date) as next_date from " + s
                + ".inventory_balances as balances where balances.balance_date <= '" + last + "') "
                + "select readings.product_id, readings.location_id, day::date, readings.balance_date, "
                + "readings.qty_available, 0, 0, readings.qty_available * products.cost from readings "
                + "inner join " + s + ".products on products.id = readings.product_id "
                + "cross join lateral generate_series(greatest(readings.balance_date, '" + first + "'::date), "
                + "least(coalesce(readings.next_date - 1, '" + last + "'::date), '" + last + "'::date), "
                + "interval '1 day') as day order by 1, 2, 3");
        System.out.printf(Locale.ROOT, "  load %-100s %7.1f s%n", String.format(Locale.ROOT, "stock: %,d "
                + "inventory_daily rows from the stock readings", n), (System.nanoTime() - t0) / 1e9);
    }

    /** The world's last behaviour snapshot copied to {@code day} (products and pairs), unless it has one. */
    private void classes(Statement st, LocalDate day, LocalDate last) throws SQLException {
        long t0 = System.nanoTime();
        long rows = 0;
        for (String table : List.of("product_location_behaviors", "product_behaviors")) {
            String columns;
            try (ResultSet rs = st.executeQuery("select string_agg(quote_ident(attname), ', ' order by attnum) from "
                    + "pg_attribute where attrelid = '" + s + "." + table + "'::regclass and attnum > 0 and not "
                    + "attisdropped and attgenerated = '' and attname not in ('id', 'snapshot_date', 'created_at', "
                    + "'updated_at')")) {
                rs.next();
                columns = rs.getString(1);
            }
            st.execute("delete from " + s + "." + table + " where snapshot_date = '" + day + "'");
            rows += st.executeUpdate("insert into " + s + "." + table + " (snapshot_date, " + columns + ") select '"
                    + day + "', " + columns + " from " + s + "." + table + " where snapshot_date = (select "
                    + "max(snapshot_date) from " + s + "." + table + " where snapshot_date <= '" + last + "')");
        }
        System.out.printf(Locale.ROOT, "  load %-100s %7.1f s%n", String.format(Locale.ROOT, "classes: the last "
                + "behaviour snapshot copied to %s (%,d rows)", day, rows), (System.nanoTime() - t0) / 1e9);
    }

    /** One timed night of step uplift; returns {seconds}. */
    private double[] night(LocalDate day, String label) throws SQLException {
        Map<String, double[]> before;
        double secs;
        List<String> slow = new ArrayList<>();
        try (Connection c = db.connect()) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement()) {
                st.execute("set track_functions = 'pl'");
                st.execute("load 'auto_explain'");
                st.execute("set auto_explain.log_min_duration = " + Math.round(slowSeconds * 1000));
                st.execute("set auto_explain.log_nested_statements = on");
                st.execute("set auto_explain.log_level = 'notice'");
                st.execute("set client_min_messages = 'notice'");
            }
            before = functionTimes(c);
            long t0 = System.nanoTime();
            try (CallableStatement cs = c.prepareCall("call " + s + ".run_pipeline(?::date, 'uplift', 'uplift', "
                    + "null)")) {
                cs.setObject(1, day);
                cs.execute();
                for (SQLWarning w = cs.getWarnings(); w != null; w = w.getNextWarning()) {
                    Matcher m = SLOW.matcher(w.getMessage());
                    if (m.find()) {
                        slow.add(String.format(Locale.ROOT, "%9.1f s  %s", Double.parseDouble(m.group(1)) / 1000,
                                m.group(2).strip().replaceAll("\\s+", " ")));
                    }
                }
            }
            secs = (System.nanoTime() - t0) / 1e9;
        }
        String detail;
        double stepSeconds;
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select extract(epoch from steps.finished_at - steps.started_at), steps.rows_in, steps.detail::text "
                        + "from " + s + ".pipeline_step_runs as steps where steps.step_name = 'uplift' order by "
                        + "steps.id desc limit 1")) {
            rs.next();
            stepSeconds = rs.getDouble(1);
            detail = rs.getString(3);
        }
        System.out.printf(Locale.ROOT, "%s %s: run_pipeline %.1f s, step uplift %.1f s (load average %s)%n  %s%n",
                label, day, secs, stepSeconds, BehaviorsNightly.loadAverage(), detail);
        Map<String, double[]> after;
        try (Connection c = db.connect()) {
            after = functionTimes(c);
        }
        for (Map.Entry<String, double[]> e : after.entrySet()) {
            double[] b = before.getOrDefault(e.getKey(), new double[3]);
            double calls = e.getValue()[0] - b[0];
            if (calls > 0) {
                System.out.printf(Locale.ROOT, "  %-40s calls %4.0f  total %8.1f s  self %8.1f s%n", e.getKey(),
                        calls, (e.getValue()[1] - b[1]) / 1000, (e.getValue()[2] - b[2]) / 1000);
            }
        }
        for (String line : slow) {
            System.out.println("  slow statement " + (line.length() > 220 ? line.substring(0, 220) + " ..." : line));
        }
        return new double[] {stepSeconds};
    }

    /** Calls, total and self milliseconds of the client's procedures (track_functions), by name. */
    private Map<String, double[]> functionTimes(Connection c) throws SQLException {
        Map<String, double[]> times = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            st.execute("select pg_stat_clear_snapshot()");
            try (ResultSet rs = st.executeQuery("select funcname, calls, total_time, self_time from "
                    + "pg_stat_user_functions where schemaname = '" + s + "' order by total_time desc")) {
                while (rs.next()) {
                    times.merge(rs.getString(1), new double[] {rs.getLong(2), rs.getDouble(3), rs.getDouble(4)},
                            (x, y) -> new double[] {x[0] + y[0], x[1] + y[1], x[2] + y[2]});
                }
            }
        }
        return times;
    }

    /** The full behaviours step of {@code day} (the reference computation of issue 15 point 4); seconds. */
    private double behaviors(LocalDate day) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(true);
            // The full computation: the window sums rebuilt from demand_history (as BehaviorsNightly's reference),
            // not a nightly move of the sums nor an unchanged re-run of the date.
            try (Statement st = c.createStatement()) {
                st.execute("delete from " + s + ".behavior_window_state");
            }
            long t0 = System.nanoTime();
            try (CallableStatement cs = c.prepareCall("call " + s + ".run_pipeline(?::date, 'behaviors', "
                    + "'behaviors', null)")) {
                cs.setObject(1, day);
                cs.execute();
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            double step;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select extract(epoch from "
                    + "finished_at - started_at) from " + s + ".pipeline_step_runs where step_name = 'behaviors' "
                    + "order by id desc limit 1")) {
                rs.next();
                step = rs.getDouble(1);
            }
            System.out.printf(Locale.ROOT, "full behaviours %s (window sums rebuilt): run_pipeline %.1f s, step "
                    + "behaviors %.1f s (load average %s)%n", day, secs, step, BehaviorsNightly.loadAverage());
            return step;
        }
    }

    private static String resource() throws IOException {
        try (InputStream in = UpliftMScale.class.getResourceAsStream("uplift_m_scale.sql")) {
            if (in == null) {
                throw new IOException("uplift_m_scale.sql missing from the cw jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
