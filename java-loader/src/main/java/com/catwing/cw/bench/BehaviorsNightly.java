package com.catwing.cw.bench;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code cw bench behaviors --nightly} (issue 21 point 4 at M-scale): on the behaviours bench world, new days arrive
 * as a load writes them — one sales order per store and webshop with a line per ranged pair that sells (drawn from
 * the world's demand model), a daily stock delta of a tenth of the pairs — through the production tables, so the
 * capture triggers fill {@code demand_touched_pairs}; then {@code run_pipeline(day, 'demand_history', 'behaviors')}
 * is timed (steps 5 and 6 from {@code pipeline_step_runs}). After each night the full behaviours computation of that
 * night's date is timed as a first computation (window sums and the date's snapshot rows deleted first: what a new
 * client or a rebuild runs), interleaved with the nights; after the last, a re-run of the date (window sums rebuilt,
 * every row compared, none written) is printed beside it.
 *
 * <p>The bulk-filled world has no sales orders and no step-5 run: before the first night the bench writes the sales
 * orders of the last {@code --sales-days} days from {@code demand_history} (the units sold per pair and day, as step 5
 * would have read them; at least the grid's look-back, {@code rate_window_days + 2 x stop_max_open_days} days, so the
 * first night's rates see the same sales as a real client's), records every ranged pair's first evidence
 * ({@code demand_pairs}: the world's first day) and one unscoped {@code demand_history_runs} row for the world's last
 * day, as if step 5 had computed it. These writes bypass the capture triggers (a DBA's bulk load), so the first
 * night's touched pairs are that night's data only. The weekly aggregate {@code demand_weeks}, left empty by the
 * fill, is built from {@code demand_history} first.
 */
final class BehaviorsNightly {
    private final Database db;
    private final String s;
    private final LocalDate first;
    private final LocalDate last;
    private final int salesDays;

    BehaviorsNightly(Database db, String schema, LocalDate first, LocalDate last, int salesDays) {
        this.db = db;
        this.s = schema;
        this.first = first;
        this.last = last;
        this.salesDays = salesDays;
    }

    /** Prepares the world once (idempotent), runs {@code nights} nights after the last computed day, then the full. */
    void run(int nights) throws SQLException {
        System.out.printf(Locale.ROOT, "nightly steps 5-6 on the behaviours world (load average %s)%n", loadAverage());
        LocalDate computed = prepare();
        List<double[]> timed = new ArrayList<>();
        List<double[]> firsts = new ArrayList<>();
        LocalDate day = computed;
        // Interleaved: after each night the full behaviours computation of that night's date as a first computation
        // (night, full, night, full ...), so that a drift of the machine's load shows in both series.
        for (int n = 1; n <= nights; n++) {
            day = computed.plusDays(n);
            timed.add(night(day));
            firsts.add(firstComputation(day));
        }
        double[] median = new double[NIGHT_FIGURES];
        for (int k = 0; k < NIGHT_FIGURES; k++) {
            final int i = k;
            median[k] = median(timed.stream().mapToDouble(r -> r[i]).sorted().toArray());
        }
        double[] firstMedian = new double[3];
        for (int k = 0; k < 3; k++) {
            final int i = k;
            firstMedian[k] = median(firsts.stream().mapToDouble(r -> r[i]).sorted().toArray());
        }
        double first = firstMedian[0];
        // The previous comparator, printed beside it: a re-run of the last date with the window sums rebuilt from
        // demand_history; its rows are already there, so every row is compared and none written.
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("delete from " + s + ".behavior_window_state");
        }
        Run rerun = pipeline(day, "behaviors", "behaviors");
        System.out.printf(Locale.ROOT, "%-52s %9.3f s  CPU %.3f s, cluster %.3f s  (a re-run of the date: %s; load "
                + "%s)%n", "full behaviours of " + day + " (sums rebuilt)", rerun.wall(), rerun.cpu6(), rerun.server6(),
                detail(day), loadAverage());
        System.out.printf(Locale.ROOT, "nightly median of %d: write the day %.3f s, demand_history %.3f s, behaviors "
                + "%.3f s, steps 5-6 %.3f s; full behaviours, first computation (median of %d) %.3f s: steps 5-6 = "
                + "%.2f x the full behaviours, behaviours nightly = 1/%.0f of the full; a re-run of the date %.3f s "
                + "(steps 5-6 = %.2f x it) (load average %s)%n", nights, median[0], median[1], median[2], median[3],
                firsts.size(), first, median[3] / first, first / median[2], rerun.step6(), median[3] / rerun.step6(),
                loadAverage());
        // The same in CPU seconds, which the other work on a shared machine inflates far less than wall time: the
        // backend's own, and the cluster's (its parallel workers and background processes included).
        System.out.printf(Locale.ROOT, "nightly median of %d in CPU: demand_history %.3f s, behaviors %.3f s, steps 5-6 "
                + "%.3f s (cluster %.3f s); full behaviours, first computation (median of %d) CPU %.3f s (cluster "
                + "%.3f s): steps 5-6 = %.2f x the full in CPU, %.2f x in cluster CPU, %.2f x in wall time (load "
                + "average %s)%n", nights, median[5], median[6], median[7], median[8], firsts.size(), firstMedian[1],
                firstMedian[2], median[7] / firstMedian[1], median[8] / firstMedian[2], median[3] / first,
                loadAverage());
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * The full behaviours computation of {@code day} as a new client's or a rebuild's first run of the date: the window
     * sums and the date's rows of the five snapshot tables deleted first (untimed), then step behaviors alone (timed:
     * step 6's duration). The night computed the same date incrementally: the rewritten snapshot is compared with the
     * night's (every column but the row ids and timestamps) and the result printed.
     */
    private double[] firstComputation(LocalDate day) throws SQLException {
        String before;
        long deleted = 0;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            before = snapshotChecksum(st, day);
            c.setAutoCommit(false);
            st.execute("delete from " + s + ".behavior_window_state");
            for (String table : SNAPSHOT_TABLES) {
                deleted += st.executeUpdate("delete from " + s + "." + table + " where snapshot_date = '" + day + "'");
            }
            c.commit();
            c.setAutoCommit(true);
        }
        Run full = pipeline(day, "behaviors", "behaviors");
        String after;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            after = snapshotChecksum(st, day);
        }
        System.out.printf(Locale.ROOT, "%-52s %9.3f s  CPU %.3f s, cluster %.3f s  (%s; the night's %,d snapshot "
                + "rows deleted first; the snapshot %s the night's; load %s)%n", "full behaviours of " + day
                + " (first computation)", full.step6(), full.cpu6(), full.server6(), detail(day), deleted,
                before.equals(after) ? "equals" : "DIFFERS from", loadAverage());
        return new double[] {full.step6(), full.cpu6(), full.server6()};
    }

    private static final List<String> SNAPSHOT_TABLES = List.of("product_location_behaviors", "product_behaviors",
            "location_behaviors", "category_behaviors", "supplier_behaviors");

    /** md5 of the date's rows of the snapshot tables, every column but the row ids and the timestamps, sorted. */
    private String snapshotChecksum(Statement st, LocalDate day) throws SQLException {
        StringBuilder sums = new StringBuilder();
        for (String table : SNAPSHOT_TABLES) {
            String columns;
            try (ResultSet rs = st.executeQuery("select string_agg(quote_ident(column_name), ', ' order by "
                    + "ordinal_position) from information_schema.columns where table_schema = '" + s + "' and "
                    + "table_name = '" + table + "' and column_name <> 'id' and data_type not like 'timestamp%'")) {
                rs.next();
                columns = rs.getString(1);
            }
            try (ResultSet rs = st.executeQuery("select md5(coalesce(string_agg(row_text, E'\\n' order by "
                    + "row_text), '')) from (select row(" + columns + ")::text as row_text from " + s + "." + table
                    + " where snapshot_date = '" + day + "') as snapshot")) {
                rs.next();
                sums.append(rs.getString(1));
            }
        }
        return sums.toString();
    }

    /** The last day step 5 computed; on a freshly built world, the sales orders and step-5 state it needs first. */
    private LocalDate prepare() throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            weeks(st);
            LocalDate computed = date(st, "select max(run_date) from " + s + ".demand_history_runs where scope is null");
            if (computed == null) {
                int lookBack;
                try (ResultSet rs = st.executeQuery("select (v ->> 'rate_window_days')::integer + 2 * (v ->> "
                        + "'stop_max_open_days')::integer from (select " + s + ".settings('demand_history') as v) as "
                        + "settings")) {
                    rs.next();
                    lookBack = rs.getInt(1);
                }
                if (salesDays < lookBack + 1) {
                    throw new CwException("--sales-days " + salesDays + " is shorter than step demand_history's "
                            + "look-back (rate_window_days + 2 x stop_max_open_days = " + lookBack + " days) plus "
                            + "the last day: use --sales-days " + (lookBack + 1) + " or more", 2);
                }
                long t0 = System.nanoTime();
                LocalDate from = last.minusDays(salesDays - 1);
                // A DBA's bulk load: no capture triggers, no per-row foreign key checks (consistent by construction).
                // One transaction: a preparation stopped half-way leaves nothing, so the next call starts it again.
                c.setAutoCommit(false);
                st.execute("set local session_replication_role = replica");
                st.execute("insert into " + s + ".sales_orders (erp_id, order_date, location_id, currency_id, "
                        + "fx_rate, first_loaded_on, row_hash, document_type) select 'B-' || locations.id || '-' || "
                        + "day::date, day::date, locations.id, (select id from cw_global.currencies where code = "
                        + "'EUR'), 1, day::date, md5('B-' || locations.id || '-' || day::date)::uuid, 'order' from "
                        + s + ".locations cross join generate_series('" + from + "'::date, '" + last + "'::date, "
                        + "interval '1 day') as day where locations.location_type in ('store', 'online')");
                int lines = st.executeUpdate("insert into " + s + ".sales_order_lines (sales_order_id, line_no, "
                        + "product_id, qty, unit_price, revenue, row_hash) select orders.id, row_number() over "
                        + "(partition by orders.id order by history.product_id), history.product_id, "
                        + "history.quantity, products.price, history.revenue, md5(orders.id || '-' || "
                        + "history.product_id)::uuid from " + s + ".demand_history as history inner join " + s
                        + ".sales_orders as orders on orders.erp_id = 'B-' || history.location_id || '-' || "
                        + "history.demand_date inner join " + s + ".products on products.id = history.product_id "
                        + "where history.demand_date between '" + from + "' and '" + last + "' and history.quantity "
                        + "> 0");
                st.execute("insert into " + s + ".demand_pairs (product_id, location_id, first_date) select "
                        + "product_id, location_id, '" + first + "' from " + s + ".bench_pairs on conflict do nothing");
                st.execute("insert into " + s + ".demand_history_runs (run_date, scope, started_at, "
                        + "dates_rewritten, rows_written, rows_deleted) values ('" + last + "', null, now(), '{}', 0, "
                        + "0)");
                c.commit();
                c.setAutoCommit(true);
                st.execute("analyze " + s + ".sales_orders, " + s + ".sales_order_lines, " + s + ".demand_pairs");
                System.out.printf(Locale.ROOT, "prepared in %.0f s: sales orders of %s .. %s from demand_history "
                        + "(%,d lines), demand_pairs, step 5 marked as computed up to %s (load %s)%n",
                        (System.nanoTime() - t0) / 1e9, from, last, lines, last, loadAverage());
                computed = last;
            }
            // Step 5's nightly path needs its pair state (demand_pair_state) at the last computed day; without it the
            // first night would compute a grid of every pair. Build it once by a grid run of that day (not timed).
            LocalDate state = date(st, "select window_end from " + s + ".demand_rate_state");
            boolean grid = !computed.equals(state);
            if (grid) {
                System.out.printf(Locale.ROOT, "step 5's pair state is not at %s (%s): a grid run of that day builds "
                        + "it first (not timed as a night) ...%n", computed, state == null ? "none" : state);
                Run t = pipeline(computed, "demand_history", "demand_history");
                System.out.printf(Locale.ROOT, "%-52s %9.3f s  (%s; load %s)%n", "demand_history grid of "
                        + computed, t.wall(), detail(computed), loadAverage());
            }
            // The grid rewrote the day's rows (the bulk fill's history is not what step 5 computes): behaviours of
            // that day take them in, else the first night would sum every changed pair again (a rebuild).
            LocalDate window = date(st, "select window_end from " + s + ".behavior_window_state");
            if (grid || !computed.equals(window)) {
                System.out.printf(Locale.ROOT, "behaviours' window sums are not at %s (%s): computing that day "
                        + "first (not timed as a night) ...%n", computed, grid ? "step 5's grid rewrote it"
                        : window == null ? "none" : window);
                Run t = pipeline(computed, "behaviors", "behaviors");
                System.out.printf(Locale.ROOT, "%-52s %9.3f s  (load %s)%n", "behaviours of " + computed, t.wall(),
                        loadAverage());
            }
            long pending = count(st, "select count(*) from " + s + ".demand_touched_pairs");
            if (pending > 0) {
                System.out.printf(Locale.ROOT, "note: %,d touched pairs were pending before the first night%n",
                        pending);
            }
            return computed;
        }
    }

    /**
     * The weekly aggregate of a bulk-filled world: the fill bypassed the triggers that keep demand_weeks, so it is
     * empty while demand_history is not. Built once, as a DBA must after a bulk load (docs/demand.md "Weekly
     * aggregate"), before step 5 writes a day into it (its upkeep adds the day to the week rows, which must exist).
     */
    private void weeks(Statement st) throws SQLException {
        if (count(st, "select count(*) from (select from " + s + ".demand_weeks limit 1) as w") > 0
                || count(st, "select count(*) from (select from " + s + ".demand_history limit 1) as h") == 0) {
            return;
        }
        System.out.printf(Locale.ROOT, "demand_weeks is empty (the fill bypassed its triggers): building it from "
                + "demand_history first (not timed as a night) ...%n");
        long t0 = System.nanoTime();
        long rows = count(st, "select " + s + ".demand_weeks_rebuild()");
        st.execute("analyze " + s + ".demand_weeks");
        System.out.printf(Locale.ROOT, "demand_weeks built from demand_history: %,d rows in %.0f s (load %s)%n",
                rows, (System.nanoTime() - t0) / 1e9, loadAverage());
    }

    /** How many figures {@link #night} returns. */
    private static final int NIGHT_FIGURES = 9;

    /**
     * One night: the day's sales and stock delta written as a load would, then steps 5-6. Returns the seconds of: the
     * write, step 5, step 6, steps 5-6 (wall); the write's backend CPU; steps 5, 6 and 5-6 backend CPU; steps 5-6
     * cluster CPU.
     */
    private double[] night(LocalDate day) throws SQLException {
        long t0 = System.nanoTime();
        long lines;
        long readings;
        long touched;
        double writeCpu;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            long pid = count(st, "select pg_backend_pid()");
            double cpu0 = Cpu.onCpuSeconds(pid);
            c.setAutoCommit(false);
            long span = Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(first, last));
            long i = java.time.temporal.ChronoUnit.DAYS.between(first, day);
            st.execute("insert into " + s + ".sales_orders (erp_id, order_date, location_id, currency_id, fx_rate, "
                    + "first_loaded_on, row_hash, document_type) select 'B-' || locations.id || '-' || '" + day
                    + "', '" + day + "', locations.id, (select id from cw_global.currencies where code = 'EUR'), 1, '"
                    + day + "', md5('B-' || locations.id || '-' || '" + day + "')::uuid, 'order' from " + s
                    + ".locations where locations.location_type in ('store', 'online')");
            // The world's demand model (BenchBehaviorsCommand.historySql): 3 % of the pairs out of stock sell nothing.
            lines = st.executeUpdate("insert into " + s + ".sales_order_lines (sales_order_id, line_no, product_id, "
                    + "qty, unit_price, revenue, row_hash) select orders.id, row_number() over (partition by orders.id "
                    + "order by drawn.product_id), drawn.product_id, drawn.qty, drawn.price, drawn.qty * drawn.price, "
                    + "md5(orders.id || '-' || drawn.product_id)::uuid from (select pairs.product_id, "
                    + "pairs.location_id, pairs.price, case when random() < 0.03 then 0 else floor(pairs.rate * (1 + "
                    + "pairs.amplitude * sin(2 * pi() * (" + i + " + pairs.phase) / 364)) * (1 + pairs.trend * " + i
                    + " / " + span + ".0) * (0.5 + random()) + random())::numeric end as qty from " + s
                    + ".bench_pairs as pairs) as drawn inner join " + s + ".sales_orders as orders on orders.erp_id = "
                    + "'B-' || drawn.location_id || '-' || '" + day + "' where drawn.qty > 0");
            st.execute("insert into " + s + ".inventory_snapshots (snapshot_date, snapshot_type, row_count) values ('"
                    + day + "', 'delta', 0)");
            readings = st.executeUpdate("insert into " + s + ".inventory_balances (product_id, location_id, "
                    + "balance_date, qty_available, qty_all, row_hash) select pairs.product_id, pairs.location_id, '"
                    + day + "', q, q, md5(pairs.product_id || '/' || pairs.location_id || '/' || '" + day
                    + "')::uuid from " + s + ".bench_pairs as pairs cross join lateral (select floor(random() * "
                    + "30)::numeric as q) as qty where abs(hashtext(pairs.product_id || '/' || pairs.location_id || "
                    + "'/' || '" + day + "')) % 10 = 0");
            st.execute("update " + s + ".inventory_snapshots set row_count = " + readings + " where snapshot_date = '"
                    + day + "'");
            c.commit();
            touched = count(st, "select count(*) from " + s + ".demand_touched_pairs");
            c.commit();
            writeCpu = Cpu.onCpuSeconds(pid) - cpu0;
        }
        double write = (System.nanoTime() - t0) / 1e9;
        Run run = pipeline(day, "demand_history", "behaviors");
        System.out.printf(Locale.ROOT, "night %s: wrote %,d sales lines and %,d stock readings (%,d touched pairs) in "
                + "%.2f s; run_pipeline(demand_history .. behaviors) %.2f s: demand_history %.2f s, behaviors %.2f s "
                + "(%s; load %s)%n", day, lines, readings, touched, write, run.wall(), run.step5(), run.step6(),
                detail(day), loadAverage());
        System.out.printf(Locale.ROOT, "night %s in CPU: the write %.2f s, demand_history %.2f s, behaviors %.2f s, "
                + "steps 5-6 %.2f s (cluster: demand_history %.2f s, behaviors %.2f s, steps 5-6 %.2f s)%n", day,
                writeCpu, run.cpu5(), run.cpu6(), run.cpu5() + run.cpu6(), run.server5(), run.server6(),
                run.server5() + run.server6());
        return new double[] {write, run.step5(), run.step6(), run.step5() + run.step6(), writeCpu, run.cpu5(),
            run.cpu6(), run.cpu5() + run.cpu6(), run.server5() + run.server6()};
    }

    /**
     * One run_pipeline call, timed: its wall time, each step's duration (pipeline_step_runs) and each step's CPU seconds
     * — the backend's (/proc/PID/schedstat) and the whole cluster's (parallel workers, autovacuum, background writers
     * included) — read off samples taken every 100 ms between the step's started_at and finished_at.
     */
    record Run(double wall, double step5, double step6, double cpu5, double cpu6, double server5, double server6) {
    }

    /** Calls run_pipeline; returns the wall time, the durations of steps demand_history and behaviors and their CPU. */
    private Run pipeline(LocalDate day, String from, String to) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(true);
            long pid;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select pg_backend_pid()")) {
                rs.next();
                pid = rs.getLong(1);
            }
            long t0 = System.nanoTime();
            CpuSampler cpu = new CpuSampler(pid, 100);
            try (cpu; CallableStatement cs = c.prepareCall("call " + s + ".run_pipeline(?::date, ?, ?, null)")) {
                cs.setObject(1, day);
                cs.setString(2, from);
                cs.setString(3, to);
                cs.execute();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double[] step = new double[2];
            double[][] used = new double[2][2];
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select step_name, "
                    + "extract(epoch from finished_at - started_at)::float8, status, (extract(epoch from started_at) "
                    + "* 1000)::bigint, (extract(epoch from finished_at) * 1000)::bigint from " + s
                    + ".pipeline_step_runs where pipeline_run_id = (select max(id) from " + s + ".pipeline_runs)")) {
                while (rs.next()) {
                    if (!"succeeded".equals(rs.getString(3)) && !"skipped".equals(rs.getString(3))) {
                        throw new CwException("step " + rs.getString(1) + " of " + day + " ended " + rs.getString(3)
                                + ": see " + s + ".pipeline_step_runs", 1);
                    }
                    int k = "demand_history".equals(rs.getString(1)) ? 0 : "behaviors".equals(rs.getString(1)) ? 1
                            : -1;
                    if (k >= 0) {
                        step[k] = rs.getDouble(2);
                        used[k] = cpu.between(rs.getLong(4), rs.getLong(5));
                    }
                }
            }
            return new Run(wall, step[0], step[1], used[0][0], used[1][0], used[0][1], used[1][1]);
        }
    }

    /** What the two steps of the latest run report: dates and rows of step 5, the window sums' mode of step 6. */
    private String detail(LocalDate day) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select step_name, rows_in, rows_out, detail ->> 'dates_rewritten', detail ->> 'window_sums', "
                        + "detail ->> 'path' from "
                        + s + ".pipeline_step_runs where pipeline_run_id = (select max(id) from " + s
                        + ".pipeline_runs) order by step_no")) {
            while (rs.next()) {
                if (sb.length() > 0) {
                    sb.append("; ");
                }
                sb.append(rs.getString(1)).append(String.format(Locale.ROOT, ": rows in %,d, out %,d",
                        rs.getLong(2), rs.getLong(3)));
                if (rs.getString(4) != null) {
                    sb.append(", dates ").append(rs.getString(4));
                }
                if (rs.getString(6) != null) {
                    sb.append(", path ").append(rs.getString(6));
                }
                if (rs.getString(5) != null) {
                    sb.append(", window sums ").append(rs.getString(5));
                }
            }
        }
        return sb.toString();
    }

    private static LocalDate date(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1, LocalDate.class) : null;
        }
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The 1, 5 and 15 minute load averages of the machine (other engineers' work shares the cores). */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException ex) {
            return "unknown";
        }
    }
}
