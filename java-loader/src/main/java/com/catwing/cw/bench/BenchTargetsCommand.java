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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cw bench targets}: step 8's decision quality on a generated world. The world's true demand up to a cut-off
 * becomes {@code demand_history} (a perfect stockout correction, as in {@code cw bench forecast}); steps behaviors,
 * forecast and inventory_targets run at the cut-off (timed). The held-out weeks' ground-truth demand is then replayed
 * through ONE simulator, the step's own {@code inventory_policy_simulate}, under three policies for every store and
 * webshop pair: ours (step 8's s and S), an Odoo-style min/max reordering rule and the generator's own (s, S). It also
 * checks the calibration of the simulated fill rate: the generator's (s, S) simulated against demand paths drawn from
 * the forecast versus the fill rate the generator's retailer achieved (ground-truth sales / demand). Results:
 * docs/benchmarks.md, "Inventory targets".
 */
@Command(name = "targets", mixinStandardHelpOptions = true,
        description = {"Benchmark step inventory_targets: replay held-out ground-truth demand under our targets, an "
                + "Odoo-style min/max rule and the generator's (s, S); calibration of the simulated fill rate; step "
                + "timings.", "Creates (and afterwards drops) the bench client."})
public final class BenchTargetsCommand implements Callable<Integer> {
    @Option(names = "--client", defaultValue = "CW-900402",
            description = "throw-away client (default ${DEFAULT-VALUE})")
    String client;
    @Option(names = "--products", defaultValue = "300", description = "products (default ${DEFAULT-VALUE})")
    int products;
    @Option(names = "--locations", defaultValue = "8", description = "locations incl. warehouse, DC and webshop "
            + "(default ${DEFAULT-VALUE})")
    int locations;
    @Option(names = "--days", defaultValue = "420", description = "simulated days (default ${DEFAULT-VALUE})")
    int days;
    @Option(names = "--holdout-weeks", defaultValue = "8", description = "weeks after the cut-off that are replayed "
            + "(default ${DEFAULT-VALUE})")
    int holdoutWeeks;
    @Option(names = "--review-days", defaultValue = "7", description = "the bench client's review cycle "
            + "(planning.review_cycle_days), used by ours and by min/max (default ${DEFAULT-VALUE})")
    int reviewDays;
    @Option(names = "--paths", defaultValue = "25", description = "demand paths of the simulated fill rate "
            + "(inventory_targets.simulation_paths; default ${DEFAULT-VALUE})")
    int paths;
    @Option(names = "--seed", defaultValue = "7", description = "generator seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--start", defaultValue = "2023-01-02", description = "first simulated day (default "
            + "${DEFAULT-VALUE})")
    LocalDate start;
    @Option(names = "--keep", description = "keep the bench client afterwards")
    boolean keep;

    /** Store transfer lead time of the generator: ordered on day d, shipped d + 1, one day in transit, 1 in 10 late. */
    static final double LEAD_TIME_DAYS = 2.1;
    static final double LEAD_TIME_SD_DAYS = 0.3;
    /** Days of the held-out window before measuring (each policy starts with stock uniform in (s, S]). */
    static final int WARMUP_DAYS = 7;

    @Override
    public Integer call() throws Exception {
        if (holdoutWeeks < 2 || days < 7 * (holdoutWeeks + 13)) {
            throw new CwException("invalid bench size: --holdout-weeks >= 2 and --days >= 7 x (holdout weeks + 13)");
        }
        BenchClient bench = BenchClient.create(client, "inventory targets benchmark", keep);
        Tenant t = bench.tenant;
        Database db = bench.db;
        String s = bench.schema;
        LocalDate last = start.plusDays(days - 1);
        LocalDate cutoff = last.minusDays(7L * holdoutWeeks);
        System.out.printf(Locale.ROOT, "bench targets: generated world seed %d, %,d products x %,d locations, %s .. "
                + "%s; targets at %s, %d weeks replayed; client %s%n", seed, products, locations, start, last,
                cutoff, holdoutWeeks, t.code());
        try (bench) {
            long t0 = System.nanoTime();
            GroundTruth gt = new GroundTruth(new GeneratorConfig(t.code(), start, days, products, locations,
                    Math.max(3, products / 25), seed, "catwing", "none"));
            Map<Integer, Integer> productIds = new HashMap<>();
            Map<Integer, Integer> locationIds = new HashMap<>();
            BenchClient.masters(db, s, gt, start, productIds, locationIds);
            configure(db, s, t.code(), gt, locationIds);
            long rows = truth(db, s, gt, productIds, locationIds);
            BenchClient.history(db, s, cutoff);
            System.out.printf(Locale.ROOT, "world ready in %.0f s: %,d ground-truth rows%n",
                    (System.nanoTime() - t0) / 1e9, rows);
            double behaviors = bench.time(cutoff, "behaviors");
            double forecast = bench.time(cutoff, "forecast");
            double targets = bench.time(cutoff, "inventory_targets");
            long pairs = count(db, "select count(*) from " + s + ".inventory_targets where snapshot_date = '" + cutoff
                    + "'");
            simulationStats(db, s, cutoff);
            double rerun = bench.time(cutoff, "inventory_targets");
            double scoped = scopedRun(db, s, cutoff);
            // The same scoped run without the simulation cache: the product's pairs are simulated again.
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                st.execute("truncate " + s + ".inventory_simulation_cache");
            }
            double scopedCold = scopedRun(db, s, cutoff);
            System.out.printf(Locale.ROOT, "step behaviors %.2f s, forecast %.2f s, inventory_targets %.2f s for %,d "
                    + "targets (%.2f x behaviors; up to %d paths x 56 days simulated); re-run with unchanged inputs "
                    + "%.2f s (%.2f x behaviors); scoped recompute of one product %.3f s (1/%.0f of the full step), "
                    + "%.3f s without the simulation cache (1/%.0f)%n", behaviors, forecast, targets, pairs,
                    targets / behaviors, paths, rerun, rerun / behaviors, scoped, targets / scoped, scopedCold,
                    targets / scopedCold);
            pairsTable(db, s, cutoff);
            replay(db, s, cutoff);
            calibrate(db, s, cutoff);
        }
        return 0;
    }

    /** Stores and the webshop are supplied by their parent (transfers); the client's review cycle and paths. */
    private void configure(Database db, String s, String code, GroundTruth gt, Map<Integer, Integer> locationIds)
            throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            for (int l = 0; l < gt.locations(); l++) {
                int parent = gt.parentLocation(l);
                if (parent >= 0) {
                    st.executeUpdate("update " + s + ".locations set parent_location_id = " + locationIds.get(parent)
                            + " where id = " + locationIds.get(l));
                }
            }
            st.executeUpdate("update cw_global.clients set settings = coalesce(settings, '{}') || jsonb_build_object("
                    + "'planning', jsonb_build_object('review_cycle_days', " + reviewDays + "), 'inventory_targets', "
                    + "jsonb_build_object('simulation_paths', " + paths + ")) where code = '" + code + "'");
        }
    }

    /** The ground truth with sales and the retailer's s and S of each day, into the unlogged table bench_truth. */
    private static long truth(Database db, String s, GroundTruth gt, Map<Integer, Integer> productIds,
                              Map<Integer, Integer> locationIds) throws SQLException {
        long[] rows = new long[1];
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("create unlogged table " + s + ".bench_truth (product_id integer not null, location_id "
                    + "integer not null, demand_date date not null, demand integer not null, mean float8 not null, "
                    + "sales integer not null, reorder_point integer not null, order_up_to integer not null, "
                    + "discount float8 not null default 0)");
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + s + ".bench_truth from stdin");
            StringBuilder sb = new StringBuilder(1 << 16);
            LocalDate first = gt.start();
            gt.run((date, n, product, location, demand, sales, mean) -> {
                String day = date.toString();
                int d = (int) (date.toEpochDay() - first.toEpochDay());
                for (int i = 0; i < n; i++) {
                    sb.append(productIds.get(product[i])).append('\t').append(locationIds.get(location[i]))
                            .append('\t').append(day).append('\t').append(demand[i]).append('\t').append(mean[i])
                            .append('\t').append(sales[i]).append('\t')
                            .append(gt.reorderPoint(product[i], location[i])).append('\t')
                            .append(gt.orderUpTo(product[i], location[i])).append('\t')
                            .append(gt.promoDiscount(product[i], d)).append('\n');
                    if (sb.length() > (1 << 16) - 200) {
                        BenchClient.flush(copy, sb);
                    }
                }
                rows[0] += n;
            });
            BenchClient.flush(copy, sb);
            copy.endCopy();
            st.execute("create index on " + s + ".bench_truth (product_id, location_id, demand_date)");
            st.execute("analyze " + s + ".bench_truth");
        }
        return rows[0];
    }

    private static double scopedRun(Database db, String s, LocalDate day) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            String product;
            try (ResultSet rs = st.executeQuery("select products.erp_id from " + s + ".inventory_targets inner join "
                    + s + ".products on products.id = inventory_targets.product_id where snapshot_date = '" + day
                    + "' and zero_reason is null order by products.erp_id limit 1")) {
                if (!rs.next()) {
                    return Double.NaN;
                }
                product = rs.getString(1);
            }
            long t0 = System.nanoTime();
            st.execute("call " + s + ".step_inventory_targets('" + day + "', '{\"products\": [\"" + product
                    + "\"]}')");
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** Distinct simulated inputs, paths used and the standard error of the simulated fill rate. */
    private static void simulationStats(Database db, String s, LocalDate cutoff) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select count(*) filter (where params.param_name = 'simulation_paths_used'), "
                + "(select count(*) from " + s + ".inventory_simulation_cache), "
                + "avg(params.param_value) filter (where params.param_name = 'simulation_paths_used'), "
                + "percentile_cont(array[0.5, 0.9, 0.99]) within group (order by params.param_value) filter (where "
                + "params.param_name = 'fill_rate_simulated_se') from " + s + ".inventory_target_params as params "
                + "inner join " + s + ".inventory_targets as targets on targets.id = params.inventory_target_id "
                + "where targets.snapshot_date = '" + cutoff + "'")) {
            rs.next();
            Double[] se = (Double[]) rs.getArray(4).getArray();
            System.out.printf(Locale.ROOT, "simulation: %,d pairs simulated as %,d distinct inputs, %.1f paths on "
                    + "average; standard error of the simulated fill rate p50 %.2f, p90 %.2f, p99 %.2f points%n",
                    rs.getLong(1), rs.getLong(2), rs.getDouble(3), 100 * se[0], 100 * se[1], 100 * se[2]);
        }
    }

    private static long count(Database db, String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * bench_pairs: every store and webshop pair with a non-zero target of ours, and the three policies. Min/max
     * (Odoo's reordering rule as a planner sets it from sales): a = mean daily sales of the 28 days up to the cut-off,
     * min = ceil(a L), max = min + ceil(a R); order when on hand + on order <= min, up to max in multiples of the pack.
     */
    private void pairsTable(Database db, String s, LocalDate cutoff) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("create table " + s + ".bench_pairs as "
                    + "with ours as (select targets.product_id, targets.location_id, targets.reorder_point, "
                    + "targets.target_stock, targets.fill_rate_simulated, locations.parent_location_id, "
                    + "(select jsonb_object_agg(params.param_name, params.param_value) from " + s
                    + ".inventory_target_params as params where params.inventory_target_id = targets.id) as params "
                    + "from " + s + ".inventory_targets as targets inner join " + s + ".locations on locations.id = "
                    + "targets.location_id inner join " + s + ".products on products.id = targets.product_id "
                    + "where targets.snapshot_date = '" + cutoff + "' and targets.zero_reason is null and "
                    + "locations.echelon = 1 and not products.is_dropship), "
                    + "sold as (select truth.product_id, truth.location_id, sum(truth.sales)::float8 / 28 as "
                    + "sales_per_day from " + s + ".bench_truth as truth where truth.demand_date > '" + cutoff
                    + "'::date - 28 and truth.demand_date <= '" + cutoff + "' group by 1, 2), "
                    + "generator as (select truth.product_id, truth.location_id, truth.reorder_point, truth.order_up_to "
                    + "from " + s + ".bench_truth as truth where truth.demand_date = '" + cutoff + "'::date + 1) "
                    + "select ours.product_id, ours.location_id, ours.reorder_point::float8 as ours_s, "
                    + "ours.target_stock::float8 as ours_big_s, ours.fill_rate_simulated::float8 as ours_fill_simulated, "
                    + "(ours.params ->> 'pack_size_qty')::float8 as pack_size_qty, "
                    + "(ours.params ->> 'demand_per_day')::float8 as demand_per_day, "
                    + "(ours.params ->> 'demand_sd_per_day')::float8 as demand_sd_per_day, "
                    + "ceil(coalesce(sold.sales_per_day, 0) * " + LEAD_TIME_DAYS + ") as min_qty, "
                    + "ceil(coalesce(sold.sales_per_day, 0) * " + LEAD_TIME_DAYS + ") + ceil(coalesce(sold.sales_per_day, "
                    + "0) * " + reviewDays + ") as max_qty, "
                    + "generator.reorder_point::float8 as generator_s, generator.order_up_to::float8 as generator_big_s, "
                    + "products.cost::float8 as cost, "
                    // The supplying location's simulated fill rate and lead time (step 8's upstream supply model).
                    + "upper_targets.fill_rate_simulated::float8 as supply_fill_rate, "
                    + "ceil((select params.param_value from " + s + ".inventory_target_params as params where "
                    + "params.inventory_target_id = upper_targets.id and params.param_name = 'lead_time_days'))"
                    + "::integer as supply_delay_days "
                    + "from ours inner join generator using (product_id, location_id) "
                    + "inner join " + s + ".products on products.id = ours.product_id "
                    + "left join sold using (product_id, location_id) "
                    + "left join " + s + ".inventory_targets as upper_targets on upper_targets.snapshot_date = '"
                    + cutoff + "' and upper_targets.product_id = ours.product_id and upper_targets.location_id = "
                    + "ours.parent_location_id and upper_targets.zero_reason is null");
            st.execute("analyze " + s + ".bench_pairs");
        }
    }

    /** Replays the held-out ground-truth demand under each policy through inventory_policy_simulate. */
    private void replay(Database db, String s, LocalDate cutoff) throws SQLException {
        int horizon = 7 * holdoutWeeks;
        String[][] policies = {
            {"ours (step 8)", "ours_s", "ours_big_s", "pack_size_qty"},
            {"min/max (Odoo-style)", "min_qty", "max_qty", "pack_size_qty"},
            {"generator (s, S)", "generator_s", "generator_big_s", "1"},
        };
        System.out.printf(Locale.ROOT, "replay of %d held-out days (first %d warm-up) of ground-truth demand, lead "
                + "time %.1f +- %.1f days, daily review, lost sales:%n", horizon, WARMUP_DAYS, LEAD_TIME_DAYS,
                LEAD_TIME_SD_DAYS);
        System.out.printf(Locale.ROOT, "%-22s %7s %9s %12s %11s %12s %8s%n", "policy", "pairs", "fill rate",
                "cycle SL", "avg stock", "stock value", "SO days");
        for (String[] p : policies) {
            try (Connection c = db.connect(); Statement st = c.createStatement()) {
                c.setAutoCommit(false);
                st.execute("set local search_path = " + s + ", cw_global, pg_catalog");
                st.execute("create temp table inventory_simulation_input on commit drop as select product_id, "
                        + "location_id, " + p[1] + " as reorder_point, " + p[2] + " as order_up_to, 1 as review_days, "
                        + LEAD_TIME_DAYS + "::float8 as lead_time_days, " + LEAD_TIME_SD_DAYS
                        + "::float8 as lead_time_sd_days, " + p[3] + " as pack_size_qty, 0::float8 as moq_qty, "
                        + "demand_per_day, demand_sd_per_day, " + WARMUP_DAYS + " as warmup_days, null::float8 as "
                        + "on_hand_start from bench_pairs");
                st.execute("create temp table inventory_simulation_demand on commit drop as select truth.product_id, "
                        + "truth.location_id, truth.demand_date - '" + cutoff + "'::date as day_no, truth.mean as "
                        + "mean_qty, truth.demand::float8 as actual_qty from bench_truth as truth inner join "
                        + "bench_pairs using (product_id, location_id) where truth.demand_date > '" + cutoff
                        + "' and truth.demand_date <= '" + cutoff + "'::date + " + horizon);
                st.execute("create index on inventory_simulation_demand (day_no)");
                st.execute("call inventory_policy_simulate(0, " + horizon + ", " + seed + ")");
                try (ResultSet rs = st.executeQuery("select count(*), sum(results.served_qty) / sum(results.demand_qty), "
                        + "1 - sum(results.stockout_cycles)::float8 / nullif(sum(results.cycles), 0), "
                        + "sum(results.avg_on_hand_qty), sum(results.avg_on_hand_qty * bench_pairs.cost), "
                        + "avg(results.stockout_days) from inventory_simulation_results as results inner join "
                        + "bench_pairs using (product_id, location_id)")) {
                    rs.next();
                    System.out.printf(Locale.ROOT, "%-22s %,7d %8.2f%% %11.2f%% %11.0f %12.0f %8.2f%n", p[0],
                            rs.getLong(1), 100 * rs.getDouble(2), 100 * rs.getDouble(3), rs.getDouble(4),
                            rs.getDouble(5), rs.getDouble(6));
                }
                c.commit();
            }
        }
        System.out.println("avg stock: units on hand at day end, summed over pairs; stock value: the same at cost (EUR); "
                + "SO days: days ending with nothing on hand, per pair, over the measured days");
    }

    /**
     * The per-pair mean absolute difference a perfectly calibrated simulation would still show: the achieved fill rate
     * is ONE realisation of the held-out days, so it differs from the policy's expected fill rate by that realisation's
     * own noise. Measured on the simulation just run (its paths are realisations of the same days under the same
     * model): each path's fill rate against the estimate of the pair's other paths, |path k - the rest|, averaged over
     * the paths of a pair and then over the pairs the calibration compares (achieved demand above 0).
     */
    private void noiseFloor(Statement st, LocalDate cutoff, int horizon) throws SQLException {
        try (ResultSet rs = st.executeQuery("with achieved as (select truth.product_id, truth.location_id, "
                + "sum(truth.demand)::float8 as demand from bench_truth as truth inner join bench_pairs using "
                + "(product_id, location_id) where truth.demand_date > '" + cutoff + "'::date + " + WARMUP_DAYS
                + " and truth.demand_date <= '" + cutoff + "'::date + " + horizon + " group by 1, 2 having "
                + "sum(truth.demand) > 0), paths as (select keys.simulation_key, path.served_qty, path.demand_qty, "
                + "sum(path.served_qty) over (partition by path.key_no) as key_served, sum(path.demand_qty) over "
                + "(partition by path.key_no) as key_demand from inventory_simulation_path_results as path inner join "
                + "inventory_simulation_keys as keys on keys.key_no = path.key_no), per_key as (select "
                + "paths.simulation_key, avg(abs(paths.served_qty / paths.demand_qty - (paths.key_served - "
                + "paths.served_qty) / (paths.key_demand - paths.demand_qty))) as abs_diff from paths where "
                + "paths.demand_qty > 0 and paths.key_demand > paths.demand_qty group by paths.simulation_key) "
                + "select count(*), avg(per_key.abs_diff), sum(per_key.abs_diff * achieved.demand) / "
                + "sum(achieved.demand) from achieved inner join inventory_simulation_pairs as pairs using "
                + "(product_id, location_id) inner join per_key using (simulation_key)")) {
            rs.next();
            System.out.printf(Locale.ROOT, "  noise floor over %,d pairs: one %d-day realisation of the same model "
                    + "against its other paths' estimate differs by %.2f points per pair on average (demand-weighted "
                    + "%.2f): the mean absolute difference a perfectly calibrated simulation would show%n",
                    rs.getLong(1), horizon - WARMUP_DAYS, 100 * rs.getDouble(2), 100 * rs.getDouble(3));
        }
    }

    /**
     * Calibration: the generator's (s, S) simulated against demand paths drawn from the forecast (the step's own
     * simulation, its settings' paths) against the fill rate the generator's retailer achieved in the same days
     * (ground-truth sales / demand), per pair and in total.
     */
    private void calibrate(Database db, String s, LocalDate cutoff) throws SQLException {
        int horizon = 7 * holdoutWeeks;
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("set local search_path = " + s + ", cw_global, pg_catalog");
            st.execute("create temp table inventory_simulation_input on commit drop as select product_id, "
                    + "location_id, generator_s as reorder_point, generator_big_s as order_up_to, 1 as review_days, "
                    + LEAD_TIME_DAYS + "::float8 as lead_time_days, " + LEAD_TIME_SD_DAYS + "::float8 as "
                    + "lead_time_sd_days, 1::float8 as pack_size_qty, 0::float8 as moq_qty, demand_per_day, "
                    + "demand_sd_per_day, " + WARMUP_DAYS + " as warmup_days, null::float8 as on_hand_start "
                    + "from bench_pairs");
            st.execute("create temp table inventory_simulation_demand on commit drop as "
                    + "select input.product_id, input.location_id, days.day_no, coalesce(forecast.predicted_qty::float8 "
                    + "* coalesce(series.weekday_shares[extract(isodow from active.forecast_date + days.day_no)::integer]"
                    + "::float8, 1.0 / 7), input.demand_per_day) as mean_qty, null::float8 as actual_qty "
                    + "from inventory_simulation_input as input cross join active_demand_forecast as active "
                    + "cross join generate_series(1, " + horizon + ") as days (day_no) "
                    + "left join demand_forecast_products as forecast on forecast.demand_forecast_id = active.id "
                    + "and forecast.forecast_date = active.forecast_date and forecast.product_id = input.product_id "
                    + "and forecast.location_id = input.location_id and forecast.horizon_days = 7 * ceil(days.day_no "
                    + "/ 7.0)::integer left join demand_forecast_series as series on series.demand_forecast_id = "
                    + "active.id and series.forecast_date = active.forecast_date and series.product_id = "
                    + "input.product_id and series.location_id = input.location_id");
            st.execute("create index on inventory_simulation_demand (day_no)");
            // As step 8 simulates a store, then at store level only (every order shipped in full; the gap below):
            // its supplying location ships at once with the probability of its simulated fill rate, else its lead
            // time later (docs/inventory.md, "Upstream supply").
            for (boolean supply : new boolean[] {true, false}) {
                st.execute("drop table if exists inventory_simulation_supply");
                st.execute("create temp table inventory_simulation_supply on commit drop as select product_id, "
                        + "location_id, " + (supply ? "supply_fill_rate" : "null::float8") + " as supply_fill_rate, "
                        + "supply_delay_days from bench_pairs");
                long t0 = System.nanoTime();
                // Keyed as step 8 keys it (the scale-free key of its settings): the calibration measures the step's
                // simulation, key error included.
                st.execute("call inventory_policy_simulate(" + paths + ", " + horizon + ", " + seed + ", null, null, "
                        + "null, null, (settings('inventory_targets') ->> 'simulation_scale_free_demand_qty')"
                        + "::float8)");
                double seconds = (System.nanoTime() - t0) / 1e9;
                try (ResultSet rs = st.executeQuery("with achieved as (select truth.product_id, truth.location_id, "
                        + "sum(truth.sales)::float8 as sales, sum(truth.demand)::float8 as demand from bench_truth as "
                        + "truth inner join bench_pairs using (product_id, location_id) where truth.demand_date > '"
                        + cutoff + "'::date + " + WARMUP_DAYS + " and truth.demand_date <= '" + cutoff + "'::date + "
                        + horizon + " group by 1, 2) select count(*), sum(achieved.sales) / sum(achieved.demand), "
                        + "sum(results.fill_rate * achieved.demand) / sum(achieved.demand), "
                        + "avg(results.fill_rate - achieved.sales / achieved.demand), "
                        + "avg(abs(results.fill_rate - achieved.sales / achieved.demand)), "
                        + "sum(abs(results.fill_rate - achieved.sales / achieved.demand) * achieved.demand) "
                        + "/ sum(achieved.demand) from inventory_simulation_results as results inner join achieved "
                        + "using (product_id, location_id) where achieved.demand > 0 and results.fill_rate is not "
                        + "null")) {
                    rs.next();
                    System.out.printf(Locale.ROOT, "calibration%s over %,d pairs with demand (%d paths, %.1f s): the "
                            + "generator's (s, S) achieved a fill rate of %.2f%%; simulated from the forecast %.2f%% "
                            + "(demand-weighted); mean per-pair difference %+.2f points, mean absolute %.2f points "
                            + "(demand-weighted %.2f)%n", supply ? " with the upstream supply model"
                            : " (store level, full supply)", rs.getLong(1), paths, seconds, 100 * rs.getDouble(2),
                            100 * rs.getDouble(3), 100 * rs.getDouble(4), 100 * rs.getDouble(5),
                            100 * rs.getDouble(6));
                }
                noiseFloor(st, cutoff, horizon);
            }
            // Where the gap comes from: the same policy replayed on the TRUE demand of the held-out days (no draws)
            // separates the store-level simulation's own error (drawn - replayed: forecast distribution and
            // Monte-Carlo noise) from what a store-level simulation cannot see (replayed - achieved: DC shortages,
            // quality holds, the generator's s and S recomputed every 28 days).
            st.execute("create temp table calibration_drawn on commit drop as select product_id, location_id, "
                    + "fill_rate from inventory_simulation_results");
            st.execute("drop table inventory_simulation_demand");
            st.execute("drop table inventory_simulation_supply");
            st.execute("create temp table inventory_simulation_demand on commit drop as select truth.product_id, "
                    + "truth.location_id, truth.demand_date - '" + cutoff + "'::date as day_no, truth.mean as "
                    + "mean_qty, truth.demand::float8 as actual_qty from bench_truth as truth inner join bench_pairs "
                    + "using (product_id, location_id) where truth.demand_date > '" + cutoff + "' and "
                    + "truth.demand_date <= '" + cutoff + "'::date + " + horizon);
            st.execute("call inventory_policy_simulate(0, " + horizon + ", " + seed + ")");
            try (ResultSet rs = st.executeQuery("with achieved as (select truth.product_id, truth.location_id, "
                    + "sum(truth.sales)::float8 / sum(truth.demand) as fill_rate from bench_truth as truth "
                    + "inner join bench_pairs using (product_id, location_id) where truth.demand_date > '" + cutoff
                    + "'::date + " + WARMUP_DAYS + " and truth.demand_date <= '" + cutoff + "'::date + " + horizon
                    + " group by 1, 2 having sum(truth.demand) > 0) select "
                    + "avg(drawn.fill_rate - replayed.fill_rate), avg(abs(drawn.fill_rate - replayed.fill_rate)), "
                    + "avg(replayed.fill_rate - achieved.fill_rate), avg(abs(replayed.fill_rate - achieved.fill_rate)) "
                    + "from achieved inner join inventory_simulation_results as replayed using (product_id, "
                    + "location_id) inner join calibration_drawn as drawn using (product_id, location_id) "
                    + "where drawn.fill_rate is not null and replayed.fill_rate is not null")) {
                rs.next();
                System.out.printf(Locale.ROOT, "calibration gap per pair: simulated from the forecast - replayed on "
                        + "the true demand %+.2f points (mean absolute %.2f: forecast distribution and Monte-Carlo "
                        + "noise); replayed on the true demand - achieved %+.2f points (mean absolute %.2f: supply the "
                        + "store-level simulation does not see)%n", 100 * rs.getDouble(1), 100 * rs.getDouble(2),
                        100 * rs.getDouble(3), 100 * rs.getDouble(4));
            }
            c.commit();
        }
    }
}
