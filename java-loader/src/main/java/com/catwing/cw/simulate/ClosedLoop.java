package com.catwing.cw.simulate;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.generate.DailyTruth;
import com.catwing.cw.generate.Generator;
import com.catwing.cw.generate.GeneratorConfig;
import com.catwing.cw.generate.Sink;
import com.catwing.cw.load.RawLoader;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.tenant.Pipeline;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The closed loop of issue 15 point 3 (docs/uplift.md "Closed loop with known truth"): the same generated world twice.
 * <ol>
 *   <li><b>World A</b>, as generated: the retailer's own (s, S) rule for every product; simulated only, for its truth;</li>
 *   <li><b>World B</b>, where the retailer follows the pipeline for a seeded random half of the products: every day is
 *       written to S3, ingested, the pipeline runs, and the day's purchase-order recommendations are read from the
 *       database; the buyer marks those of treated products {@code ordered} (as the UI role) and orders them the next
 *       day; the other half keeps the rule.</li>
 * </ol>
 * Demand is drawn independently of orders, and the generator's other draws are keyed by product and day
 * ({@link Generator#withIndependentDraws()}), so an untreated product has the same history in both worlds and the
 * difference B − A of a treated product is the true effect of following the pipeline. The uplift step, which sees
 * only world B, is then compared with that truth per impact type (closed_loop_compare.sql).
 */
public final class ClosedLoop {

    /** What to run. {@code warmupDays}: days before the buyer starts following (the pipeline needs history). */
    public record Options(String client, LocalDate start, int days, int products, int locations, int suppliers,
                          long seed, int windowDays, int warmupDays, Path outDir, Follow follow) {
        /** The same options, following both sides ({@link Follow#BOTH}, the default). */
        public Options(String client, LocalDate start, int days, int products, int locations, int suppliers,
                       long seed, int windowDays, int warmupDays, Path outDir) {
            this(client, start, days, products, locations, suppliers, seed, windowDays, warmupDays, outDir,
                    Follow.BOTH);
        }

        public Options {
            if (follow == null) {
                throw new CwException("--follow must be po, to or both", 2);
            }
            if (warmupDays < 1 || warmupDays >= days) {
                throw new CwException("--warmup-days must be between 1 and --days - 1, got " + warmupDays, 2);
            }
            if (windowDays < 7 || windowDays > 365) {
                throw new CwException("--window-days must be between 7 and 365 (setting "
                        + "uplift.measurement_window_days), got " + windowDays, 2);
            }
        }

        GeneratorConfig generator() {
            return new GeneratorConfig(client, start, days, products, locations, suppliers, seed, "catwing", "none",
                    true, false, 0);
        }
    }

    /**
     * Which recommendations the buyer of the treated products follows in world B: purchase orders ({@code po}: the
     * warehouse orders what step 10 proposed; transfers keep the generator's rule), transfer orders ({@code to}: the
     * warehouse and the DCs ship what step 11 proposed; purchases keep the rule) or both (the default).
     */
    public enum Follow {
        PO, TO, BOTH;

        boolean purchases() {
            return this != TO;
        }

        boolean transfers() {
            return this != PO;
        }

        /** From the option's text: po, to or both (any case). */
        public static Follow parse(String s) {
            for (Follow f : values()) {
                if (f.name().equalsIgnoreCase(s)) {
                    return f;
                }
            }
            throw new CwException("--follow must be po, to or both, got " + s, 2);
        }
    }

    /**
     * One line of the comparison: a side ({@code po}, {@code to}), an impact type and method, estimated (world B) against the truth (B − A); of the
     * rows with a 95 % interval ({@code intervalN}), the % whose interval holds the truth ({@code coveragePct}) and
     * the % whose interval excludes 0 ({@code conclusivePct}).
     */
    public record Comparison(String side, String impactType, String method, String group, int n, Double meanEstimate,
                             Double meanTruth, Double bias, Double meanAbsError, Double signAgreementPct,
                             int intervalN, Double coveragePct, Double conclusivePct) {
    }

    /**
     * What a run did. {@code transfersFollowed}: transfer recommendations followed (marked ordered);
     * {@code transferUnitsAsked} / {@code transferUnitsShipped}: their units and the units the senders had to ship.
     */
    public record Result(int products, int treated, int gateFailures, int recommendationsFollowed,
                         int transfersFollowed, long transferUnitsAsked, long transferUnitsShipped,
                         double worldASeconds, double worldBSeconds, double pipelineSeconds, double upliftSeconds,
                         double behaviorsSeconds, List<Comparison> comparisons, List<String> productTruth,
                         long untreatedPairDaysDiffering) {
    }

    private final Database db;
    private final Tenant tenant;
    private final PrintStream out;

    public ClosedLoop(Database db, Tenant tenant, PrintStream out) {
        this.db = db;
        this.tenant = tenant;
        this.out = out;
    }

    /**
     * Runs both worlds (world B's raw files into {@code s3}), compares, writes the files of {@code o.outDir()} (when
     * set) and returns the result.
     */
    public Result run(Options o, S3Store s3) throws SQLException, IOException {
        GeneratorConfig cfg = o.generator();
        String schema = tenant.schema();
        setUpClient(o);

        out.printf("== world A (as generated): %d products, %d locations, %d days, seed %d%n", o.products(),
                o.locations(), o.days(), o.seed());
        long t0 = System.nanoTime();
        DailyTruth truthA = new DailyTruth(o.days());
        new Generator(cfg, Sink.discard()).withIndependentDraws().withDailyTruth(truthA).run(null);
        double worldA = (System.nanoTime() - t0) / 1e9;

        boolean[] treated = treatedHalf(o.products(), o.seed());
        int nTreated = 0;
        for (boolean b : treated) {
            nTreated += b ? 1 : 0;
        }
        out.printf("== world B (the buyer follows the pipeline's %s recommendations for %d of %d products from day "
                + "%d): generate, ingest, run the pipeline, read the recommendations, day by day%n",
                o.follow().name().toLowerCase(Locale.ROOT), nTreated, o.products(), o.warmupDays());
        Map<Integer, Integer> toOrder = new ConcurrentHashMap<>();
        List<int[]> toShip = new ArrayList<>();
        Map<String, Integer> locationIndex = new HashMap<>();
        DailyTruth truthB = new DailyTruth(o.days());
        Map<String, Integer> productIndex = new HashMap<>();
        int[] counters = new int[3]; // gate failures, PO recommendations followed, TO recommendations followed
        double[] pipelineSeconds = new double[1];
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Pipeline pipeline = new Pipeline(db, quiet);
        long[] transferUnits = new long[2];
        long t1 = System.nanoTime();
        {
            s3.ensureBucket();
            RawLoader loader = new RawLoader(db, s3, tenant, quiet);
            Generator gen = new Generator(cfg, Sink.s3(s3)).withIndependentDraws().withDailyTruth(truthB);
            if (o.follow().purchases()) {
                gen.withPurchasePolicy((product, day) -> {
                    if (!treated[product] || day < o.warmupDays()) {
                        return -1; // the retailer's own rule
                    }
                    Integer q = toOrder.get(product);
                    return q == null ? 0 : q; // the pipeline's recommendation of yesterday, or nothing
                });
            }
            if (o.follow().transfers()) {
                gen.withTransferPolicy(new Generator.TransferPolicy() {
                    @Override
                    public boolean decides(int product, int day) {
                        return treated[product] && day >= o.warmupDays();
                    }

                    @Override
                    public List<int[]> transfers(int day) {
                        return toShip; // yesterday's recommendations of treated products, shipped this morning
                    }
                });
            }
            gen.withDayListener((day, date) -> {
                if (productIndex.isEmpty()) {
                    for (int p = 0; p < o.products(); p++) {
                        productIndex.put(gen.productKey(p), p);
                    }
                    for (int l = 0; l < gen.locationCount(); l++) {
                        locationIndex.put(gen.locationKey(l), l);
                    }
                }
                long d0 = System.nanoTime();
                loader.load(date, date);
                try {
                    pipeline.run(tenant.code(), date, null, null, null);
                } catch (CwException e) {
                    if (e.exitCode() != 4) {
                        throw e;
                    }
                    counters[0]++; // a stopped day (quality gate): no recommendations that day
                }
                double secs = (System.nanoTime() - d0) / 1e9;
                pipelineSeconds[0] += secs;
                toOrder.clear();
                toShip.clear();
                int recs = 0;
                int followed = 0;
                int[] tf = {0, 0};
                if (day + 1 >= o.warmupDays()) {
                    if (o.follow().purchases()) {
                        int[] rf = followRecommendations(date, treated, productIndex, toOrder);
                        recs = rf[0];
                        followed = rf[1];
                        counters[1] += followed;
                    }
                    if (o.follow().transfers()) {
                        tf = followTransfers(date, treated, productIndex, locationIndex, toShip);
                        counters[2] += tf[1];
                    }
                }
                out.printf(Locale.ROOT, "day %3d/%d %s: pipeline %.1f s, %d PO recommendation(s), %d followed; "
                        + "%d TO recommendation(s), %d followed%n", day + 1, o.days(), date, secs, recs, followed,
                        tf[0], tf[1]);
            });
            Generator.Stats stats = gen.run(null);
            transferUnits[0] = stats.policyTransferAskedQty;
            transferUnits[1] = stats.policyTransferShippedQty;
        }
        double worldB = (System.nanoTime() - t1) / 1e9;
        double upliftSeconds = stepSeconds("uplift");
        double behaviorsSeconds = stepSeconds("behaviors");

        out.println("== truth (B - A) against the uplift step's estimates (world B only)");
        StringWriter csv = new StringWriter();
        truthA.writeCsv(csv, "A", true);
        truthB.writeCsv(csv, "B", false);
        StringWriter pairCsv = new StringWriter();
        truthA.writePairCsv(pairCsv, "A", true);
        truthB.writePairCsv(pairCsv, "B", false);
        List<Comparison> comparisons;
        List<String> productTruth;
        long untreatedDiffering;
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            loadTruth(c, csv.toString(), pairCsv.toString(), treated, truthB, o);
            productTruth = copyOut(c, "select * from closed_loop_product_truth order by product_id");
            comparisons = compare(c);
            untreatedDiffering = untreatedPairDaysDiffering(c);
            if (o.outDir() != null) {
                Files.createDirectories(o.outDir());
                Files.writeString(o.outDir().resolve("truth-daily.csv"), csv.toString());
                Files.writeString(o.outDir().resolve("truth-pairs-daily.csv"), pairCsv.toString());
                Files.write(o.outDir().resolve("truth-products.csv"), productTruth);
                Files.write(o.outDir().resolve("impacts-vs-truth.csv"),
                        copyOut(c, "select * from closed_loop_impacts order by side, impact_type, method, "
                                + "recommendation_id"));
                Files.write(o.outDir().resolve("comparison.csv"),
                        copyOut(c, "select * from closed_loop_comparison"));
            }
            c.rollback();
        }
        return new Result(o.products(), nTreated, counters[0], counters[1], counters[2], transferUnits[0],
                transferUnits[1], worldA, worldB, pipelineSeconds[0],
                upliftSeconds, behaviorsSeconds, comparisons, productTruth, untreatedDiffering);
    }

    /** A seeded random half of the products (exactly ⌊n/2⌋), the same for the same seed. */
    static boolean[] treatedHalf(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom r = new SplittableRandom(seed ^ 0x5EED_C105_ED10_0915L);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        boolean[] treated = new boolean[n];
        for (int i = 0; i < n / 2; i++) {
            treated[order[i]] = true;
        }
        return treated;
    }

    /** The client's settings for a short world: the uplift window; step 8 without its fill-rate simulation. */
    private void setUpClient(Options o) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "call cw_global.set_client_setting(?, ?, ?::jsonb)")) {
            c.setAutoCommit(true);
            ps.setString(1, tenant.code());
            ps.setString(2, "uplift.measurement_window_days");
            ps.setString(3, Integer.toString(o.windowDays()));
            ps.execute();
            // The simulated fill rate of step 8 is a figure for people, not an input of the recommendations; its
            // Monte Carlo is most of a small world's nightly run, so the loop uses the analytic fill rate.
            ps.setString(2, "inventory_targets.simulation_paths");
            ps.setString(3, "0");
            ps.execute();
        }
    }

    /**
     * The buyer's morning: the day's purchase-order recommendations; those of treated products are marked
     * {@code ordered} through the UI role (as the buyer's screen does) and their quantities ordered the next day.
     * Returns {recommendations, followed}.
     */
    private int[] followRecommendations(LocalDate date, boolean[] treated, Map<String, Integer> productIndex,
                                        Map<Integer, Integer> toOrder) {
        String s = tenant.schema();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            List<Long> ids = new ArrayList<>();
            int recs = 0;
            try (PreparedStatement ps = c.prepareStatement("select po_recommendations.id, products.erp_id, "
                    + "ceil(po_recommendations.recommended_qty)::integer from " + s + ".po_recommendations inner join "
                    + s + ".products on po_recommendations.product_id = products.id where "
                    + "po_recommendations.recommendation_date = ? and po_recommendations.recommended_qty > 0 "
                    + "order by po_recommendations.id")) {
                ps.setObject(1, date);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        recs++;
                        Integer p = productIndex.get(rs.getString(2));
                        if (p != null && treated[p]) {
                            ids.add(rs.getLong(1));
                            toOrder.merge(p, rs.getInt(3), Integer::sum);
                        }
                    }
                }
            }
            if (!ids.isEmpty()) {
                try (Statement st = c.createStatement()) {
                    st.execute("set local role " + tenant.uiRole());
                }
                try (PreparedStatement ps = c.prepareStatement("update " + s + ".po_recommendations set "
                        + "po_recommendation_status_id = (select po_recommendation_statuses.id from " + s
                        + ".po_recommendation_statuses where po_recommendation_statuses.name = 'ordered') "
                        + "where po_recommendations.id = any(?)")) {
                    Array arr = c.createArrayOf("bigint", ids.toArray());
                    ps.setArray(1, arr);
                    ps.executeUpdate();
                }
            }
            c.commit();
            return new int[] {recs, ids.size()};
        } catch (SQLException e) {
            throw new CwException("reading or marking the recommendations of " + date + " failed: "
                    + e.getMessage(), 3);
        }
    }

    /**
     * The planner's morning: the day's transfer-order recommendations; those of treated products are marked
     * {@code ordered} through the UI role (the planner's screen's path) and shipped the next morning by the generator's
     * transfer policy ({product, from, to, units} into {@code toShip}). Returns {recommendations, followed}.
     */
    private int[] followTransfers(LocalDate date, boolean[] treated, Map<String, Integer> productIndex,
                                  Map<String, Integer> locationIndex, List<int[]> toShip) {
        String s = tenant.schema();
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            List<Long> ids = new ArrayList<>();
            int recs = 0;
            try (PreparedStatement ps = c.prepareStatement("select to_recommendations.id, products.erp_id, "
                    + "from_locations.erp_id, to_locations.erp_id, ceil(to_recommendations.recommended_qty)::integer "
                    + "from " + s + ".to_recommendations inner join " + s + ".products on to_recommendations.product_id "
                    + "= products.id inner join " + s + ".locations as from_locations on "
                    + "to_recommendations.from_location_id = from_locations.id inner join " + s + ".locations as "
                    + "to_locations on to_recommendations.to_location_id = to_locations.id where "
                    + "to_recommendations.recommendation_date = ? order by to_recommendations.id")) {
                ps.setObject(1, date);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        recs++;
                        Integer p = productIndex.get(rs.getString(2));
                        Integer from = locationIndex.get(rs.getString(3));
                        Integer to = locationIndex.get(rs.getString(4));
                        if (p != null && treated[p] && from != null && to != null) {
                            ids.add(rs.getLong(1));
                            toShip.add(new int[] {p, from, to, rs.getInt(5)});
                        }
                    }
                }
            }
            if (!ids.isEmpty()) {
                try (Statement st = c.createStatement()) {
                    st.execute("set local role " + tenant.uiRole());
                }
                try (PreparedStatement ps = c.prepareStatement("update " + s + ".to_recommendations set "
                        + "to_recommendation_status_id = (select to_recommendation_statuses.id from " + s
                        + ".to_recommendation_statuses where to_recommendation_statuses.name = 'ordered') "
                        + "where to_recommendations.id = any(?)")) {
                    ps.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                    ps.executeUpdate();
                }
            }
            c.commit();
            return new int[] {recs, ids.size()};
        } catch (SQLException e) {
            throw new CwException("reading or marking the transfer recommendations of " + date + " failed: "
                    + e.getMessage(), 3);
        }
    }

    /** Seconds the pipeline spent in one step over every run of world B (pipeline_step_runs). */
    private double stepSeconds(String step) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select coalesce(sum(extract(epoch from step_runs.finished_at - step_runs.started_at)), 0) from "
                        + tenant.schema() + ".pipeline_step_runs as step_runs where step_runs.step_name = '"
                        + step + "'")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    /** The truth into temp tables, then the comparison views of closed_loop_compare.sql (session-local). */
    private void loadTruth(Connection c, String csv, String pairCsv, boolean[] treated, DailyTruth truth, Options o)
            throws SQLException, IOException {
        try (Statement st = c.createStatement()) {
            st.execute("set local search_path = " + tenant.schema() + ", " + tenant.statsSchema()
                    + ", cw_global, pg_catalog, pg_temp");
            st.execute("create temp table closed_loop_truth (world text not null, product_id text not null, "
                    + "day_date date not null, demand_qty integer, sold_qty integer, lost_qty integer, "
                    + "revenue numeric, on_hand_qty bigint, on_hand_value numeric, warehouse_on_hand_qty integer, "
                    + "stockout_pair_days integer, listed_pair_days integer, ordered_qty integer, "
                    + "order_value numeric, price numeric, cost numeric, primary key (world, product_id, day_date)) "
                    + "on commit drop");
            st.execute("create temp table closed_loop_pair_truth (world text not null, product_id text not null, "
                    + "location_id text not null, day_date date not null, demand_qty integer, sold_qty integer, "
                    + "lost_qty integer, revenue numeric, on_hand_qty integer, on_hand_value numeric, "
                    + "is_stockout boolean, is_listed boolean, price numeric, cost numeric, "
                    + "primary key (world, product_id, location_id, day_date)) on commit drop");
            st.execute("create temp table closed_loop_treated (product_id text primary key, is_treated boolean "
                    + "not null) on commit drop");
            st.execute("create temp table closed_loop_options (warmup_date date not null, last_date date not null) "
                    + "on commit drop");
            st.execute("insert into closed_loop_options values ('" + o.start().plusDays(o.warmupDays()) + "', '"
                    + o.start().plusDays(o.days() - 1) + "')");
        }
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        copy.copyIn("copy closed_loop_truth from stdin (format csv, header true)", new StringReader(csv));
        copy.copyIn("copy closed_loop_pair_truth from stdin (format csv, header true)", new StringReader(pairCsv));
        StringBuilder sb = new StringBuilder();
        for (int p = 0; p < treated.length; p++) {
            sb.append(truth.productKey(p)).append(',').append(treated[p]).append('\n');
        }
        copy.copyIn("copy closed_loop_treated from stdin (format csv)", new StringReader(sb.toString()));
        try (Statement st = c.createStatement()) {
            st.execute("analyze closed_loop_truth");
            // the transfer side joins by product, location and window (either world): its own index
            st.execute("create index on closed_loop_pair_truth (product_id, location_id, day_date)");
            st.execute("analyze closed_loop_pair_truth");
            st.execute(resource("closed_loop_compare.sql"));
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ClosedLoop.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Comparison> compare(Connection c) throws SQLException {
        List<Comparison> l = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "select side, impact_type, method, treatment_group, n, mean_estimate, mean_truth, bias, mean_abs_error, "
                        + "sign_agreement_pct, interval_n, coverage_pct, conclusive_pct from closed_loop_comparison")) {
            while (rs.next()) {
                l.add(new Comparison(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), num(rs, 6), num(rs, 7), num(rs, 8), num(rs, 9), num(rs, 10), rs.getInt(11),
                        num(rs, 12), num(rs, 13)));
            }
        }
        return l;
    }

    /**
     * Same world, only the treatment differs: the untreated products' product × location days whose figures differ
     * between world A and world B, or that exist in one world only (0 expected).
     */
    private static long untreatedPairDaysDiffering(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select count(*) from ("
                + "select world_a.product_id from (select * from closed_loop_pair_truth where world = 'A') as world_a "
                + "full join (select * from closed_loop_pair_truth where world = 'B') as world_b using (product_id, "
                + "location_id, day_date) inner join closed_loop_treated using (product_id) "
                + "where not closed_loop_treated.is_treated and (row(world_a.demand_qty, world_a.sold_qty, "
                + "world_a.revenue, world_a.on_hand_qty, world_a.is_stockout, world_a.is_listed) is distinct from "
                + "row(world_b.demand_qty, world_b.sold_qty, world_b.revenue, world_b.on_hand_qty, "
                + "world_b.is_stockout, world_b.is_listed))) as differing")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Double num(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    private static List<String> copyOut(Connection c, String query) throws SQLException {
        try {
            StringWriter w = new StringWriter();
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (" + query + ") to stdout (format csv, header "
                    + "true)", w);
            return List.of(w.toString().split("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The comparison as an aligned table. */
    public static void print(PrintStream out, List<Comparison> rows) {
        out.printf("%-4s %-24s %-13s %-22s %5s %12s %12s %12s %12s %7s %6s %7s %7s%n", "side", "impact type", "method",
                "group",
                "n", "estimate", "truth", "bias", "mean |err|", "sign %", "n CI", "cover %", "concl %");
        for (Comparison r : rows) {
            out.printf(Locale.ROOT, "%-4s %-24s %-13s %-22s %5d %12s %12s %12s %12s %7s %6d %7s %7s%n", r.side(),
                    r.impactType(),
                    r.method(), r.group(), r.n(), fmt(r.meanEstimate()), fmt(r.meanTruth()), fmt(r.bias()),
                    fmt(r.meanAbsError()), pct(r.signAgreementPct()), r.intervalN(), pct(r.coveragePct()),
                    pct(r.conclusivePct()));
        }
    }

    private static String pct(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.0f", v);
    }

    private static String fmt(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
