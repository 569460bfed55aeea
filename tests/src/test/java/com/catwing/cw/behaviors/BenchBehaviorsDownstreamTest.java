package com.catwing.cw.behaviors;

import com.catwing.cw.support.CliRun;
import com.catwing.cw.support.DbTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cw bench behaviors --reuse --downstream} on a tiny kept world: the world gets the synthetic forecast and the
 * supply it lacks, steps 8-11 really run (and step 8's first run simulates while its warm run copies from the cache),
 * and a second call reuses what the first wrote. Issues 13 point 4 and 14 point 5 are measured at M-scale with exactly
 * this mode (docs/benchmarks.md "Steps 8-11 at M-scale").
 */
class BenchBehaviorsDownstreamTest extends DbTest {
    private static final String S = "cw_900295";

    @Test
    void stepsEightToElevenRunOnTheKeptWorldWithItsSyntheticForecast() {
        CliRun built = CliRun.run(db, "bench", "behaviors", "--client", "CW-900295", "--products", "30",
                "--locations", "5", "--days", "70", "--scoped-runs", "1", "--keep");
        assertEquals(0, built.exitCode(), built.out() + built.err());

        CliRun run = CliRun.run(db, "bench", "behaviors", "--client", "CW-900295", "--reuse", "--downstream");
        assertEquals(0, run.exitCode(), run.out() + run.err());
        String out = run.out();
        assertTrue(out.contains("active forecast bench_synthetic_mean_8_weeks"), out);
        for (String label : new String[] {"full behaviours (window sums rebuilt) #1", "step 8 first run",
            "step 8 again, cache warm", "step 8 scoped to product", "step 9 assortment", "step 10 po_recommendations",
            "step 11 to_recommendations", "step 11 to_recommendations again", "full behaviours (window sums "
            + "rebuilt) #2", "steps 9-11 (first)", "goal step 8 <= 2 x behaviours"}) {
            assertTrue(out.contains(label), label + " in\n" + out);
        }
        // The first run simulated every store key, the warm run copied every one of them from the cache.
        String firstLine = line(out, "step 8 first run");
        String warmLine = line(out, "step 8 again, cache warm");
        assertTrue(firstLine.contains("0 copied from earlier runs") && !firstLine.contains(" 0 paths simulated"),
                firstLine);
        assertTrue(warmLine.contains(", 0 paths simulated"), warmLine);
        assertTrue(!warmLine.contains(" 0 copied from earlier runs"), warmLine);

        // The synthetic forecast: every week of a ranged pair predicts the mean weekly demand of its last 8 weeks.
        assertEquals(0, count("select * from " + S + ".bench_pairs as pairs left join (select product_id, "
                + "location_id, sum(demand_qty) / 8 as mean_week_qty from " + S + ".demand_history where demand_date > "
                + "'2025-12-31'::date - 56 group by 1, 2) as history using (product_id, location_id) "
                + "left join " + S + ".active_demand_forecast_products as rows using (product_id, location_id) "
                + "where rows.predicted_qty is null or abs(rows.predicted_qty - coalesce(history.mean_week_qty, 0)) "
                + "> 1e-3 * greatest(1, history.mean_week_qty)"), "predicted_qty = the mean of the last 8 weeks");
        assertEquals("26", queryOne("select count(distinct horizon_days) from " + S
                + ".active_demand_forecast_products"));
        // The steps wrote what a night writes: store and DC targets, assortment rows, purchase lines.
        assertTrue(count("select * from " + S + ".inventory_targets as targets inner join " + S + ".locations on "
                + "locations.id = targets.location_id where targets.snapshot_date = '2025-12-31' and locations.echelon "
                + "= 2 and targets.zero_reason is null") > 0, "the DC pools its stores");
        assertEquals(count("select distinct product_id, location_id from " + S + ".bench_pairs"),
                count("select * from " + S + ".inventory_targets as targets inner join " + S + ".locations on "
                        + "locations.id = targets.location_id where targets.snapshot_date = '2025-12-31' and "
                        + "locations.echelon = 1"), "a target per ranged pair");
        assertTrue(count("select * from " + S + ".assortment_products") > 0, "step 9 ran");
        assertTrue(count("select * from " + S + ".po_recommendations where recommendation_date = '2025-12-31'") > 0,
                "step 10 recommends purchases for the DC");
        assertEquals(2, count("select * from " + S + ".pipeline_step_runs where step_name = 'to_recommendations' "
                + "and status = 'succeeded'"), "step 11 ran twice");

        // Reused again: the preparation writes nothing twice, the steps run again.
        String forecast = queryOne("select id from " + S + ".active_demand_forecast");
        CliRun again = CliRun.run(db, "bench", "behaviors", "--client", "CW-900295", "--reuse", "--downstream");
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertEquals(forecast, queryOne("select id from " + S + ".active_demand_forecast"));
        assertEquals(1, count("select * from " + S + ".demand_forecasts"));
        assertEquals(1, count("select distinct balance_date from " + S + ".inventory_balances as balances inner "
                + "join " + S + ".locations on locations.id = balances.location_id where locations.location_type = "
                + "'dc'"), "the DC's stock written once");

        CliRun both = CliRun.run(db, "bench", "behaviors", "--client", "CW-900295", "--reuse", "--downstream",
                "--nightly");
        assertNotEquals(0, both.exitCode(), both.out() + both.err());
    }

    private static String line(String out, String start) {
        return out.lines().filter(l -> l.startsWith(start)).findFirst().orElse("");
    }
}
