package com.catwing.cw.uplift;

import com.catwing.cw.support.CliRun;
import com.catwing.cw.support.DbTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cw bench uplift --m-scale --reuse} on a tiny kept behaviours world: it loads recommendations of both sides
 * and the orders that follow about half of them, then times step uplift for a first night and ordinary nights next to
 * the full behaviours step, through the real pipeline. Issue 15 point 4's M-scale measurement depends on exactly this
 * (docs/benchmarks.md "upliftm").
 */
class BenchUpliftMScaleTest extends DbTest {
    private static final String S = "cw_900296";

    @Test
    void loadsRecommendationsAndOrdersIntoAKeptBehavioursWorldAndTimesTheNightsNextToTheFullBehaviours() {
        CliRun world = CliRun.run(db, "bench", "behaviors", "--client", "CW-900296", "--products", "40",
                "--locations", "5", "--days", "100", "--scoped-runs", "1", "--keep");
        assertEquals(0, world.exitCode(), world.out() + world.err());

        long behaviorsRuns = count("select * from " + S + ".pipeline_step_runs where step_name = 'behaviors'");
        CliRun bench = CliRun.run(db, "bench", "uplift", "--m-scale", "--reuse", "--client", "CW-900296", "--nights",
                "2");
        assertEquals(0, bench.exitCode(), bench.out() + bench.err());
        String out = bench.out();
        int firstNight = out.indexOf("first night (everything due) 2025-12-29");
        int behaviours = out.indexOf("full behaviours 2025-12-31 (window sums rebuilt)");
        int night1 = out.indexOf("night 1 2025-12-30");
        int night2 = out.indexOf("night 2 2025-12-31");
        assertTrue(firstNight >= 0 && firstNight < behaviours && behaviours < night1 && night1 < night2, out);
        assertTrue(out.contains("x the full behaviours") && out.contains("uplift_measure ")
                && out.contains("(load average "), out);

        // Recommendations of both sides over the last 60 days; the stores and the webshop are served by the DC.
        assertEquals("2025-11-02|2025-12-31", queryOne("select min(recommendation_date) || '|' || "
                + "max(recommendation_date) from (select recommendation_date from " + S + ".po_recommendations union "
                + "all select recommendation_date from " + S + ".to_recommendations) as recommendations"));
        assertEquals(0, count("select * from " + S + ".locations where location_type <> 'dc' and parent_location_id "
                + "is distinct from (select id from " + S + ".locations where location_type = 'dc')"));
        // The step, through the pipeline, decided both sides (followed, partial and ignored episodes all present)
        // and measured impacts on both sides from the loaded stock and classes.
        for (String side : new String[] {"po", "to"}) {
            assertEquals("not_ordered|ordered_less|respected", queryOne("select string_agg(distinct match_kind, '|' "
                    + "order by match_kind) from " + S + "." + side + "_recommendation_respect_decisions"), side);
        }
        assertTrue(count("select * from " + S + ".purchase_order_recommendation_impacts where measurement_method_id = "
                + "(select id from " + S + ".measurement_methods where name = 'diff_in_diff')") > 0,
                "purchase-order impacts measured with controls");
        assertTrue(count("select * from " + S + ".transfer_order_recommendation_impacts") > 0, "transfer impacts");
        assertTrue(count("select * from " + S + "_stats.inventory_daily where stat_date = '2025-12-31'") > 0,
                "inventory_daily built from the stock readings");
        assertEquals(3, count("select * from " + S + ".pipeline_step_runs where step_name = 'uplift' and status = "
                + "'succeeded'"), "three nights of step uplift through run_pipeline");
        assertEquals(behaviorsRuns + 1, count("select * from " + S + ".pipeline_step_runs where step_name = "
                + "'behaviors' and status = 'succeeded'"), "one full behaviours run in the same bench run");

        // A second run replaces what the first loaded and measured: the same recommendations and decisions again.
        String before = queryOne("select (select count(*) from " + S + ".po_recommendations) || '/' || (select "
                + "count(*) from " + S + ".to_recommendations) || '/' || (select count(*) from " + S
                + ".to_recommendation_respect_decisions) || '/' || (select count(*) from " + S
                + ".purchase_order_lines) || '/' || (select count(*) from " + S + ".transfer_order_lines)");
        CliRun again = CliRun.run(db, "bench", "uplift", "--m-scale", "--reuse", "--client", "CW-900296", "--nights",
                "2");
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertTrue(again.out().contains("inventory_daily kept"), again.out());
        assertEquals(before, queryOne("select (select count(*) from " + S + ".po_recommendations) || '/' || (select "
                + "count(*) from " + S + ".to_recommendations) || '/' || (select count(*) from " + S
                + ".to_recommendation_respect_decisions) || '/' || (select count(*) from " + S
                + ".purchase_order_lines) || '/' || (select count(*) from " + S + ".transfer_order_lines)"));

        CliRun missing = CliRun.run(db, "bench", "uplift", "--m-scale", "--reuse", "--client", "CW-900297");
        assertEquals(2, missing.exitCode(), missing.out() + missing.err());
        assertTrue(missing.err().contains("CW-900297") && missing.err().contains("--keep"), missing.err());
        CliRun alone = CliRun.run(db, "bench", "uplift", "--m-scale", "--client", "CW-900296");
        assertEquals(2, alone.exitCode(), alone.out() + alone.err());
        assertTrue(alone.err().contains("--reuse"), alone.err());
    }
}
