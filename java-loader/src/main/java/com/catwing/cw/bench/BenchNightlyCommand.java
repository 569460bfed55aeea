package com.catwing.cw.bench;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.generate.GeneratorConfig;
import com.catwing.cw.generate.GroundTruth;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cw bench nightly}: does the nightly cost of steps 5 (demand_history) and 6 (behaviors) follow the day's data
 * or the client's history (issue 21 point 4)? A generated world's sales (the generator's ground truth: units sold per
 * product x location x day) are written as sales orders day by day; the first {@code --early-day} days run nightly,
 * the days up to the last {@code --nights} are added as one batch and computed in one catch-up run (the one-batch
 * onboarding path), and the last nights run nightly again. Prints each timed night, the medians of the nights ending
 * on the early day and on the last day and their ratio, and a full recompute of both steps on the last day.
 */
@Command(name = "nightly", mixinStandardHelpOptions = true,
        description = {"Benchmark the nightly steps demand_history and behaviors on day 30 and day 365 of a "
                + "generated year (growth with history), and against a full recompute.",
                "Creates (and afterwards drops) the bench client."})
public final class BenchNightlyCommand implements Callable<Integer> {
    @Option(names = "--client", defaultValue = "CW-900501",
            description = "throw-away client (default ${DEFAULT-VALUE})")
    String client;
    @Option(names = "--products", defaultValue = "300", description = "products (default ${DEFAULT-VALUE})")
    int products;
    @Option(names = "--locations", defaultValue = "6", description = "locations incl. warehouse, DC and webshop "
            + "(default ${DEFAULT-VALUE})")
    int locations;
    @Option(names = "--days", defaultValue = "365", description = "simulated days (default ${DEFAULT-VALUE})")
    int days;
    @Option(names = "--early-day", defaultValue = "30", description = "the early night compared with the last "
            + "(default ${DEFAULT-VALUE})")
    int earlyDay;
    @Option(names = "--nights", defaultValue = "5", description = "timed nights ending on the early day and on the "
            + "last day; the medians are compared (default ${DEFAULT-VALUE})")
    int nights;
    @Option(names = "--seed", defaultValue = "7", description = "generator seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--start", defaultValue = "2023-01-02", description = "first simulated day (default "
            + "${DEFAULT-VALUE})")
    LocalDate start;
    @Option(names = "--keep", description = "keep the bench client afterwards")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        if (nights < 1 || earlyDay < nights + 1 || days < earlyDay + nights + 1) {
            throw new CwException("invalid bench size: --nights >= 1, --early-day > --nights and --days > "
                    + "--early-day + --nights");
        }
        BenchClient bench = BenchClient.create(client, "nightly benchmark", keep);
        Tenant t = bench.tenant;
        Database db = bench.db;
        String s = bench.schema;
        System.out.printf(Locale.ROOT, "bench nightly: generated world seed %d, %,d products x %,d locations, %d days "
                + "from %s; client %s%n", seed, products, locations, days, start, t.code());
        try (bench) {
            long t0 = System.nanoTime();
            GroundTruth gt = new GroundTruth(new GeneratorConfig(t.code(), start, days, products, locations,
                    Math.max(3, products / 25), seed, "catwing", "none"));
            Map<Integer, Integer> productIds = new HashMap<>();
            Map<Integer, Integer> locationIds = new HashMap<>();
            BenchClient.masters(db, s, gt, start, productIds, locationIds);
            long rows = sales(db, s, gt, productIds, locationIds);
            System.out.printf(Locale.ROOT, "world ready in %.0f s: %,d pair-days with sales%n",
                    (System.nanoTime() - t0) / 1e9, rows);

            List<double[]> early = new ArrayList<>();
            for (int d = 1; d <= earlyDay; d++) {
                double[] night = night(db, s, d, d);
                if (d > earlyDay - nights) {
                    early.add(night);
                }
            }
            int batchTo = days - nights;
            double[] batch = night(db, s, earlyDay + 1, batchTo);
            System.out.printf(Locale.ROOT, "catch-up run after days %d..%d arrived as one batch: demand_history "
                    + "%.2f s, behaviors %.2f s%n", earlyDay + 1, batchTo, batch[1], batch[2]);
            List<double[]> late = new ArrayList<>();
            for (int d = batchTo + 1; d <= days; d++) {
                late.add(night(db, s, d, d));
            }
            double[] e = medians(early);
            double[] l = medians(late);
            System.out.printf(Locale.ROOT, "median of days %d..%d: load %.3f s, demand_history %.3f s, behaviors "
                    + "%.3f s, steps 5-6 %.3f s%n", earlyDay - nights + 1, earlyDay, e[0], e[1], e[2], e[1] + e[2]);
            System.out.printf(Locale.ROOT, "median of days %d..%d: load %.3f s, demand_history %.3f s, behaviors "
                    + "%.3f s, steps 5-6 %.3f s%n", days - nights + 1, days, l[0], l[1], l[2], l[1] + l[2]);
            System.out.printf(Locale.ROOT, "growth day %d / day %d: demand_history %.2f x, behaviors %.2f x, steps 5-6 "
                    + "%.2f x (goal <= 1.5)%n", days, earlyDay, l[1] / e[1], l[2] / e[2],
                    (l[1] + l[2]) / (e[1] + e[2]));

            LocalDate last = start.plusDays(days - 1);
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("delete from " + s + ".demand_history_runs");
                st.execute("delete from " + s + ".behavior_window_state");
            }
            double full5 = BenchClient.time(db, s, last, "demand_history");
            double full6 = BenchClient.time(db, s, last, "behaviors");
            System.out.printf(Locale.ROOT, "full recompute on day %d: demand_history %.2f s (every date), behaviors "
                    + "%.2f s (window sums rebuilt); nightly steps 5-6 = 1/%.0f of the full%n", days, full5, full6,
                    (full5 + full6) / (l[1] + l[2]));
        }
        return 0;
    }

    /** Days {@code from..to} (1-based) arrive as sales orders, then steps 5 and 6 run for day {@code to}. */
    private double[] night(Database db, String s, int from, int to) throws SQLException {
        LocalDate first = start.plusDays(from - 1);
        LocalDate day = start.plusDays(to - 1);
        long t0 = System.nanoTime();
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("insert into " + s + ".sales_orders (erp_id, order_date, location_id, currency_id, fx_rate, "
                    + "first_loaded_on, row_hash, document_type) select 'B-' || sales.location_id || '-' || "
                    + "sales.sale_date, sales.sale_date, sales.location_id, (select id from cw_global.currencies "
                    + "where code = 'EUR'), 1, sales.sale_date, "
                    + "md5(sales.location_id || '-' || sales.sale_date)::uuid, "
                    + "'order' from " + s + ".bench_sales as sales where sales.sale_date between '" + first + "' and '"
                    + day + "' group by sales.location_id, sales.sale_date");
            st.execute("insert into " + s + ".sales_order_lines (sales_order_id, line_no, product_id, qty, unit_price, "
                    + "revenue, row_hash) select orders.id, row_number() over (partition by orders.id order by "
                    + "sales.product_id), sales.product_id, sales.qty, products.price, sales.qty * products.price, "
                    + "md5(orders.id || '-' || sales.product_id)::uuid from " + s + ".bench_sales as sales inner join "
                    + s + ".sales_orders as orders on orders.erp_id = 'B-' || sales.location_id || '-' || "
                    + "sales.sale_date inner join " + s + ".products on products.id = sales.product_id where "
                    + "sales.sale_date between '" + first + "' and '" + day + "'");
        }
        double load = (System.nanoTime() - t0) / 1e9;
        double demand = BenchClient.time(db, s, day, "demand_history");
        double behaviors = BenchClient.time(db, s, day, "behaviors");
        if (from == to && (to <= earlyDay && to > earlyDay - nights || to > days - nights)) {
            System.out.printf(Locale.ROOT, "day %3d (%s): orders written %.3f s, demand_history %.3f s, behaviors "
                    + "%.3f s%n", to, day, load, demand, behaviors);
        }
        return new double[] {load, demand, behaviors};
    }

    private static double[] medians(List<double[]> runs) {
        double[] out = new double[3];
        for (int k = 0; k < 3; k++) {
            final int i = k;
            double[] v = runs.stream().mapToDouble(r -> r[i]).sorted().toArray();
            out[k] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        }
        return out;
    }

    /** Streams the world's sales (units sold per pair and day, > 0) into the unlogged table bench_sales. */
    private static long sales(Database db, String s, GroundTruth gt, Map<Integer, Integer> productIds,
                              Map<Integer, Integer> locationIds) throws SQLException {
        long[] rows = new long[1];
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("create unlogged table " + s + ".bench_sales (product_id integer not null, location_id "
                    + "integer not null, sale_date date not null, qty integer not null)");
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + s + ".bench_sales from stdin");
            StringBuilder sb = new StringBuilder(1 << 16);
            gt.run((date, n, product, location, demand, sales, mean) -> {
                String day = date.toString();
                for (int i = 0; i < n; i++) {
                    if (sales[i] > 0) {
                        sb.append(productIds.get(product[i])).append('\t').append(locationIds.get(location[i]))
                                .append('\t').append(day).append('\t').append(sales[i]).append('\n');
                        rows[0]++;
                    }
                    if (sb.length() > (1 << 16) - 200) {
                        BenchClient.flush(copy, sb);
                    }
                }
            });
            BenchClient.flush(copy, sb);
            copy.endCopy();
            st.execute("create index on " + s + ".bench_sales (sale_date)");
            st.execute("analyze " + s + ".bench_sales");
        }
        return rows[0];
    }
}
