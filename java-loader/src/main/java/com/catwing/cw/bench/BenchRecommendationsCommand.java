package com.catwing.cw.bench;

import com.catwing.cw.CwException;
import com.catwing.cw.generate.Generator;
import com.catwing.cw.generate.GeneratorConfig;
import com.catwing.cw.generate.GroundTruth;
import com.catwing.cw.generate.Sink;
import com.catwing.cw.load.RawLoader;
import com.catwing.cw.s3.S3Store;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code cw bench recommendations}: the quality of steps 9–11's advice on a generated world run through the real
 * pipeline (generator → S3 → load), against the generator's ground truth. The history days run steps 1–4 (step 5 once
 * at their end: its first run computes every date); then each evaluated day runs steps 1–5 and 9–11 (and every {@code
 * --full-every} days also 6–8 before them), one day at a time, so each day's recommendations see only what was loaded
 * up to that day. The world is simulated further than it is loaded ({@code --tail-days}), so that a recommendation's
 * lead time can be judged against demand the pipeline never saw. Counts (exact definitions: docs/recommendations.md,
 * "Quality of the advice"): stockouts a recommendation pending at least one lead time earlier would have prevented,
 * recommendations that were not needed, the recommended order value against the generator's own orders of the same
 * days, and steps 9, 10 and 11 timed next to step 6.
 */
@Command(name = "recommendations", mixinStandardHelpOptions = true,
        description = {"Benchmark steps 9-11 (assortment, PO and TO recommendations) day by day on a generated world: "
                + "stockouts prevented, unneeded recommendations, order value against the generator's own orders, "
                + "step times next to behaviors.", "Creates (and afterwards drops) the bench client; generates its ERP "
                + "data into S3."})
public final class BenchRecommendationsCommand implements Callable<Integer> {
    @Option(names = "--client", defaultValue = "CW-900403",
            description = "throw-away client (default ${DEFAULT-VALUE})")
    String client;
    @Option(names = "--products", defaultValue = "300", description = "products (default ${DEFAULT-VALUE})")
    int products;
    @Option(names = "--locations", defaultValue = "8", description = "locations incl. warehouse, DC and webshop "
            + "(default ${DEFAULT-VALUE})")
    int locations;
    @Option(names = "--history-days", defaultValue = "63", description = "days loaded before the evaluated period "
            + "(steps 1-4, step 5 once at their end; default ${DEFAULT-VALUE})")
    int historyDays;
    @Option(names = "--eval-days", defaultValue = "14", description = "days run one at a time through steps 1-11 and "
            + "evaluated (default ${DEFAULT-VALUE})")
    int evalDays;
    @Option(names = "--tail-days", defaultValue = "14", description = "days simulated after the evaluated period for "
            + "the ground truth only, to judge the lead times of its last recommendations (default ${DEFAULT-VALUE})")
    int tailDays;
    @Option(names = "--full-every", defaultValue = "7", description = "run steps 6-8 (behaviors, forecast, "
            + "inventory_targets) every this many evaluated days, from the first (default ${DEFAULT-VALUE}: weekly)")
    int fullEvery;
    @Option(names = "--paths", defaultValue = "10", description = "step 8's simulated demand paths "
            + "(inventory_targets.simulation_paths; default ${DEFAULT-VALUE})")
    int paths;
    @Option(names = "--window-days", defaultValue = "7", description = "a stockout on day t counts as preventable by "
            + "a recommendation dated within this many days before t - lead time (default ${DEFAULT-VALUE})")
    int windowDays;
    @Option(names = "--seed", defaultValue = "7", description = "generator seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--start", defaultValue = "2024-01-01", description = "first simulated day (default "
            + "${DEFAULT-VALUE})")
    LocalDate start;
    @Option(names = "--keep", description = "keep the bench client afterwards")
    boolean keep;

    @Override
    public Integer call() throws Exception {
        if (products < 10 || locations < 4 || historyDays < 28 || evalDays < 1 || tailDays < 0 || fullEvery < 1
                || paths < 0 || windowDays < 1) {
            throw new CwException("invalid bench size: --products >= 10, --locations >= 4, --history-days >= 28, "
                    + "--eval-days >= 1, --tail-days >= 0, --full-every >= 1, --paths >= 0, --window-days >= 1", 2);
        }
        LocalDate firstEval = start.plusDays(historyDays);
        LocalDate lastEval = firstEval.plusDays(evalDays - 1);
        int suppliers = Math.max(3, products / 25);
        BenchClient bench = BenchClient.create(client, "recommendations benchmark", keep);
        String s = bench.schema;
        System.out.printf(Locale.ROOT, "bench recommendations: generated world seed %d, %,d products x %,d locations; "
                + "history %s .. %s (steps 1-4, step 5 once), evaluated %s .. %s (steps 1-11, 6-8 every %d days), "
                + "ground truth to %s; client %s%n", seed, products, locations, start, firstEval.minusDays(1), firstEval,
                lastEval, fullEvery, lastEval.plusDays(tailDays), bench.tenant.code());
        try (bench) {
            long t0 = System.nanoTime();
            // One world for the exports and the ground truth: the generator draws its world (store opening and
            // closing days, launches, discontinuations, promotions, master-data events) from the number of days it
            // simulates, so the exports cover the tail too (never loaded) and the truth is simulated from the same
            // configuration. A shorter export configuration is a different world whose truth does not match.
            GeneratorConfig cfg = new GeneratorConfig(bench.tenant.code(), start, historyDays + evalDays + tailDays,
                    products, locations, suppliers, seed, "catwing", "none");
            try (S3Store s3 = S3Store.open()) {
                s3.ensureBucket();
                Generator.Stats st = new Generator(cfg, Sink.s3(s3)).run((done, total, soFar) -> { });
                System.out.printf(Locale.ROOT, "generated %,d records in %d files (%.0f s)%n", st.records, st.files,
                        (System.nanoTime() - t0) / 1e9);
                new RawLoader(bench.db, s3, bench.tenant, new PrintStream(OutputStream.nullOutputStream()))
                        .load(start, lastEval);
                System.out.printf(Locale.ROOT, "raw files loaded (%.0f s)%n", (System.nanoTime() - t0) / 1e9);
            }
            long truthRows = truth(bench, cfg, firstEval);
            System.out.printf(Locale.ROOT, "ground truth of %,d pair-days from %s (%.0f s)%n", truthRows, firstEval,
                    (System.nanoTime() - t0) / 1e9);
            configure(bench);
            long h0 = System.nanoTime();
            // Steps 1-4 per history day; step 5 once at its end (its first run computes every date).
            for (LocalDate d = start; d.isBefore(firstEval); d = d.plusDays(1)) {
                bench.run(d, null, d.equals(firstEval.minusDays(1)) ? "demand_history" : "health");
                if (d.getDayOfMonth() == 1 || d.equals(firstEval.minusDays(1))) {
                    System.out.printf(Locale.ROOT, "  history loaded up to %s (%.0f s)%n", d,
                            (System.nanoTime() - h0) / 1e9);
                }
            }
            long firstRun = maxRunId(bench);
            for (int i = 0; i < evalDays; i++) {
                LocalDate d = firstEval.plusDays(i);
                double load = bench.run(d, null, "demand_history");
                boolean full = i % fullEvery == 0;
                double rest = bench.run(d, full ? "behaviors" : "assortment", "to_recommendations");
                System.out.printf(Locale.ROOT, "  %s: steps 1-5 %.1f s, steps %s-11 %.1f s%n", d, load,
                        full ? "6" : "9", rest);
            }
            report(bench, firstEval, lastEval, firstRun);
        }
        return 0;
    }

    /** Step 8's paths; the bench client is otherwise on its defaults. */
    private void configure(BenchClient bench) throws SQLException {
        try (Connection c = bench.db.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("update cw_global.clients set settings = coalesce(settings, '{}') || jsonb_build_object("
                    + "'inventory_targets', jsonb_build_object('simulation_paths', " + paths + ")) where code = '"
                    + bench.tenant.code() + "'");
        }
    }

    /**
     * The ground truth from the first evaluated day to the end of the tail, into the unlogged table bench_truth_raw
     * (keyed by the ERP ids the generator wrote; resolved by {@link #resolveTruth}): demand and sales of
     * every customer-facing pair open for sales that day. The simulation is the one the raw files came from.
     */
    private static long truth(BenchClient bench, GeneratorConfig cfg, LocalDate from) throws SQLException {
        String s = bench.schema;
        long[] rows = new long[1];
        GroundTruth gt = new GroundTruth(cfg);
        try (Connection c = bench.db.connect(); Statement st = c.createStatement()) {
            st.execute("create unlogged table " + s + ".bench_truth_raw (product_erp_id text not null, "
                    + "location_erp_id text not null, demand_date date not null, demand integer not null, "
                    + "sales integer not null)");
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + s + ".bench_truth_raw from stdin");
            StringBuilder sb = new StringBuilder(1 << 16);
            gt.run((date, n, product, location, demand, sales, mean) -> {
                if (date.isBefore(from)) {
                    return;
                }
                String day = date.toString();
                for (int i = 0; i < n; i++) {
                    sb.append(gt.productKey(product[i])).append('\t').append(gt.locationKey(location[i]))
                            .append('\t').append(day).append('\t').append(demand[i]).append('\t').append(sales[i])
                            .append('\n');
                    if (sb.length() > (1 << 16) - 200) {
                        BenchClient.flush(copy, sb);
                    }
                }
                rows[0] += n;
            });
            BenchClient.flush(copy, sb);
            copy.endCopy();
        }
        return rows[0];
    }

    /**
     * bench_truth: the ground truth with the ids of the products and locations, which exist only once step load has
     * run (hence after the pipeline runs, not when the truth is streamed).
     */
    private static void resolveTruth(Statement st, String s) throws SQLException {
        st.execute("create unlogged table " + s + ".bench_truth as select products.id as product_id, "
                + "locations.id as location_id, raw.demand_date, raw.demand, raw.sales, raw.demand - raw.sales as "
                + "lost from " + s + ".bench_truth_raw as raw inner join " + s + ".products on products.erp_id = "
                + "raw.product_erp_id inner join " + s + ".locations on locations.erp_id = raw.location_erp_id");
        st.execute("create index on " + s + ".bench_truth (product_id, location_id, demand_date)");
        st.execute("analyze " + s + ".bench_truth");
        try (ResultSet rs = st.executeQuery("select (select count(*) from " + s + ".bench_truth_raw), count(*), "
                + "coalesce(sum(lost), 0) from " + s + ".bench_truth")) {
            rs.next();
            System.out.printf(Locale.ROOT, "ground truth: %,d of %,d pair-days matched to loaded products and "
                    + "locations, %,d lost units%n", rs.getLong(2), rs.getLong(1), rs.getLong(3));
        }
    }

    private static long maxRunId(BenchClient bench) throws SQLException {
        try (Connection c = bench.db.connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select coalesce(max(id), 0) from " + bench.schema + ".pipeline_runs")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void report(BenchClient bench, LocalDate firstEval, LocalDate lastEval, long firstRun) throws Exception {
        String s = bench.schema;
        String lastTruth = lastEval.plusDays(tailDays).toString();
        try (Connection c = bench.db.connect(); Statement st = c.createStatement()) {
            st.execute("set search_path = " + s + ", cw_global, pg_catalog");
            st.execute("set jit = off");
            resolveTruth(st, s);
            // Every location with each location at or below it (itself included): an upper echelon's demand is
            // the customer demand of the stores and webshop below it.
            st.execute("create temp table bench_tree as with recursive tree (ancestor_id, location_id) as ("
                    + "select id, id from locations union all select tree.ancestor_id, locations.id from tree "
                    + "inner join locations on locations.parent_location_id = tree.location_id) select * from tree");
            // One row per recommendation line of the evaluated days: PO (step 10) and TO (step 11, at the receiver).
            st.execute("create temp table bench_recs as "
                    + "select 'PO'::text as kind, po.id, po.product_id, po.location_id, po.recommendation_date, "
                    + "ceil(po.lead_time_days)::integer as lead_days, po.inventory_position_qty::float8 as position_qty, "
                    + "po.reorder_point::float8 as reorder_point, po.lead_time_demand_qty::float8 as lead_demand_qty, "
                    + "po.recommended_qty::float8 as qty, (po.recommended_qty * po.unit_cost * fx_factor("
                    + "po.currency_id, po.recommendation_date))::float8 as value_client "
                    + "from po_recommendations as po where po.recommendation_date between '" + firstEval + "' and '"
                    + lastEval + "' union all "
                    + "select 'TO', tr.id, tr.product_id, tr.to_location_id, tr.recommendation_date, "
                    + "ceil(coalesce(tr.transit_days, 2))::integer, tr.to_position_qty::float8, "
                    + "tr.to_reorder_point::float8, (coalesce(tr.demand_per_day, 0) * coalesce(tr.transit_days, 2))"
                    + "::float8, tr.recommended_qty::float8, (tr.recommended_qty * products.cost)::float8 "
                    + "from to_recommendations as tr inner join products on products.id = tr.product_id "
                    + "where tr.recommendation_date between '" + firstEval + "' and '" + lastEval + "'");
            st.execute("analyze bench_recs");

            System.out.println();
            System.out.println("recommendation lines per day (evaluated days):");
            table(st, "select kind, count(*) as lines, count(distinct (product_id, location_id)) as pairs, "
                    + "round(count(*)::numeric / " + evalDays + ", 1) as lines_per_day, "
                    + "round(sum(qty)::numeric) as units, round(sum(value_client)::numeric) as value_eur "
                    + "from bench_recs group by kind order by kind");

            // Late purchase orders (step 10, "Late purchase orders"): lines whose position left overdue orders out,
            // and those that exist only because of it (with the overdue orders counted there would be no line).
            table(st, "select count(*) as po_lines_with_overdue_orders_left_out, "
                    + "count(distinct (product_id, location_id)) as pairs, round(sum(overdue_qty)) as overdue_units, "
                    + "count(*) filter (where confidence_reasons like '% instead of 0 because %') "
                    + "as lines_only_because_of_them from po_recommendations where overdue_qty > 0 and "
                    + "recommendation_date between '" + firstEval + "' and '" + lastEval + "'");

            // Stockouts: customer-facing pair-days of the evaluated period with lost sales in the ground truth.
            System.out.println();
            System.out.println("stockouts (ground-truth lost sales, evaluated days; 'in time' = a PO/TO recommendation "
                    + "for the pair dated within " + windowDays + " days before t - its lead time):");
            table(st, "with stockouts as (select truth.product_id, truth.location_id, truth.demand_date, truth.lost "
                    + "from bench_truth as truth where truth.lost > 0 and truth.demand_date between '" + firstEval
                    + "' and '" + lastEval + "'), "
                    + "judged as (select stockouts.*, "
                    + "exists (select from bench_recs as recs where recs.product_id = stockouts.product_id and "
                    + "recs.location_id = stockouts.location_id and recs.recommendation_date <= stockouts.demand_date "
                    + "- recs.lead_days and recs.recommendation_date > stockouts.demand_date - recs.lead_days - "
                    + windowDays + ") as in_time, "
                    + "exists (select from bench_recs as recs where recs.product_id = stockouts.product_id and "
                    + "recs.location_id = stockouts.location_id and recs.recommendation_date <= stockouts.demand_date "
                    + "and recs.recommendation_date > stockouts.demand_date - " + windowDays + " - recs.lead_days) "
                    + "as any_rec, "
                    + "stockouts.demand_date >= '" + firstEval + "'::date + 2 as could_be_in_time "
                    + "from stockouts) "
                    + "select case when in_time then 'prevented: recommended in time' when any_rec then "
                    + "'recommended, but less than a lead time before' when not could_be_in_time then 'first 2 days "
                    + "(no earlier recommendation possible)' else 'no recommendation' end as stockout, "
                    + "count(*) as pair_days, sum(lost) as lost_units from judged group by 1 order by 1");

            causes(st, firstEval, lastEval);

            // Unneeded: judged on the truth over the lead time after the recommendation, without its order.
            System.out.println();
            System.out.println("were the recommendations needed? (lead-time window (d, d + L] within the ground truth "
                    + "up to " + lastTruth + "):");
            table(st, "with windowed as (select recs.*, "
                    + "(select coalesce(sum(truth.demand), 0) from bench_tree as tree inner join bench_truth as truth "
                    + "on truth.location_id = tree.location_id where tree.ancestor_id = recs.location_id and "
                    + "truth.product_id = recs.product_id and truth.demand_date > recs.recommendation_date and "
                    + "truth.demand_date <= recs.recommendation_date + recs.lead_days) as true_demand, "
                    + "(select coalesce(sum(truth.lost), 0) from bench_tree as tree inner join bench_truth as truth "
                    + "on truth.location_id = tree.location_id where tree.ancestor_id = recs.location_id and "
                    + "truth.product_id = recs.product_id and truth.demand_date > recs.recommendation_date and "
                    + "truth.demand_date <= recs.recommendation_date + recs.lead_days) as true_lost "
                    + "from bench_recs as recs where recs.recommendation_date + recs.lead_days <= '" + lastTruth
                    + "'), "
                    + "classified as (select kind, case when true_lost > 0 then 'needed: stockout in the lead time' "
                    + "when position_qty - true_demand < 0 then 'needed: position without the order runs out' "
                    + "when position_qty - true_demand < coalesce(reorder_point - lead_demand_qty, 0) "
                    + "then 'needed: safety stock would be cut into' "
                    + "else 'not needed: safety stock kept without it' end as verdict from windowed) "
                    + "select kind, verdict, count(*) as lines, round(100.0 * count(*) / sum(count(*)) over "
                    + "(partition by kind), 1) as pct from classified group by 1, 2 order by 1, 2");
            table(st, "select kind, count(*) as lines_not_judged_lead_time_beyond_truth from bench_recs where "
                    + "recommendation_date + lead_days > '" + lastTruth + "' group by 1 order by 1");

            // Order value: the recommended PO value against the generator's own POs of the same days.
            System.out.println();
            System.out.println("order value, evaluated days (client currency EUR; recommendations are not executed: "
                    + "the world follows the generator's own orders, and a line repeats while a pair stays below its "
                    + "reorder point):");
            table(st, "with ours as (select recommendation_date as day, sum(value_client) as value, count(*) as lines "
                    + "from bench_recs where kind = 'PO' group by 1), "
                    + "ours_first as (select sum(value_client) as value, count(*) as lines from bench_recs as recs "
                    + "where kind = 'PO' and not exists (select from bench_recs as earlier where earlier.kind = 'PO' "
                    + "and earlier.product_id = recs.product_id and earlier.location_id = recs.location_id and "
                    + "earlier.recommendation_date = recs.recommendation_date - 1)), "
                    + "generator as (select sum(lines.qty_ordered * lines.unit_cost) as value, count(*) as lines from "
                    + "purchase_orders as orders inner join purchase_order_lines as lines on lines.purchase_order_id "
                    + "= orders.id where orders.order_date between '" + firstEval + "' and '" + lastEval + "') "
                    + "select 'PO recommendations (every day''s proposal)' as what, round(sum(ours.value)::numeric) "
                    + "as value, sum(ours.lines) as lines from ours union all "
                    + "select 'PO recommendations (first day of each run of days)', round(value::numeric), lines "
                    + "from ours_first union all "
                    + "select 'generator''s own purchase orders', round(value::numeric), lines from generator");
            table(st, "select 'TO recommendations (units)' as what, round(sum(qty)::numeric) as units, count(*) as "
                    + "lines from bench_recs where kind = 'TO' union all select 'generator''s own transfers (units "
                    + "shipped)', round(sum(lines.qty_shipped)::numeric), count(*) from transfer_orders as orders "
                    + "inner join transfer_order_lines as lines on lines.transfer_order_id = orders.id where "
                    + "orders.ship_date between '" + firstEval + "' and '" + lastEval + "'");

            System.out.println();
            // Step 8's targets of the last evaluated day by location type: what the advice orders up to, the
            // locations an upper echelon pools, and the stock the generator's own policy held there that day.
            System.out.println("inventory targets in force on " + lastEval + " by location type (value at cost, EUR; "
                    + "pooled = stores and webshops below an upper echelon in the supply tree):");
            table(st, "with latest as (select max(snapshot_date) as snapshot_date from inventory_targets "
                    + "where snapshot_date <= '" + lastEval + "'), "
                    + "targets as (select locations.echelon, locations.location_type, targets.target_stock, "
                    + "targets.safety_stock, products.cost, targets.zero_reason, "
                    + "(select param_value from inventory_target_params as params where params.inventory_target_id "
                    + "= targets.id and params.param_name = 'store_count') as pooled, "
                    + "(select param_value from inventory_target_params as params where params.inventory_target_id "
                    + "= targets.id and params.param_name = 'protection_days') as protection_days "
                    + "from inventory_targets as targets inner join latest using (snapshot_date) "
                    + "inner join locations on locations.id = targets.location_id "
                    + "inner join products on products.id = targets.product_id), "
                    + "stock as (select locations.location_type, sum(balances.qty_all * products.cost) as value "
                    + "from inventory_as_of('" + lastEval + "') as balances "
                    + "inner join locations on locations.id = balances.location_id "
                    + "inner join products on products.id = balances.product_id group by 1) "
                    + "select targets.location_type, count(*) filter (where targets.zero_reason is null) as targets, "
                    + "round(sum(targets.target_stock * targets.cost)) as target_value, "
                    + "round(sum(targets.safety_stock * targets.cost)) as safety_value, "
                    + "round(avg(targets.pooled)::numeric, 1) as avg_pooled, "
                    + "round(avg(targets.protection_days)::numeric, 1) as avg_protection_days, "
                    + "round(max(stock.value)) as generator_stock_value "
                    + "from targets left join stock on stock.location_type = targets.location_type "
                    + "group by targets.echelon, targets.location_type order by targets.echelon desc, 1");

            System.out.println();
            System.out.println("step times over the evaluated days (seconds; step 6 only on the days it ran):");
            table(st, "select step_name, count(*) as runs, round(avg(extract(epoch from finished_at - started_at))"
                    + "::numeric, 2) as avg_s, round(max(extract(epoch from finished_at - started_at))::numeric, 2) "
                    + "as max_s from pipeline_step_runs where pipeline_run_id > " + firstRun + " and step_name in "
                    + "('behaviors', 'forecast', 'inventory_targets', 'assortment', 'po_recommendations', "
                    + "'to_recommendations') and status = 'succeeded' group by step_no, step_name order by step_no");
            table(st, "with per_run as (select pipeline_run_id, sum(extract(epoch from finished_at - started_at)) "
                    + "filter (where step_name = 'behaviors') as behaviors, sum(extract(epoch from finished_at - "
                    + "started_at)) filter (where step_name in ('assortment', 'po_recommendations', "
                    + "'to_recommendations')) as steps_9_11 from pipeline_step_runs where pipeline_run_id > "
                    + firstRun + " group by 1) select count(*) as runs_with_behaviors, round(avg(behaviors)::numeric, 2) "
                    + "as behaviors_s, round(avg(steps_9_11)::numeric, 2) as steps_9_11_s, round((avg(steps_9_11) / "
                    + "nullif(avg(behaviors), 0))::numeric, 2) as ratio from per_run where behaviors is not null");
        }
    }

    /**
     * Why a stockout of the evaluated days (after the first two) had no recommendation at all: the pipeline's own view
     * of the pair two days (the default transfer lead time) before it, from step 8's targets in force that day and
     * steps 11 and 10's computations run again for that day and product (they read stock, transfers and orders as
     * of the date). One cause per stockout pair-day, first match: no target row, a zero target (its reason), the
     * position above the reorder point, a source with nothing to spare, no supply lane.
     */
    private void causes(Statement st, LocalDate firstEval, LocalDate lastEval) throws SQLException {
        st.execute("create temp table bench_causes (product_id integer, location_id integer, demand_date date, "
                + "lost integer, cause text)");
        st.execute("do $$ declare r record; v_day date; v_target_date date; v_target record; v_pair record; "
                + "v_supply record; v_cause text; begin "
                + "for r in select truth.product_id, truth.location_id, truth.demand_date, truth.lost "
                + "from bench_truth as truth where truth.lost > 0 and truth.demand_date between '" + firstEval
                + "'::date + 2 and '" + lastEval + "' and not exists (select from bench_recs as recs "
                + "where recs.product_id = truth.product_id and recs.location_id = truth.location_id "
                + "and recs.recommendation_date <= truth.demand_date "
                + "and recs.recommendation_date > truth.demand_date - " + windowDays + " - recs.lead_days) loop "
                + "v_day := r.demand_date - 2; "
                + "select max(targets.snapshot_date) into v_target_date from inventory_targets as targets "
                + "where targets.snapshot_date <= v_day; "
                + "select targets.* into v_target from inventory_targets as targets where targets.snapshot_date = "
                + "v_target_date and targets.product_id = r.product_id and targets.location_id = r.location_id; "
                + "if not found then v_cause := 'no target: step 8 has no row for the pair (no forecast of it)'; "
                + "elsif v_target.zero_reason is not null then v_cause := 'zero target: ' || v_target.zero_reason; "
                + "else "
                + "call to_recommendations_compute(v_day, array[r.product_id], null); "
                + "select pairs.* into v_pair from to_recommendation_pairs as pairs where pairs.product_id = "
                + "r.product_id and pairs.location_id = r.location_id; "
                + "if found then "
                + "select supply.* into v_supply from to_recommendation_supply as supply where supply.product_id = "
                + "r.product_id and supply.location_id = r.location_id; "
                + "if v_pair.position_qty > v_pair.reorder_point then v_cause := 'transfer: position above the "
                + "reorder point'; "
                + "elsif coalesce(v_supply.allocated_qty, 0) = 0 then v_cause := 'transfer: at or below the reorder "
                + "point, the source had nothing to spare'; "
                + "else v_cause := 'transfer: recommended that day (not in the window: a later line cancelled it)'; "
                + "end if; "
                + "else "
                + "call po_recommendations_compute(v_day, array[r.product_id], array[r.location_id]); "
                + "if exists (select from po_recommendations_computed) then v_cause := 'purchase: recommended that "
                + "day'; elsif exists (select from po_recommendation_pairs) then v_cause := 'purchase: position "
                + "above the reorder point'; else v_cause := 'no supply lane: neither a transfer source nor a "
                + "direct buyer'; end if; "
                + "end if; end if; "
                + "insert into bench_causes values (r.product_id, r.location_id, r.demand_date, r.lost, v_cause); "
                + "end loop; end $$");
        System.out.println();
        System.out.println("stockouts without any recommendation (after the first 2 days), the pair 2 days before "
                + "(step 8's targets in force, steps 11 and 10 recomputed for that day and product):");
        table(st, "select cause, count(*) as pair_days, sum(lost) as lost_units from bench_causes group by 1 "
                + "order by 2 desc, 1");
    }

    /** Prints a query's result as an aligned table. */
    private static void table(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            java.util.List<String[]> rows = new java.util.ArrayList<>();
            String[] head = new String[n];
            int[] width = new int[n];
            for (int i = 0; i < n; i++) {
                head[i] = md.getColumnLabel(i + 1);
                width[i] = head[i].length();
            }
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    row[i] = String.valueOf(rs.getString(i + 1));
                    width[i] = Math.max(width[i], row[i].length());
                }
                rows.add(row);
            }
            StringBuilder sb = new StringBuilder();
            for (String[] row : java.util.stream.Stream.concat(java.util.stream.Stream.<String[]>of(head),
                    rows.stream()).toList()) {
                for (int i = 0; i < n; i++) {
                    sb.append(i == 0 ? "  " : "  ").append(String.format(Locale.ROOT,
                            i == 0 ? "%-" + width[i] + "s" : "%" + width[i] + "s", row[i]));
                }
                sb.append('\n');
            }
            System.out.print(sb);
        }
    }
}
