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

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code cw bench forecast}: step 7's accuracy on a generated world against the generator's ground truth. The
 * world's true daily demand up to a cut-off is written to {@code demand_history} as demand (a perfect stockout
 * correction, so that the forecast alone is measured), step forecast runs at the cut-off, and the weeks after it —
 * which the forecast did not see — score it, the oracle (the generator's true Poisson mean) and textbook baselines
 * computed here on the same weekly series: naive, seasonal naive, SES, moving average, Croston, SBA, TSB, ADIDA.
 * Metric: the M5 competition's weighted RMSSE (weights: revenue of the last 28 days before the cut-off; scale: the
 * in-sample mean squared one-week change from the first week with demand). Results: docs/benchmarks.md.
 */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = {"Benchmark step forecast: weighted RMSSE on held-out weeks of a generated world, against the "
                + "oracle (true Poisson mean) and textbook baselines computed in the same run.",
                "Creates (and afterwards drops) the bench client."})
public final class BenchForecastCommand implements Callable<Integer> {
    @Option(names = "--client", defaultValue = "CW-900401",
            description = "throw-away client (default ${DEFAULT-VALUE})")
    String client;
    @Option(names = "--products", defaultValue = "300", description = "products (default ${DEFAULT-VALUE})")
    int products;
    @Option(names = "--locations", defaultValue = "8", description = "locations incl. warehouse, DC and webshop "
            + "(default ${DEFAULT-VALUE})")
    int locations;
    @Option(names = "--days", defaultValue = "730", description = "simulated days (default ${DEFAULT-VALUE})")
    int days;
    @Option(names = "--holdout-weeks", defaultValue = "8", description = "weeks after the cut-off that are scored "
            + "(default ${DEFAULT-VALUE})")
    int holdoutWeeks;
    @Option(names = "--seed", defaultValue = "7", description = "generator seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--start", defaultValue = "2023-01-02", description = "first simulated day (default "
            + "${DEFAULT-VALUE})")
    LocalDate start;
    @Option(names = "--keep", description = "keep the bench client afterwards")
    boolean keep;
    @Option(names = "--launch-origins", defaultValue = "0", description = "also score launched products' first "
            + "weeks: forecasts at this many origins, every 2 weeks back from the cut-off, of the products launched in "
            + "the 6 weeks before each origin, against their category's average and the forecast without similar "
            + "products (default ${DEFAULT-VALUE}: off)")
    int launchOrigins;

    @Override
    public Integer call() throws Exception {
        if (holdoutWeeks < 1 || days < 7 * (holdoutWeeks + 8)) {
            throw new CwException("invalid bench size: --holdout-weeks >= 1 and --days >= 7 x (holdout weeks + 8)");
        }
        BenchClient bench = BenchClient.create(client, "forecast benchmark", keep);
        Tenant t = bench.tenant;
        Database db = bench.db;
        String s = bench.schema;
        LocalDate last = start.plusDays(days - 1);
        LocalDate cutoff = last.minusDays(7L * holdoutWeeks);
        System.out.printf(Locale.ROOT, "bench forecast: generated world seed %d, %,d products x %,d locations, %s .. "
                + "%s; forecast at %s, %d weeks held out; client %s%n", seed, products, locations, start, last,
                cutoff, holdoutWeeks, t.code());
        try (bench) {
            long t0 = System.nanoTime();
            GroundTruth gt = new GroundTruth(new GeneratorConfig(t.code(), start, days, products, locations,
                    Math.max(3, products / 25), seed, "catwing", "none"));
            Map<Integer, Integer> productIds = new HashMap<>();
            Map<Integer, Integer> locationIds = new HashMap<>();
            BenchClient.masters(db, s, gt, start, productIds, locationIds);
            long rows = truth(db, s, gt, productIds, locationIds);
            BenchClient.history(db, s, cutoff);
            prices(db, s, cutoff);
            System.out.printf(Locale.ROOT, "world ready in %.0f s: %,d ground-truth rows%n",
                    (System.nanoTime() - t0) / 1e9, rows);
            double behaviors = bench.time(cutoff, "behaviors");
            double forecast = bench.time(cutoff, "forecast");
            System.out.printf(Locale.ROOT, "step behaviors %.2f s, step forecast %.2f s (ratio %.2f)%n", behaviors,
                    forecast, forecast / behaviors);
            scoped(db, s, cutoff, forecast);
            score(db, s, cutoff);
            if (launchOrigins > 0) {
                LaunchScore.run(db, s, cutoff, launchOrigins);
            }
        }
        return 0;
    }

    /**
     * The price lists as the ERP's snapshot of the cut-off day carries them: one store list and one webshop list (the
     * bench's locations have no country), every product at its list price, with the promotion price of a promotion
     * running on the cut-off day (the generator's promotions are chain-wide). Only today's promotion is in a price
     * list, never a planned one: the forecast may use it for the days the promotion is expected to continue.
     */
    private static void prices(Database db, String s, LocalDate cutoff) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("insert into " + s + ".price_lists (erp_id, name, channel, currency_id, first_seen_date, "
                    + "row_hash) select code, code, channel, (select id from cw_global.currencies where code = 'EUR'), "
                    + "'" + cutoff + "', md5(code)::uuid from (values ('BENCH-STORE', 'store'), ('BENCH-ONLINE', "
                    + "'online')) as lists (code, channel)");
            st.execute("insert into " + s + ".prices (price_list_id, product_id, erp_price, erp_promo_price, price, "
                    + "promo_price, first_seen_date, row_hash) select price_lists.id, products.id, products.price, "
                    + "promo.price, products.price, promo.price, '" + cutoff + "', md5(price_lists.erp_id || "
                    + "products.erp_id)::uuid from " + s + ".price_lists cross join " + s + ".products left join "
                    + "(select truth.product_id, round((max(products.price) * (1 - max(truth.discount)))::numeric, 4) "
                    + "as price from " + s + ".bench_truth as truth inner join " + s + ".products on products.id = "
                    + "truth.product_id where truth.demand_date = '" + cutoff + "' and truth.discount > 0 group by "
                    + "truth.product_id) as promo on promo.product_id = products.id");
        }
    }

    /**
     * Times three scoped re-forecasts (run_pipeline with scope, each on a new connection as the CLI runs it) of the
     * product with the most forecast locations, against the full forecast's seconds. Unchanged inputs: they rewrite
     * nothing (docs/forecast.md "Re-runs, scope, retention").
     */
    private static void scoped(Database db, String s, LocalDate cutoff, double full) throws SQLException {
        String product;
        long locations;
        try (Connection c = db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select products.erp_id, count(distinct rows.location_id) from " + s
                     + ".active_demand_forecast_products as rows inner join " + s + ".products on products.id = "
                     + "rows.product_id group by products.erp_id order by 2 desc, 1 limit 1")) {
            if (!rs.next()) {
                return;
            }
            product = rs.getString(1);
            locations = rs.getLong(2);
        }
        double[] seconds = new double[3];
        for (int i = 0; i < seconds.length; i++) {
            try (Connection c = db.connect()) {
                c.setAutoCommit(true);
                long t0 = System.nanoTime();
                try (CallableStatement cs = c.prepareCall("call " + s + ".run_pipeline(?::date, 'forecast', "
                        + "'forecast', ?::jsonb)")) {
                    cs.setObject(1, cutoff);
                    cs.setString(2, "{\"products\": [\"" + product + "\"]}");
                    cs.execute();
                }
                seconds[i] = (System.nanoTime() - t0) / 1e9;
            }
        }
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "scoped re-forecast of %s (%d locations), 3 runs: %.2f / %.2f / %.2f s "
                + "(median 1/%.0f of the full forecast)%n", product, locations, seconds[0], seconds[1], seconds[2],
                full / seconds[1]);
    }

    /** Streams the whole simulation's ground truth into the unlogged table bench_truth with COPY. */
    private static long truth(Database db, String s, GroundTruth gt, Map<Integer, Integer> productIds,
                              Map<Integer, Integer> locationIds) throws SQLException {
        long[] rows = new long[1];
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("create unlogged table " + s + ".bench_truth (product_id integer not null, location_id "
                    + "integer not null, demand_date date not null, demand integer not null, mean float8 not null, "
                    + "discount float8 not null default 0)");
            st.execute("create index on " + s + ".bench_truth (product_id, location_id, demand_date)");
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + s + ".bench_truth from stdin");
            StringBuilder sb = new StringBuilder(1 << 16);
            LocalDate first = gt.start();
            gt.run((date, n, product, location, demand, sales, mean) -> {
                String day = date.toString();
                int d = (int) (date.toEpochDay() - first.toEpochDay());
                for (int i = 0; i < n; i++) {
                    sb.append(productIds.get(product[i])).append('\t').append(locationIds.get(location[i]))
                            .append('\t').append(day).append('\t').append(demand[i]).append('\t').append(mean[i])
                            .append('\t').append(gt.promoDiscount(product[i], d)).append('\n');
                    if (sb.length() > (1 << 16) - 200) {
                        BenchClient.flush(copy, sb);
                    }
                }
                rows[0] += n;
            });
            BenchClient.flush(copy, sb);
            copy.endCopy();
            // Days a location is closed (no pair open for sales) have no ground truth: zero demand, zero mean, as
            // demand_history has them (a listed pair on a closed day), from each pair's first to its last day.
            int filled = st.executeUpdate("insert into " + s + ".bench_truth select pairs.product_id, "
                    + "pairs.location_id, day::date, 0, 0 from (select product_id, location_id, min(demand_date) as "
                    + "first_date, max(demand_date) as last_date from " + s + ".bench_truth group by 1, 2) as pairs "
                    + "cross join lateral generate_series(pairs.first_date, pairs.last_date, interval '1 day') as day "
                    + "where not exists (select from " + s + ".bench_truth as truth where truth.product_id = "
                    + "pairs.product_id and truth.location_id = pairs.location_id and truth.demand_date = day::date)");
            rows[0] += filled;
            st.execute("analyze " + s + ".bench_truth");
        }
        return rows[0];
    }

    /** One product x location: weekly training demand (oldest first), held-out truth, oracle and our forecast. */
    private static final class Series {
        final List<Double> train = new ArrayList<>();
        double[] actual;
        double[] oracle;
        double[] ours;
        double weight;
        String source;
    }

    private void score(Database db, String s, LocalDate cutoff) throws SQLException {
        Map<Long, Series> series = new LinkedHashMap<>();
        int h = holdoutWeeks;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("select rows.product_id, rows.location_id, rows.horizon_days / 7, "
                    + "rows.predicted_qty, rows.demand_source_type from " + s + ".active_demand_forecast_products "
                    + "as rows where rows.horizon_days <= " + 7 * h)) {
                while (rs.next()) {
                    Series x = series.computeIfAbsent(key(rs.getInt(1), rs.getInt(2)), k -> newSeries(h));
                    x.ours[rs.getInt(3) - 1] = rs.getDouble(4);
                    x.source = rs.getString(5);
                }
            }
            // Training weeks from the pair's first complete week; week 0 ends on the cut-off.
            try (ResultSet rs = st.executeQuery("select truth.product_id, truth.location_id, ('" + cutoff
                    + "'::date - truth.demand_date) / 7 as week_index, sum(truth.demand), count(*), "
                    + "sum(truth.demand * products.price) filter (where truth.demand_date > '" + cutoff
                    + "'::date - 28) from " + s + ".bench_truth as truth inner join " + s + ".products on products.id "
                    + "= truth.product_id where truth.demand_date <= '" + cutoff + "' group by 1, 2, 3 order by 1, 2, "
                    + "3 desc")) {
                while (rs.next()) {
                    Series x = series.get(key(rs.getInt(1), rs.getInt(2)));
                    if (x == null || (x.train.isEmpty() && rs.getInt(5) < 7)) {
                        continue;
                    }
                    x.train.add(rs.getDouble(4));
                    x.weight += rs.getDouble(6);
                }
            }
            try (ResultSet rs = st.executeQuery("select truth.product_id, truth.location_id, (truth.demand_date - '"
                    + cutoff + "'::date - 1) / 7, sum(truth.demand), sum(truth.mean) from " + s + ".bench_truth as "
                    + "truth where truth.demand_date > '" + cutoff + "' group by 1, 2, 3")) {
                while (rs.next()) {
                    Series x = series.get(key(rs.getInt(1), rs.getInt(2)));
                    if (x != null) {
                        x.actual[rs.getInt(3)] = rs.getDouble(4);
                        x.oracle[rs.getInt(3)] = rs.getDouble(5);
                    }
                }
            }
        }
        String[] methods = {"ours", "oracle", "naive", "seasonal_naive", "ses", "moving_average", "croston", "sba",
                "tsb", "adida"};
        double[] weighted = new double[methods.length];
        double[] bias = new double[methods.length];
        double totalWeight = 0;
        double totalActual = 0;
        // Per source type of our rows: weighted RMSSE of ours, the oracle and SES, our bias, series and weight share.
        Map<String, double[]> bySource = new TreeMap<>();
        int scored = 0;
        int skipped = 0;
        for (Series x : series.values()) {
            double scale = Baselines.scale(x.train);
            if (x.train.size() < 2 || scale <= 0) {
                skipped++;
                continue;
            }
            double[][] forecasts = {x.ours, x.oracle, Baselines.naive(x.train, h),
                    Baselines.seasonalNaive(x.train, h), Baselines.ses(x.train, h), Baselines.movingAverage(x.train, h),
                    Baselines.croston(x.train, h, false), Baselines.croston(x.train, h, true),
                    Baselines.tsb(x.train, h), Baselines.adida(x.train, h)};
            for (int m = 0; m < methods.length; m++) {
                double sse = 0;
                for (int k = 0; k < h; k++) {
                    double e = x.actual[k] - forecasts[m][k];
                    sse += e * e;
                    bias[m] += forecasts[m][k] - x.actual[k];
                }
                weighted[m] += x.weight * Math.sqrt(sse / h / scale);
            }
            double[] src = bySource.computeIfAbsent(x.source == null ? "none" : x.source, k -> new double[7]);
            int[] shown = {0, 1, 4};
            for (int j = 0; j < shown.length; j++) {
                double sse = 0;
                for (int k = 0; k < h; k++) {
                    double e = x.actual[k] - forecasts[shown[j]][k];
                    sse += e * e;
                }
                src[j] += x.weight * Math.sqrt(sse / h / scale);
            }
            for (int k = 0; k < h; k++) {
                totalActual += x.actual[k];
                src[3] += x.ours[k] - x.actual[k];
                src[4] += x.actual[k];
            }
            src[5] += x.weight;
            src[6]++;
            totalWeight += x.weight;
            scored++;
        }
        System.out.printf(Locale.ROOT, "%,d series scored over %d held-out weeks (%,d skipped: constant or too short "
                + "history); weights = revenue of the last 28 days%n", scored, h, skipped);
        System.out.printf(Locale.ROOT, "%-16s %8s %10s %9s%n", "method", "WRMSSE", "vs ours", "bias %");
        for (int m = 0; m < methods.length; m++) {
            double w = weighted[m] / totalWeight;
            System.out.printf(Locale.ROOT, "%-16s %8.4f %10.3f %8.1f%%%n", methods[m], w,
                    w / (weighted[0] / totalWeight), 100 * bias[m] / totalActual);
        }
        System.out.printf(Locale.ROOT, "per source type of our rows (WRMSSE within the type):%n%-22s %7s %8s %8s %8s "
                + "%9s %8s%n", "source", "series", "weight%", "ours", "oracle", "ses", "bias %");
        // A type whose series all have zero weight (dead_product: no revenue in the last 28 days) has no weighted
        // RMSSE, one without actual demand no bias: "—" instead of NaN.
        for (Map.Entry<String, double[]> e : bySource.entrySet()) {
            double[] v = e.getValue();
            System.out.printf(Locale.ROOT, "%-22s %7d %7.1f%% %8s %8s %9s %8s%n", e.getKey(), (int) v[6],
                    100 * v[5] / totalWeight, ratio(v[0], v[5], "%.4f"), ratio(v[1], v[5], "%.4f"),
                    ratio(v[2], v[5], "%.4f"), ratio(100 * v[3], v[4], "%.1f%%"));
        }
    }

    /** numerator / denominator in the format, or "—" when the denominator is not positive. */
    static String ratio(double numerator, double denominator, String format) {
        return denominator > 0 ? String.format(Locale.ROOT, format, numerator / denominator) : "—";
    }

    private static Series newSeries(int h) {
        Series x = new Series();
        x.actual = new double[h];
        x.oracle = new double[h];
        x.ours = new double[h];
        return x;
    }

    private static long key(int product, int location) {
        return ((long) product << 32) | location;
    }
}
