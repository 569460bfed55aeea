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
 * pipeline day by day while the buyer follows the recommendations of half the products; the run completes, treats
 * half the products, leaves the untreated half's history untouched, and compares the uplift step's estimate with the
 * true effect for every impact type.
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

        // Recovered against true effects, for every impact type.
        Set<String> types = new TreeSet<>();
        for (ClosedLoop.Comparison c : r.comparisons()) {
            types.add(c.impactType());
            assertTrue(c.n() > 0 && c.meanTruth() != null && c.meanEstimate() != null, c.toString());
        }
        assertEquals(Set.of("cost_savings", "fill_rate_improvement", "inventory_optimization", "overstock_reduction",
                "revenue_uplift", "stockout_reduction"), types, "every impact type is compared:\n" + log);
        assertTrue(r.comparisons().stream().anyMatch(c -> c.group().equals("treated, followed")),
                "followed recommendations of treated products are measured");
        assertTrue(Files.readAllLines(out.resolve("comparison.csv")).size() > 6, "the comparison file is written");
    }
}
