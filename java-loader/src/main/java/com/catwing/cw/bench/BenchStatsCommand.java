package com.catwing.cw.bench;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.tenant.Tenants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cw bench stats}: step 12 at scale. Builds a throw-away client with products x locations x days of demand
 * history, sales orders (one line each; 1 in 40 with a return of one unit the same day), sparse stock readings (a full snapshot on the 1st of each month, deltas on
 * other days) and product versions, builds the statistics and the star schema up to the day before the last, then
 * adds the last day as a nightly load would (its sales, readings, 1 % of products with a new cost) and times the
 * incremental refresh against a full rebuild of the same state, in the same run, and compares their checksums.
 * Goal (issue 17): incremental <= 5 % of the full rebuild. Results: docs/benchmarks.md.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = {"Benchmark step stats: the nightly incremental refresh of the _stats schema against a full "
                + "rebuild (goal: <= 5 %), with table sizes and checksums.",
                "Creates (and afterwards drops) the bench client."})
public final class BenchStatsCommand implements Callable<Integer> {
    @Option(names = "--client", defaultValue = "CW-900212", description = "throw-away client (default ${DEFAULT-VALUE})")
    String client;
    @Option(names = "--products", defaultValue = "1000", description = "products (default ${DEFAULT-VALUE})")
    int products;
    @Option(names = "--locations", defaultValue = "12", description = "locations: stores, a webshop and a DC "
            + "(default ${DEFAULT-VALUE})")
    int locations;
    @Option(names = "--days", defaultValue = "365", description = "days of history (default ${DEFAULT-VALUE})")
    int days;
    @Option(names = "--ranged-pct", defaultValue = "40", description = "percent of product x store pairs ranged "
            + "(default ${DEFAULT-VALUE})")
    int rangedPct;
    @Option(names = "--last", defaultValue = "2025-12-31", description = "the nightly day measured, the last day of "
            + "the history (default ${DEFAULT-VALUE}: a month end, where the monthly roll-up re-reads a whole month)")
    LocalDate last;
    @Option(names = "--keep", description = "keep the bench client afterwards")
    boolean keep;

    @Option(names = "--next-night", description = "on a client kept by --keep: migrate it (and cw_global, not the "
            + "cluster's other clients) to the current code, write "
            + "one more night (the day after its latest demand date) and measure that night, without building the "
            + "world again (the size options are ignored)")
    boolean nextNight;

    @Option(names = "--explain", description = "log the plan, rows and duration of every statement of the "
            + "incremental refresh taking 100 ms or more, nested ones included, to the server log (auto_explain, "
            + "without per-node timing)")
    boolean explain;

    @Override
    public Integer call() throws Exception {
        if (products < 1 || locations < 3 || days < 14 || rangedPct < 1 || rangedPct > 100) {
            throw new CwException("invalid bench size: --products >= 1, --locations >= 3, --days >= 14, "
                    + "--ranged-pct 1-100");
        }
        Tenant t = Tenant.of(client);
        Database db = Database.configured();
        Tenants tenants = new Tenants(db, new PrintStream(OutputStream.nullOutputStream()));
        if (nextNight) {
            if (!tenants.exists(t.code())) {
                throw new CwException("bench stats --next-night: no client " + t.code() + ": run bench stats --keep "
                        + "first");
            }
            // Only the bench client (and cw_global, which every client's code needs): the cluster's other clients are
            // someone else's and stay at their version.
            new Tenants(db, System.out).migrateOne(t.code());
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                last = LocalDate.parse(one(st, "select max(demand_date) + 1 from " + t.schema() + ".demand_history"));
                System.out.printf(Locale.ROOT, "bench stats --next-night: client %s, night of %s%n", t.code(), last);
                // A night with nothing new first: the migration's one-time work (a new column stamps every row) is
                // not measured.
                timed(st, "call " + t.schema() + ".stats_refresh('" + last.minusDays(1) + "', false)");
                measure(st, t);
            } finally {
                if (!keep) {
                    System.out.println("dropping the bench client " + t.code() + " (--keep keeps it)");
                    tenants.drop(t.code());
                }
            }
            return 0;
        }
        if (tenants.exists(t.code())) {
            tenants.drop(t.code());
        }
        tenants.create(t.code(), "stats benchmark", "EUR", "Europe/Berlin", "catwing");
        String s = t.schema();
        LocalDate first = last.minusDays(days - 1);
        System.out.printf(Locale.ROOT, "bench stats: %,d products x %,d locations x %,d days (%s .. %s), %d %% of "
                + "pairs ranged, client %s%n", products, locations, days, first, last, rangedPct, t.code());
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            long t0 = System.nanoTime();
            masters(st, s, first);
            days(st, s, first, last.minusDays(1), "2 hours");
            st.execute("insert into " + s + ".demand_history_runs (run_date, started_at, dates_rewritten, "
                    + "rows_written, rows_deleted) values ('" + last.minusDays(1) + "', now() - interval '2 hours', "
                    + "'{}', 0, 0)");
            st.execute("analyze");
            System.out.printf(Locale.ROOT, "data ready in %.0f s: %s demand_history rows, %s sales lines, %s stock "
                    + "readings%n", (System.nanoTime() - t0) / 1e9, one(st, "select count(*) from " + s
                    + ".demand_history"), one(st, "select count(*) from " + s + ".sales_order_lines"),
                    one(st, "select count(*) from " + s + ".inventory_balances"));

            double previous = timed(st, "call " + s + ".stats_rebuild('" + last.minusDays(1) + "')");
            System.out.printf(Locale.ROOT, "statistics up to %s built (full) in %.1f s%n", last.minusDays(1), previous);
            measure(st, t);
        } finally {
            if (!keep) {
                System.out.println("dropping the bench client " + t.code() + " (--keep keeps it)");
                tenants.drop(t.code());
            }
        }
        return 0;
    }

    /** Writes the night of {@code last} as load and demand_history would, then times incremental against full. */
    private void measure(Statement st, Tenant t) throws SQLException {
        String s = t.schema();
        // The nightly load of the last day: its sales and demand rows, stock readings, 1 % of products repriced.
        days(st, s, last, last, "0 hours");
        st.execute("update " + s + ".product_versions as old set valid_to = '" + last + "', is_current = false "
                + "where old.is_current and old.product_id % 100 = 7 and old.valid_from < '" + last + "'");
        st.execute("insert into " + s + ".product_versions (product_id, valid_from, is_current, name, cost, price, "
                + "is_dropship, erp_status, is_discontinued, is_active, version_hash) select product_id, '" + last
                + "', true, name, round(cost * 1.05, 4), price, false, 'active', false, true, md5('v2' || "
                + "product_id)::uuid from " + s + ".product_versions where valid_to = '" + last + "' "
                + "and product_id % 100 = 7");
        st.execute("insert into " + s + ".demand_history_runs (run_date, started_at, dates_rewritten, "
                + "rows_written, rows_deleted) values ('" + last + "', now(), '{" + last + "}', 0, 0)");
        st.execute("analyze");

        if (explain) {
            st.execute("load 'auto_explain'");
            st.execute("set auto_explain.log_min_duration = '100ms'");
            st.execute("set auto_explain.log_nested_statements = on");
            st.execute("set auto_explain.log_analyze = on");
            st.execute("set auto_explain.log_timing = off");
            st.execute("set auto_explain.log_buffers = on");
        }
        // The backend's on-CPU seconds beside the wall times: on this shared machine the wall time moves with the
        // load, the CPU much less (docs/benchmarks.md).
        long pid = Long.parseLong(one(st, "select pg_backend_pid()"));
        String loadBefore = load();
        double cpu0 = Cpu.onCpuSeconds(pid);
        double incremental = timed(st, "call " + s + ".stats_refresh('" + last + "', false)");
        double incrementalCpu = Cpu.onCpuSeconds(pid) - cpu0;
        String loadIncremental = load();
        if (explain) {
            st.execute("set auto_explain.log_min_duration = -1");
            System.out.println("the incremental refresh's statements of 100 ms or more are in the server log "
                    + "(auto_explain)");
        }
        String incrementalSums = one(st, "select md5(string_agg(table_name || row_count || checksum, ',' order "
                + "by table_name)) from " + s + ".stats_checksums()");
        Map<String, String> sizes = sizes(st, s, t.statsSchema());
        double cpu1 = Cpu.onCpuSeconds(pid);
        double full = timed(st, "call " + s + ".stats_rebuild('" + last + "')");
        double fullCpu = Cpu.onCpuSeconds(pid) - cpu1;
        String loadFull = load();
        String fullSums = one(st, "select md5(string_agg(table_name || row_count || checksum, ',' order by "
                + "table_name)) from " + s + ".stats_checksums()");

        System.out.println("table sizes after the refresh (rows, with indexes):");
        sizes.forEach((name, size) -> System.out.printf(Locale.ROOT, "  %-24s %s%n", name, size));
        System.out.printf(Locale.ROOT, "incremental refresh of %s: %.2f s; full rebuild: %.2f s; ratio %.4f "
                + "(goal <= 0.05: %s); checksums %s%n", last, incremental, full, incremental / full,
                incremental / full <= 0.05 ? "met" : "NOT met",
                incrementalSums.equals(fullSums) ? "equal" : "DIFFERENT");
        System.out.printf(Locale.ROOT, "backend CPU: incremental %.2f s, full rebuild %.2f s; ratio %.4f; load "
                + "average (1 min) %s before, %s after the incremental, %s after the rebuild%n", incrementalCpu,
                fullCpu, incrementalCpu / fullCpu, loadBefore, loadIncremental, loadFull);
        if (!incrementalSums.equals(fullSums)) {
            throw new CwException("bench stats: the incremental refresh and the full rebuild differ");
        }
    }

    private void masters(Statement st, String s, LocalDate first) throws SQLException {
        String eur = "(select id from cw_global.currencies where code = 'EUR')";
        st.execute("insert into " + s + ".locations (erp_id, name, location_type, echelon, erp_status, "
                + "first_seen_date, row_hash) select 'L' || lpad(l::text, 3, '0'), 'location ' || l, case "
                + "when l = " + locations + " then 'dc' when l = " + (locations - 1) + " then 'online' else "
                + "'store' end, case when l = " + locations + " then 2 else 1 end, 'active', '" + first + "', "
                + "md5('bl' || l)::uuid from generate_series(1, " + locations + ") as l");
        st.execute("insert into " + s + ".products (erp_id, name, erp_currency_id, erp_cost, erp_price, cost, price, "
                + "erp_status, first_seen_date, row_hash) select 'P' || lpad(n::text, 6, '0'), 'product ' || n, "
                + eur + ", c, c * 1.6, c, c * 1.6, 'active', '" + first + "', md5('bp' || n)::uuid "
                + "from generate_series(1, " + products + ") as n, "
                + "lateral (select round((1 + (n * 7919 % 97))::numeric / 4, 2) as c) as cost");
        st.execute("insert into " + s + ".product_versions (product_id, valid_from, is_current, name, cost, price, "
                + "is_dropship, erp_status, is_discontinued, is_active, version_hash) select id, '" + first
                + "', true, name, cost, price, false, 'active', false, true, md5('v1' || id)::uuid from " + s
                + ".products");
        st.execute("insert into " + s + ".customers (erp_id, name, email, city_name, first_order_date, "
                + "last_order_date, row_hash) select 'C' || n, 'customer ' || n, 'c' || n || '@example.com', "
                + "'city ' || n % 50, '" + first + "', '" + first + "', md5('bc' || n)::uuid "
                + "from generate_series(1, " + Math.max(10, products * 2) + ") as n");
        st.execute("insert into " + s + ".customer_versions (customer_id, valid_from, is_current, name, email, "
                + "city_name, version_hash) select id, '" + first + "', true, name, email, city_name, "
                + "md5('cv' || id)::uuid from " + s + ".customers");
        st.execute("insert into " + s + ".payment_methods (code, first_seen_date) values ('card', '" + first
                + "'), ('cash', '" + first + "'), ('invoice', '" + first + "')");
        // Sold pairs (stores and webshop) and stocked pairs (those, and a third of the products at the DC).
        st.execute("create unlogged table " + s + ".bench_pairs as select products.id as product_id, locations.id "
                + "as location_id, products.price, products.cost, locations.location_type = 'dc' as is_dc "
                + "from " + s + ".products, " + s + ".locations where (locations.location_type in ('store', "
                + "'online') and abs(hashtext(products.id || '/' || locations.id)) % 100 < " + rangedPct + ") "
                + "or (locations.location_type = 'dc' and products.id % 3 = 0)");
        System.out.printf(Locale.ROOT, "masters: %,d products, %,d locations, %s pairs%n", products, locations,
                one(st, "select count(*) from " + s + ".bench_pairs"));
    }

    /** Demand, sales orders and stock readings of a day range, stamped as written {@code age} ago. */
    private static void days(Statement st, String s, LocalDate from, LocalDate to, String age) throws SQLException {
        String stamp = "now() - interval '" + age + "'";
        String span = "generate_series('" + from + "'::date, '" + to + "'::date, interval '1 day') as day";
        st.execute("create temp table bench_days as select pairs.product_id, pairs.location_id, "
                + "day::date as day, pairs.price, pairs.cost, abs(hashtext(pairs.product_id || '/' || "
                + "pairs.location_id || '/' || day::date)) as h from " + s + ".bench_pairs as pairs cross join "
                + span + " where not pairs.is_dc");
        st.execute("insert into " + s + ".demand_history (product_id, location_id, demand_date, quantity, revenue, "
                + "cost, is_in_stock, stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on, "
                + "created_at, updated_at) select product_id, location_id, day, q, q * price, q * cost, not oos, "
                + "case when oos then 1 end, oos, q + case when oos then 1 else 0 end, case when oos then 2 else 1 "
                + "end, day, " + stamp + ", " + stamp + " from bench_days, lateral (select h % 50 = 0 as oos) as o, "
                + "lateral (select case when o.oos then 0 else greatest(0, h % 7 - 3) end as q) as qty");
        st.execute("insert into " + s + ".sales_orders (erp_id, order_date, location_id, customer_id, "
                + "payment_method_id, channel, status, currency_id, fx_rate, first_loaded_on, row_hash, created_at, "
                + "updated_at) select 'O' || product_id || '-' || location_id || '-' || day, day, location_id, "
                + "case when h % 10 < 3 then null else 1 + h % (select count(*) from " + s + ".customers) end, "
                + "1 + h % 3, 'store', 'completed', (select id from cw_global.currencies where code = 'EUR'), 1, "
                + "day, md5(h::text)::uuid, " + stamp + ", " + stamp + " from bench_days where h % 50 <> 0 and "
                + "h % 7 > 3");
        st.execute("insert into " + s + ".sales_order_lines (sales_order_id, line_no, product_id, qty, unit_price, "
                + "discount, revenue, row_hash, created_at, updated_at) select orders.id, 1, days.product_id, "
                + "days.h % 7 - 3, days.price, 0, (days.h % 7 - 3) * days.price, md5(orders.id::text)::uuid, "
                + stamp + ", " + stamp + " from bench_days as days inner join " + s + ".sales_orders as orders on "
                + "orders.erp_id = 'O' || days.product_id || '-' || days.location_id || '-' || days.day");
        // Fresh statistics before the returns join the orders to their lines: planned on tables autovacuum has not
        // analysed yet (a loaded machine), it became a nested loop scanning every line per return and stalled a
        // 730-day build for over 30 minutes.
        st.execute("analyze " + s + ".sales_orders, " + s + ".sales_order_lines");
        // Returns: one unit of about 1 in 40 orders comes back the same day (a return document, signed fact rows).
        st.execute("insert into " + s + ".sales_orders (erp_id, order_date, location_id, customer_id, "
                + "payment_method_id, channel, status, currency_id, fx_rate, first_loaded_on, row_hash, created_at, "
                + "updated_at, document_type, original_sales_order_id, original_erp_id) select 'R' || substr("
                + "orders.erp_id, 2), orders.order_date, orders.location_id, orders.customer_id, "
                + "orders.payment_method_id, 'store', 'completed', orders.currency_id, 1, orders.order_date, "
                + "md5('r' || orders.id)::uuid, " + stamp + ", " + stamp + ", 'return', orders.id, orders.erp_id "
                + "from " + s + ".sales_orders as orders where orders.order_date between '" + from + "' and '" + to
                + "' and orders.document_type = 'order' and abs(hashtext(orders.erp_id)) % 40 = 0");
        st.execute("insert into " + s + ".sales_order_lines (sales_order_id, line_no, product_id, qty, unit_price, "
                + "discount, revenue, row_hash, created_at, updated_at) select returns.id, 1, lines.product_id, 1, "
                + "lines.unit_price, 0, lines.unit_price, md5('r' || returns.id)::uuid, " + stamp + ", " + stamp
                + " from " + s + ".sales_orders as returns inner join " + s + ".sales_order_lines as lines on "
                + "lines.sales_order_id = returns.original_sales_order_id where returns.document_type = 'return' "
                + "and returns.order_date between '" + from + "' and '" + to + "'");
        // Stock: a full snapshot on the 1st of each month (and the first day), a delta of a fifth of the pairs else.
        st.execute("insert into " + s + ".inventory_snapshots (snapshot_date, snapshot_type, row_count, raw_hash) "
                + "select day::date, case when extract(day from day) = 1 or day = '" + from + "' then 'full' else "
                + "'delta' end, 0, hashtext(day::text) from " + span);
        st.execute("insert into " + s + ".inventory_balances (product_id, location_id, balance_date, qty_available, "
                + "qty_all, row_hash, created_at, updated_at) select pairs.product_id, pairs.location_id, day::date, "
                + "q, q, md5(q::text)::uuid, " + stamp + ", " + stamp + " from " + s + ".bench_pairs as pairs "
                + "cross join " + span + " inner join " + s + ".inventory_snapshots as snapshots on "
                + "snapshots.snapshot_date = day::date, lateral (select abs(hashtext(pairs.product_id || ':' || "
                + "pairs.location_id || ':' || day::date)) as g) as hashed, lateral (select (g % 25)::numeric as q) "
                + "as qty where snapshots.snapshot_type = 'full' or g % 5 = 0");
        st.execute("drop table pg_temp.bench_days");
    }

    private static double timed(Statement st, String sql) throws SQLException {
        long t0 = System.nanoTime();
        st.execute(sql);
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The 1-minute load average, or "?" where /proc is unreadable. */
    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ", 2)[0];
        } catch (java.io.IOException | RuntimeException e) {
            return "?";
        }
    }

    private static String one(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Map<String, String> sizes(Statement st, String s, String schema) throws SQLException {
        Map<String, String> sizes = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery("select sums.table_name, to_char(sums.row_count, 'FM999,999,999,990') "
                + "|| ' rows, ' || pg_size_pretty(pg_total_relation_size(tables.oid) + coalesce((select "
                + "sum(pg_total_relation_size(pg_inherits.inhrelid)) from pg_inherits where pg_inherits.inhparent = "
                + "tables.oid), 0)::bigint) from " + s + ".stats_checksums() as sums inner join pg_class as tables "
                + "on tables.relname = sums.table_name and tables.relnamespace = '" + schema + "'::regnamespace "
                + "order by 1")) {
            while (rs.next()) {
                sizes.put(rs.getString(1), rs.getString(2));
            }
        }
        return sizes;
    }
}
