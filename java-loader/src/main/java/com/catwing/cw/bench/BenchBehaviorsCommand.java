package com.catwing.cw.bench;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code cw bench behaviors}: step 6 at scale. Builds a throw-away client whose {@code demand_history} holds
 * products x locations x days of synthetic daily demand (a share of the pairs ranged, seasonal and trending products,
 * stockout days with imputed demand), stock readings for the last months and a year of purchase orders with receipts,
 * then times the full computation of the last day's snapshot, an unchanged re-run, and scoped re-runs for a single
 * product. The goal: the scoped recompute takes at most 1/500 of the full. Results: docs/benchmarks.md.
 */
@Command(name = "behaviors", mixinStandardHelpOptions = true,
        description = {"Benchmark step behaviors: the full snapshot on a large demand history and a scoped recompute "
                + "for one product (goal: <= 1/500 of the full).",
                "Creates (and afterwards drops) the bench client; needs about 130 bytes of disk per history row."})
public final class BenchBehaviorsCommand implements Callable<Integer> {
    @Option(names = "--client", defaultValue = "CW-900201", description = "throw-away client (default ${DEFAULT-VALUE})")
    String client;
    @Option(names = "--products", defaultValue = "10000", description = "products (default ${DEFAULT-VALUE})")
    int products;
    @Option(names = "--locations", defaultValue = "50", description = "locations: stores, a webshop and a DC "
            + "(default ${DEFAULT-VALUE})")
    int locations;
    @Option(names = "--days", defaultValue = "730", description = "days of demand history (default ${DEFAULT-VALUE})")
    int days;
    @Option(names = "--ranged-pct", defaultValue = "40", description = "percent of product x store pairs ranged "
            + "(default ${DEFAULT-VALUE}; the generator's 10k x 50 world ranges about 40 %%)")
    int rangedPct;
    @Option(names = "--scoped-runs", defaultValue = "5", description = "scoped runs to time (default ${DEFAULT-VALUE})")
    int scopedRuns;
    @Option(names = "--threads", defaultValue = "2", description = "connections filling the history (default "
            + "${DEFAULT-VALUE})")
    int threads;
    @Option(names = "--keep", description = "keep the bench client afterwards")
    boolean keep;
    @Option(names = "--reuse", description = "use the bench client kept by an earlier --keep run as it is: no fill, "
            + "no drop; with --nightly only the nights are timed, with --downstream steps 8-11, else the full and "
            + "scoped runs again")
    boolean reuse;
    @Option(names = "--nightly", description = "time nights of steps 5-6 on the world (a day of sales lines and "
            + "stock deltas written through the production tables, then run_pipeline(day, 'demand_history', "
            + "'behaviors')), each followed by the full behaviours computation of its date as a first computation "
            + "(window sums and the date's snapshot rows deleted first), then a re-run of the last date (issue 21 "
            + "point 4)")
    boolean nightly;
    @Option(names = "--downstream", description = "time steps 8-11 on the world next to its full behaviours "
            + "computation (issues 13 point 4 and 14 point 5): writes a synthetic completed forecast of the last day "
            + "(a bench shortcut: each week of a pair predicts the mean weekly demand of its last 8 weeks), the "
            + "stores' supply by the DC, pack sizes and the DC's stock, then times step 8's first run (cache empty), "
            + "its run with the cache warm, a scoped run of one product, steps 9, 10 and 11 twice, and the full "
            + "behaviours before and after, with wall and backend CPU time; not with --nightly")
    boolean downstream;
    @Option(names = "--nights", defaultValue = "3", description = "nights timed by --nightly; each run adds the days "
            + "after the last one computed (default ${DEFAULT-VALUE})")
    int nights;
    @Option(names = "--sales-days", defaultValue = "45", description = "--nightly: the last days of the world written "
            + "as sales orders from demand_history before the first night, at least step 5's look-back "
            + "(rate_window_days + 2 x stop_max_open_days) + 1 (default ${DEFAULT-VALUE})")
    int salesDays;

    @Override
    public Integer call() throws Exception {
        if (products < 1 || locations < 3 || days < 7 || rangedPct < 1 || rangedPct > 100 || scopedRuns < 1
                || nights < 1 || salesDays < 1 || (downstream && nightly)) {
            throw new CwException("invalid bench size: --products >= 1, --locations >= 3, --days >= 7, "
                    + "--ranged-pct 1-100, --scoped-runs >= 1, --nights >= 1, --sales-days >= 1, not --downstream with --nightly");
        }
        Tenant t = Tenant.of(client);
        Database db = Database.configured();
        Tenants tenants = new Tenants(db, new PrintStream(OutputStream.nullOutputStream()));
        if (reuse) {
            return reuse(db, tenants, t);
        }
        if (tenants.exists(t.code())) {
            tenants.drop(t.code());
        }
        tenants.create(t.code(), "behaviors benchmark", "EUR", "Europe/Berlin", "catwing");
        String s = t.schema();
        LocalDate last = LocalDate.of(2025, 12, 31);
        LocalDate first = last.minusDays(days - 1);
        System.out.printf(Locale.ROOT, "bench behaviors: %,d products x %,d locations x %,d days (%s .. %s), %d %% of "
                + "pairs ranged, client %s%n", products, locations, days, first, last, rangedPct, t.code());
        try {
            long t0 = System.nanoTime();
            masters(db, s, first);
            List<String> rebuild = dropHistoryIndexes(db, s);
            long rows = history(db, s, first, last);
            rebuildHistoryIndexes(db, s, rebuild);
            stockAndOrders(db, s, last);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("analyze " + s + ".demand_history, " + s + ".inventory_balances, " + s
                        + ".purchase_orders, " + s + ".purchase_order_lines, " + s + ".receiving_orders, " + s
                        + ".receiving_order_lines, " + s + ".products, " + s + ".locations");
            }
            // The fill bypassed the triggers that keep the weekly aggregate. Only step 5 (the nights) and the
            // forecast read or keep it: --nightly builds it before the first night (BehaviorsNightly.weeks), so the
            // full and scoped measurements below do not wait for it (at M-scale a grouped pass over 143M rows).
            if (!nightly) {
                System.out.println("demand_weeks left empty (the fill bypassed its triggers): --nightly, also with "
                        + "--reuse, builds it before the first night");
            }
            System.out.printf(Locale.ROOT, "data ready in %.0f s: %,d demand_history rows (%s with indexes)%n",
                    (System.nanoTime() - t0) / 1e9, rows, size(db, s + ".demand_history"));
            measure(db, s, last);
            if (nightly) {
                new BehaviorsNightly(db, s, first, last, salesDays).run(nights);
            }
            if (downstream) {
                new BehaviorsDownstream(db, s, last).run();
            }
        } finally {
            if (!keep) {
                System.out.println("dropping the bench client " + t.code() + " (--keep keeps it)");
                tenants.drop(t.code());
            }
        }
        return 0;
    }

    /** --reuse: the kept world as it is; --nightly times nights, else the full and scoped runs of its last day. */
    private int reuse(Database db, Tenants tenants, Tenant t) throws Exception {
        String s = t.schema();
        if (!tenants.exists(t.code())) {
            throw new CwException("--reuse: the bench client " + t.code() + " does not exist: build it first with "
                    + "bin/cw bench behaviors --keep", 2);
        }
        LocalDate first;
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select to_regclass('" + s + ".bench_pairs') is not null, (select min(first_seen_date) from " + s
                        + ".locations)")) {
            rs.next();
            if (!rs.getBoolean(1) || rs.getObject(2) == null) {
                throw new CwException("--reuse: client " + t.code() + " is not a behaviours bench world (no "
                        + "bench_pairs or no locations): build it with bin/cw bench behaviors --keep", 2);
            }
            first = rs.getObject(2, LocalDate.class);
        }
        LocalDate last = LocalDate.of(2025, 12, 31);
        System.out.printf(Locale.ROOT, "bench behaviors --reuse: client %s, world %s .. %s, %s of demand_history%n",
                t.code(), first, last, size(db, s + ".demand_history"));
        if (nightly) {
            new BehaviorsNightly(db, s, first, last, salesDays).run(nights);
        } else if (downstream) {
            new BehaviorsDownstream(db, s, last).run();
        } else {
            measure(db, s, last);
        }
        return 0;
    }

    private void masters(Database db, String s, LocalDate first) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            String eur = "(select id from cw_global.currencies where code = 'EUR')";
            st.execute("insert into " + s + ".product_categories (level, name, path, first_seen_date) "
                    + "select 1, 'Group ' || g, 'Group ' || g, '" + first + "' from generate_series(1, 10) as g");
            st.execute("insert into " + s + ".product_categories (parent_id, level, name, path, first_seen_date) "
                    + "select parent.id, 2, 'Family ' || f, parent.name || ' > Family ' || f, '" + first + "' "
                    + "from " + s + ".product_categories as parent, generate_series(1, 5) as f");
            st.execute("insert into " + s + ".locations (erp_id, name, location_type, echelon, erp_status, "
                    + "first_seen_date, row_hash) select 'L' || lpad(l::text, 3, '0'), 'location ' || l, case "
                    + "when l = " + locations + " then 'dc' when l = " + (locations - 1) + " then 'online' else "
                    + "'store' end, case when l = " + locations + " then 2 else 1 end, 'active', '" + first + "', "
                    + "md5('bl' || l)::uuid from generate_series(1, " + locations + ") as l");
            st.execute("insert into " + s + ".suppliers (erp_id, name, currency_id, erp_status, lead_time_days, "
                    + "first_seen_date, row_hash) select 'S' || lpad(n::text, 3, '0'), 'supplier ' || n, " + eur
                    + ", 'active', 3 + n % 18, '" + first + "', md5('bs' || n)::uuid from generate_series(1, 100) "
                    + "as n");
            st.execute("insert into " + s + ".products (erp_id, name, product_category_id, primary_supplier_id, "
                    + "erp_currency_id, erp_cost, erp_price, cost, price, erp_status, first_seen_date, row_hash) "
                    + "select 'P' || lpad(n::text, 6, '0'), 'product ' || n, (select id from " + s
                    + ".product_categories where level = 2 order by id offset n % 50 limit 1), (select id from " + s
                    + ".suppliers order by id offset n % 100 limit 1), " + eur + ", c, p, c, p, 'active', '" + first
                    + "', md5('bp' || n)::uuid from generate_series(1, " + products + ") as n, "
                    + "lateral (select round((1 + (n * 7919 % 97))::numeric / 4, 2) as c) as cost, "
                    + "lateral (select round(cost.c * 1.6, 2) as p) as price");
            // Ranged store/webshop pairs with their demand model: a base rate (a few products sell a lot), 30 % of
            // the products seasonal (a yearly cycle), a trend between -50 % and +50 % over the period.
            st.execute("create unlogged table " + s + ".bench_pairs as "
                    + "select products.id as product_id, locations.id as location_id, products.price, products.cost, "
                    + "(6 * power(((products.id * 7907 + locations.id * 104729) % 1000 + 0.5) / 1000.0, 3)"
                    + " * (0.5 + (locations.id % 7) / 6.0))::float8 as rate, "
                    + "case when products.id % 10 < 3 then 0.6 else 0 end::float8 as amplitude, "
                    + "(products.id % 364)::float8 as phase, ((products.id % 11) - 5) / 10.0::float8 as trend "
                    + "from " + s + ".products, " + s + ".locations "
                    + "where locations.location_type in ('store', 'online') "
                    + "and abs(hashtext(products.id || '/' || locations.id)) % 100 < " + rangedPct);
            try (ResultSet rs = st.executeQuery("select count(*) from " + s + ".bench_pairs")) {
                rs.next();
                System.out.printf(Locale.ROOT, "masters: %,d products in 50 categories, %,d locations, 100 "
                        + "suppliers; %,d ranged pairs%n", products, locations, rs.getLong(1));
            }
        }
    }

    /**
     * Bulk load as a DBA would: demand_history's keys and indexes are dropped before the fill and built afterwards
     * (a sorted build instead of 150M random index inserts). Returns the statements that rebuild them.
     */
    private static List<String> dropHistoryIndexes(Database db, String s) throws SQLException {
        List<String> rebuild = new ArrayList<>();
        List<String> drops = new ArrayList<>();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select conname, pg_get_constraintdef(oid) from pg_constraint where "
                    + "conrelid = '" + s + ".demand_history'::regclass and contype in ('p', 'u') order by contype")) {
                while (rs.next()) {
                    rebuild.add("alter table " + s + ".demand_history add constraint " + rs.getString(1) + " "
                            + rs.getString(2));
                    drops.add("alter table " + s + ".demand_history drop constraint " + rs.getString(1));
                }
            }
            try (ResultSet rs = st.executeQuery("select indexname, indexdef from pg_indexes where schemaname = '" + s
                    + "' and tablename = 'demand_history' and indexname not in (select conname from pg_constraint "
                    + "where conrelid = '" + s + ".demand_history'::regclass)")) {
                while (rs.next()) {
                    rebuild.add(rs.getString(2));
                    drops.add("drop index " + s + "." + rs.getString(1));
                }
            }
            for (String drop : drops) {
                st.execute(drop);
            }
        }
        return rebuild;
    }

    private static void rebuildHistoryIndexes(Database db, String s, List<String> rebuild) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("set maintenance_work_mem = '1GB'");
            for (String sql : rebuild) {
                st.execute(sql);
            }
        }
        System.out.printf(Locale.ROOT, "  demand_history keys and indexes built in %.0f s%n",
                (System.nanoTime() - t0) / 1e9);
    }

    /** Fills demand_history day range by day range on several connections; returns the rows written. */
    private long history(Database db, String s, LocalDate first, LocalDate last) throws Exception {
        int chunk = 15;
        List<LocalDate[]> ranges = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(chunk)) {
            LocalDate end = d.plusDays(chunk - 1);
            ranges.add(new LocalDate[] {d, end.isAfter(last) ? last : end});
        }
        AtomicLong written = new AtomicLong();
        AtomicLong done = new AtomicLong();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (LocalDate[] range : ranges) {
                futures.add(pool.submit(() -> {
                    try (Connection c = db.connect(); Statement st = c.createStatement()) {
                        // The data is consistent by construction: skip the per-row foreign key triggers.
                        st.execute("set session_replication_role = replica");
                        st.execute("set synchronous_commit = off");
                        int n = st.executeUpdate(historySql(s, first, last, range[0], range[1]));
                        long total = written.addAndGet(n);
                        long k = done.incrementAndGet();
                        double secs = (System.nanoTime() - t0) / 1e9;
                        System.out.printf(Locale.ROOT, "  demand_history %s .. %s: %,d rows (%d/%d ranges, %,.0f "
                                + "rows/s)%n", range[0], range[1], n, k, ranges.size(), total / secs);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return written.get();
    }

    private static String historySql(String s, LocalDate first, LocalDate last, LocalDate from, LocalDate to) {
        long span = Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(first, last));
        // random() in the subquery's target list: evaluated per row (a volatile target list is not pulled up).
        return "insert into " + s + ".demand_history (product_id, location_id, demand_date, quantity, revenue, cost, "
                + "is_in_stock, stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, selling_rate_qty, "
                + "computed_on) "
                + "select drawn.product_id, drawn.location_id, drawn.d, sold.qty, sold.qty * drawn.price, "
                + "sold.qty * drawn.cost, not drawn.oos, case when drawn.oos then round(drawn.r::numeric, 3) end, "
                + "drawn.oos, sold.qty + case when drawn.oos then round(drawn.r::numeric, 3) else 0 end, "
                + "case when drawn.oos then 2 else 1 end, round(drawn.r::numeric, 4), '" + last + "' "
                + "from (select pairs.product_id, pairs.location_id, pairs.price, pairs.cost, day.d, "
                + "pairs.rate * (1 + pairs.amplitude * sin(2 * pi() * (day.i + pairs.phase) / 364)) "
                + "* (1 + pairs.trend * day.i / " + span + ".0) as r, random() < 0.03 as oos, random() as u, "
                + "random() as v "
                + "from " + s + ".bench_pairs as pairs "
                + "cross join (select day::date as d, (day::date - '" + first + "'::date) as i from generate_series('"
                + from + "'::date, '" + to + "'::date, interval '1 day') as day) as day) as drawn "
                + "cross join lateral (select case when drawn.oos then 0 else floor(drawn.r * (0.5 + drawn.u) "
                + "+ drawn.v)::numeric end as qty) as sold";
    }

    /** Stock readings (monthly full snapshots and daily deltas) for the last 120 days, a year of purchase orders. */
    private void stockAndOrders(Database db, String s, LocalDate last) throws SQLException {
        long t0 = System.nanoTime();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("set session_replication_role = replica");
            LocalDate from = last.minusDays(119);
            st.execute("insert into " + s + ".inventory_snapshots (snapshot_date, snapshot_type, row_count) "
                    + "select day::date, case when extract(day from day) = 1 then 'full' else 'delta' end, 0 "
                    + "from generate_series('" + from + "'::date, '" + last + "'::date, interval '1 day') as day");
            st.execute("insert into " + s + ".inventory_balances (product_id, location_id, balance_date, "
                    + "qty_available, qty_all, row_hash) select pairs.product_id, pairs.location_id, snapshots.snapshot_date, "
                    + "q, q, md5(pairs.product_id || '/' || pairs.location_id || '/' || snapshots.snapshot_date)::uuid "
                    + "from " + s + ".inventory_snapshots as snapshots cross join " + s + ".bench_pairs as pairs "
                    + "cross join lateral (select floor(random() * 30)::numeric as q) as qty "
                    + "where snapshots.snapshot_type = 'full' or abs(hashtext(pairs.product_id || '/' || "
                    + "pairs.location_id || '/' || snapshots.snapshot_date)) % 10 = 0");
            st.execute("update " + s + ".inventory_snapshots as snapshots set row_count = counted.n from (select "
                    + "balance_date, count(*) as n from " + s + ".inventory_balances group by balance_date) as counted "
                    + "where counted.balance_date = snapshots.snapshot_date");
            String dc = "(select id from " + s + ".locations where location_type = 'dc')";
            st.execute("insert into " + s + ".purchase_orders (erp_id, supplier_id, location_id, order_date, "
                    + "expected_date, status, currency_id, fx_rate, first_loaded_on, row_hash) select 'PO' || "
                    + "suppliers.id || '-' || k, suppliers.id, " + dc + ", d, d + suppliers.lead_time_days, case when "
                    + "d + suppliers.lead_time_days + 3 <= '" + last + "'::date then 'received' else 'open' end, "
                    + "suppliers.currency_id, 1, d, md5('po' || suppliers.id || '-' || k)::uuid from " + s
                    + ".suppliers, generate_series(0, 121) as k, lateral (select '" + last + "'::date - 3 * k as d) as "
                    + "dates");
            st.execute("insert into " + s + ".purchase_order_lines (purchase_order_id, line_no, product_id, "
                    + "qty_ordered, row_hash) select orders.id, line, products.id, 10 * line, md5('pol' || orders.id "
                    + "|| '-' || line)::uuid from " + s + ".purchase_orders as orders, generate_series(1, 5) as line, "
                    + "lateral (select id from " + s + ".products where primary_supplier_id = orders.supplier_id "
                    + "order by id offset (orders.id + line) % 50 limit 1) as products");
            st.execute("insert into " + s + ".receiving_orders (erp_id, location_id, received_date, source_type, "
                    + "purchase_order_id, first_loaded_on, row_hash) select 'RO' || orders.id, orders.location_id, "
                    + "orders.expected_date + (orders.id % 7)::integer - 2, 'purchase', orders.id, orders.order_date, md5('ro' "
                    + "|| orders.id)::uuid from " + s + ".purchase_orders as orders where orders.status = 'received'");
            st.execute("insert into " + s + ".receiving_order_lines (receiving_order_id, line_no, product_id, "
                    + "qty_received, row_hash) select receiving.id, lines.line_no, lines.product_id, "
                    + "case when (lines.id % 10) = 0 then lines.qty_ordered * 0.8 else lines.qty_ordered end, "
                    + "md5('rol' || lines.id)::uuid from " + s + ".receiving_orders as receiving inner join " + s
                    + ".purchase_order_lines as lines on lines.purchase_order_id = receiving.purchase_order_id");
            try (ResultSet rs = st.executeQuery("select (select count(*) from " + s + ".inventory_balances), "
                    + "(select count(*) from " + s + ".purchase_orders)")) {
                rs.next();
                System.out.printf(Locale.ROOT, "stock and orders: %,d balances (120 days), %,d purchase orders in "
                        + "%.0f s%n", rs.getLong(1), rs.getLong(2), (System.nanoTime() - t0) / 1e9);
            }
        }
    }

    private void measure(Database db, String s, LocalDate last) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(true);
            double full = run(c, s, last, null, "full snapshot (first computation of the date)");
            double again = run(c, s, last, null, "full snapshot again (nothing changed)");
            // What autovacuum does after a nightly run writes the snapshot (its insert threshold): sets the visibility
            // map, so a scoped run reads the other products' revenues with an index-only scan.
            try (Statement st = c.createStatement()) {
                long t0 = System.nanoTime();
                st.execute("vacuum (analyze) " + s + ".product_location_behaviors, " + s + ".product_behaviors");
                System.out.printf(Locale.ROOT, "%-52s %9.3f s%n", "vacuum (analyze) of the snapshot tables",
                        (System.nanoTime() - t0) / 1e9);
            }
            String product;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select products.erp_id from " + s
                    + ".product_behaviors as b inner join " + s + ".products on products.id = b.product_id where "
                    + "b.snapshot_date = '" + last + "' order by b.location_count desc, b.demand_revenue desc limit 1")) {
                rs.next();
                product = rs.getString(1);
            }
            double[] scoped = new double[scopedRuns];
            for (int i = 0; i < scopedRuns; i++) {
                scoped[i] = run(c, s, last, "{\"products\": [\"" + product + "\"]}", "scoped: product " + product
                        + " (" + (i + 1) + "/" + scopedRuns + ")");
            }
            Arrays.sort(scoped);
            double median = scoped[scopedRuns / 2];
            System.out.printf(Locale.ROOT, "full %.2f s (again %.2f s), scoped median %.3f s: scoped / full = 1/%.0f "
                    + "(goal <= 1/500)%n", full, again, median, full / median);
        }
    }

    private static double run(Connection c, String s, LocalDate day, String scope, String label) throws SQLException {
        long t0 = System.nanoTime();
        try (CallableStatement cs = c.prepareCall("call " + s + ".run_pipeline(?::date, 'behaviors', 'behaviors', "
                + "?::jsonb)")) {
            cs.setObject(1, day);
            cs.setString(2, scope);
            cs.execute();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select rows_in, rows_out, detail "
                + "from " + s + ".pipeline_step_runs where step_name = 'behaviors' order by id desc limit 1")) {
            rs.next();
            System.out.printf(Locale.ROOT, "%-52s %9.3f s  rows in %,12d  rows out %,9d%n", label, secs, rs.getLong(1),
                    rs.getLong(2));
        }
        return secs;
    }

    private static String size(Database db, String table) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select pg_size_pretty(pg_total_relation_size('" + table + "'))")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
