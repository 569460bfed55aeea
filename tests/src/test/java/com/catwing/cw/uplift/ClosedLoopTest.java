package com.catwing.cw.uplift;

import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.simulate.ClosedLoop;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestS3;
import com.catwing.cw.support.TestServer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cw simulate closed-loop} on a short world (issue 15 point 3): world B is generated, loaded and run through the
 * pipeline day by day while the buyer and the planner follow the purchase and transfer recommendations of half the
 * products; the run completes, treats half the products, ships the treated products' recommended transfers, leaves
 * the untreated half's history untouched (per product and per product × location), and compares the uplift step's
 * estimate with the true effect for every impact type of both sides.
 */
class ClosedLoopTest extends DbTest {
    // The warehouse opens with the generator's stock, above the pipeline's reorder points: the first recommendations
    // come after about three weeks, and a 7-day after window must then pass after the lead time.
    private static final int PRODUCTS = 40;
    private static final int DAYS = 46;

    @Test
    void aShortClosedLoopTreatsHalfTheProductsAndComparesEveryImpactTypeWithTheTruth() throws Exception {
        Path out = Files.createTempDirectory("cw-closed-loop-");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ClosedLoop.Options o = new ClosedLoop.Options(TestServer.CLIENT_A, LocalDate.of(2024, 3, 4), DAYS, PRODUCTS,
                4, 4, 7, 7, 7, out);
        ClosedLoop.Result r = new ClosedLoop(db, Tenant.of(TestServer.CLIENT_A),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run(o, TestS3.store());

        assertEquals(PRODUCTS / 2, r.treated(), "a random half of the products is treated");
        assertTrue(r.recommendationsFollowed() > 0, "the buyer followed some recommendations:\n" + log);
        assertEquals(String.valueOf(DAYS), queryOne("select count(distinct run_date) from cw_000901.pipeline_runs"),
                "the pipeline ran once for every simulated day");
        assertTrue(count("select 1 from cw_000901.po_recommendations inner join cw_000901.po_recommendation_statuses "
                + "on po_recommendation_statuses.id = po_recommendations.po_recommendation_status_id "
                + "where po_recommendation_statuses.name = 'ordered'") > 0, "followed recommendations are marked ordered");

        // The transfer side: the treated products' transfer recommendations are marked ordered (as the planner's
        // screen does) and the sender ships them the next morning on the same lane; untreated ones are ignored.
        Set<String> treatedProducts = new TreeSet<>();
        for (String line : Files.readAllLines(out.resolve("truth-products.csv"))) {
            String[] f = line.split(",", -1);
            if (f[1].equals("t")) {
                treatedProducts.add(f[0]);
            }
        }
        String ordered = "with ordered as (select to_recommendations.*, products.erp_id as product_key from "
                + "cw_000901.to_recommendations inner join cw_000901.to_recommendation_statuses on "
                + "to_recommendation_statuses.id = to_recommendations.to_recommendation_status_id inner join "
                + "cw_000901.products on products.id = to_recommendations.product_id "
                + "where to_recommendation_statuses.name = 'ordered') ";
        assertTrue(r.transfersFollowed() > 0, "the planner followed some transfer recommendations:\n" + log);
        assertEquals(String.valueOf(r.transfersFollowed()), queryOne(ordered + "select count(*) from ordered"),
                "every followed transfer recommendation is marked ordered");
        assertEquals("", queryOne(ordered + "select coalesce(string_agg(distinct product_key, ','), '') from ordered "
                + "where product_key <> all(string_to_array('" + String.join(",", treatedProducts) + "', ','))"),
                "only treated products' transfer recommendations are followed");
        // What each followed recommendation's lane shipped of its product the next day (its sender ships at most
        // what it has; the pipeline allocates at most the sender's spare stock, so in full nearly always).
        String shipped = ordered + ", received as (select ordered.id, ordered.recommended_qty, ordered.to_location_id,"
                + " coalesce((select sum(lines.qty_shipped) from cw_000901.transfer_orders as orders inner join "
                + "cw_000901.transfer_order_lines as lines on lines.transfer_order_id = orders.id where "
                + "orders.from_location_id = ordered.from_location_id and orders.to_location_id = "
                + "ordered.to_location_id and lines.product_id = ordered.product_id and orders.ship_date = "
                + "ordered.recommendation_date + 1), 0) as shipped_qty from ordered) ";
        int followedTransfers = Integer.parseInt(queryOne(shipped + "select count(*) from received"));
        int inFull = Integer.parseInt(queryOne(shipped + "select count(*) from received where shipped_qty = "
                + "ceil(recommended_qty)"));
        assertTrue(inFull > 0 && inFull >= 0.8 * followedTransfers, inFull + " of " + followedTransfers
                + " followed transfers were shipped in full the next day");
        // (a recommendation of the day before the warm-up ends ships beside the rule's last allocation of that day)
        assertEquals("0", queryOne(shipped + "select count(*) from received inner join cw_000901.to_recommendations "
                + "on to_recommendations.id = received.id where shipped_qty > ceil(received.recommended_qty) and "
                + "to_recommendations.recommendation_date >= date '" + o.start().plusDays(o.warmupDays()) + "'"),
                "from the warm-up on, a lane never ships more of a followed product than was recommended");
        assertTrue(count(shipped + "select 1 from received inner join cw_000901.locations on locations.id = "
                + "received.to_location_id where locations.location_type = 'store' and received.shipped_qty = "
                + "ceil(received.recommended_qty)") > 0, "a treated store receives what was recommended for it");
        assertTrue(r.transferUnitsShipped() > 0 && r.transferUnitsShipped() <= r.transferUnitsAsked(),
                "the senders shipped " + r.transferUnitsShipped() + " of " + r.transferUnitsAsked() + " units");

        // The true effect per product: the untreated half has exactly the same history in both worlds.
        List<String> products = Files.readAllLines(out.resolve("truth-products.csv"));
        assertEquals(PRODUCTS + 1, products.size(), "one line per product and a header");
        int treated = 0;
        for (String line : products.subList(1, products.size())) {
            String[] f = line.split(",", -1);
            if (f[1].equals("t")) {
                treated++;
            } else {
                assertEquals("0", f[4], "an untreated product loses the same units in both worlds: " + line);
                assertEquals("0.00", f[7], "and holds the same stock: " + line);
            }
        }
        assertEquals(PRODUCTS / 2, treated, "the products file marks the treated half");
        assertTrue(Files.size(out.resolve("truth-daily.csv")) > 0, "the daily truth of both worlds is written");

        // Per product × location and day: an untreated product's every location is the same in both worlds (its
        // transfers followed the rule in both), a treated product's is not.
        java.util.Map<String, String> worldA = new java.util.HashMap<>();
        List<String> pairs = Files.readAllLines(out.resolve("truth-pairs-daily.csv"));
        for (String line : pairs.subList(1, pairs.size())) {
            String[] f = line.split(",", 5); // world, product, location, day, the day's figures
            if (f[0].equals("A")) {
                worldA.put(f[1] + "," + f[2] + "," + f[3], f[4]);
            }
        }
        int untreatedPairDays = 0;
        int treatedDiffer = 0;
        for (String line : pairs.subList(1, pairs.size())) {
            String[] f = line.split(",", 5);
            if (!f[0].equals("B")) {
                continue;
            }
            boolean same = f[4].equals(worldA.get(f[1] + "," + f[2] + "," + f[3]));
            if (treatedProducts.contains(f[1])) {
                treatedDiffer += same ? 0 : 1;
            } else {
                assertTrue(same, "an untreated product × location has the same day in both worlds: " + line);
                untreatedPairDays++;
            }
        }
        assertEquals(0L, r.untreatedPairDaysDiffering(), "the run's own check agrees");
        assertTrue(untreatedPairDays > 0 && treatedDiffer > 0, untreatedPairDays + " untreated pair-days, "
                + treatedDiffer + " treated pair-days that differ");

        // Recovered against true effects, for every impact type of both sides.
        Set<String> types = new TreeSet<>();
        Set<String> toTypes = new TreeSet<>();
        for (ClosedLoop.Comparison c : r.comparisons()) {
            (c.side().equals("to") ? toTypes : types).add(c.impactType());
            assertTrue(c.n() > 0 && c.meanTruth() != null && c.meanEstimate() != null, c.toString());
        }
        Set<String> all = Set.of("cost_savings", "fill_rate_improvement", "inventory_optimization",
                "overstock_reduction", "revenue_uplift", "stockout_reduction");
        assertEquals(all, types, "every purchase-order impact type is compared:\n" + log);
        assertEquals(all, toTypes, "every transfer-order impact type is compared:\n" + log);
        assertTrue(r.comparisons().stream().anyMatch(c -> c.group().equals("treated, followed")),
                "followed recommendations of treated products are measured");
        assertTrue(Files.readAllLines(out.resolve("comparison.csv")).size() > 6, "the comparison file is written");
    }
}
