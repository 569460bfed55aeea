package com.catwing.cw.behaviors;

import com.catwing.cw.support.CliRun;
import com.catwing.cw.support.DbTest;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cw bench behaviors --nightly} on a tiny world: the nights after the bulk-filled world are computed as a
 * nightly (step 5 recomputes the new day only, step 6 moves its window sums), and {@code --reuse} adds the next night
 * to the kept world. Issue 21 point 4's M-scale measurement depends on exactly this (docs/benchmarks.md#behaviors).
 */
class BenchBehaviorsNightlyTest extends DbTest {
    private static final String S = "cw_900291";

    @Test
    void nightsAfterTheBulkFilledWorldAreIncrementalAndReuseAddsTheNextNight() {
        CliRun built = CliRun.run(db, "bench", "behaviors", "--client", "CW-900291", "--products", "30",
                "--locations", "5", "--days", "100", "--scoped-runs", "1", "--nightly", "--nights", "2", "--keep");
        assertEquals(0, built.exitCode(), built.out() + built.err());
        assertTrue(built.out().contains("step 5 marked as computed up to 2025-12-31"), built.out());
        assertTrue(built.out().contains("night 2026-01-02") && built.out().contains("window sums incremental"),
                built.out());
        assertTrue(built.out().contains("full behaviours of 2026-01-02 (sums rebuilt)"), built.out());
        // The comparator is the full behaviours computation a new client or a rebuild runs: after each night, the first
        // computation of that night's date (window sums and the date's snapshot rows deleted first), interleaved with
        // the nights so that load drift shows; it writes the date's rows again, equal to the night's. The re-run of
        // the last date (every row compared, none written) is printed after them.
        String nightsOut = built.out();
        int night1 = nightsOut.indexOf("night 2026-01-01:");
        int first1 = nightsOut.indexOf("full behaviours of 2026-01-01 (first computation)");
        int night2 = nightsOut.indexOf("night 2026-01-02:");
        int first2 = nightsOut.indexOf("full behaviours of 2026-01-02 (first computation)");
        int rerun = nightsOut.indexOf("full behaviours of 2026-01-02 (sums rebuilt)");
        assertTrue(0 <= night1 && night1 < first1 && first1 < night2 && night2 < first2 && first2 < rerun, nightsOut);
        for (int at : new int[] {first1, first2}) {
            String line = nightsOut.substring(at, nightsOut.indexOf('\n', at));
            assertTrue(line.matches(".*behaviors: rows in [0-9,]+, out [1-9][0-9,]*, window sums rebuild.*"), line);
            assertTrue(line.contains("snapshot rows deleted first") && line.contains("the snapshot equals the night's"),
                    line);
        }
        // Wall time on a shared machine follows the other work; the backend's CPU seconds much less (issue 21 point 4):
        // each night's steps, each first computation and the summary give CPU beside wall time, and the ratio in both.
        for (String day : new String[] {"2026-01-01", "2026-01-02"}) {
            int at = nightsOut.indexOf("night " + day + " in CPU: ");
            assertTrue(at > nightsOut.indexOf("night " + day + ":"), nightsOut);
            String line = nightsOut.substring(at, nightsOut.indexOf('\n', at));
            assertTrue(line.matches("night " + day + " in CPU: the write \\d+\\.\\d\\d s, demand_history "
                    + "\\d+\\.\\d\\d s, behaviors \\d+\\.\\d\\d s, steps 5-6 \\d+\\.\\d\\d s \\(cluster: .*\\)"), line);
        }
        for (int at : new int[] {first1, first2}) {
            String line = nightsOut.substring(at, nightsOut.indexOf('\n', at));
            java.util.regex.Matcher cpu = java.util.regex.Pattern.compile(" CPU (\\d+\\.\\d+) s, cluster "
                    + "(\\d+\\.\\d+) s ").matcher(line);
            assertTrue(cpu.find(), line);
            assertTrue(Double.parseDouble(cpu.group(1)) > 0 && Double.parseDouble(cpu.group(2))
                    >= Double.parseDouble(cpu.group(1)) * 0.9, "the backend and the cluster used CPU: " + line);
        }
        assertTrue(nightsOut.matches("(?s).*nightly median of 2 in CPU: demand_history [0-9.]+ s, behaviors [0-9.]+ s, "
                + "steps 5-6 [0-9.]+ s \\(cluster [0-9.]+ s\\); full behaviours, first computation \\(median of 2\\) "
                + "CPU [0-9.]+ s \\(cluster [0-9.]+ s\\): steps 5-6 = [0-9.]+ x the full in CPU, [0-9.]+ x in cluster "
                + "CPU, [0-9.]+ x in wall time.*"), nightsOut);
        String rerunLine = nightsOut.substring(rerun, nightsOut.indexOf('\n', rerun));
        assertTrue(rerunLine.contains("a re-run of the date") && rerunLine.contains(", out 0, window sums rebuild"),
                rerunLine);
        assertTrue(nightsOut.contains("full behaviours, first computation (median of 2)")
                && nightsOut.contains("a re-run of the date"), nightsOut);

        // Each night's step 5 recomputed its own day only (not the bulk-filled history), and consumed the touched pairs.
        assertEquals("{2026-01-01}|{2026-01-02}", queryOne("select string_agg(dates_rewritten::text, '|' order by id) "
                + "from " + S + ".demand_history_runs where run_date > '2025-12-31'"));
        assertEquals(0, count("select * from " + S + ".demand_touched_pairs"));
        // The bench built step 5's pair state first (a grid run of the last filled day), so both nights took the
        // nightly path; the weekly aggregate, rebuilt after the trigger-less fill, stayed exact through them.
        assertTrue(built.out().contains("step 5's pair state is not at 2025-12-31"), built.out());
        assertEquals("day|day", queryOne("select string_agg(steps.detail ->> 'path', '|' order by steps.id) from "
                + S + ".pipeline_step_runs as steps inner join " + S + ".pipeline_runs as runs on runs.id = "
                + "steps.pipeline_run_id where steps.step_name = 'demand_history' and runs.run_date > '2025-12-31'"));
        assertEquals("0", queryOne("select " + S + ".demand_weeks_rebuild()"), "demand_weeks equals its recompute");
        long sold = count("select lines.id from " + S + ".sales_order_lines as lines inner join " + S
                + ".sales_orders as orders on orders.id = lines.sales_order_id where orders.order_date = '2026-01-02'");
        assertTrue(sold > 0, "the night's sales lines were written");
        assertEquals(sold, count("select * from " + S + ".demand_history where demand_date = '2026-01-02' "
                + "and quantity > 0"), "every pair that sold on the night has its demand row");
        // The sales orders written before the first night carry what demand_history says was sold.
        assertEquals(queryOne("select sum(quantity) from " + S + ".demand_history where demand_date = '2025-12-31'"),
                queryOne("select sum(lines.qty) from " + S + ".sales_order_lines as lines inner join " + S
                        + ".sales_orders as orders on orders.id = lines.sales_order_id where orders.order_date = "
                        + "'2025-12-31'"));

        CliRun again = CliRun.run(db, "bench", "behaviors", "--client", "CW-900291", "--reuse", "--nightly",
                "--nights", "1");
        assertEquals(0, again.exitCode(), again.out() + again.err());
        assertTrue(again.out().contains("night 2026-01-03"), again.out());
        assertTrue(count("select * from " + S + ".product_behaviors where snapshot_date = '2026-01-03'") > 0,
                "the reused world's next night has a behaviours snapshot");

        // bench changes --reuse measures the change processor on the same kept world (issue 16 point 4 at M-scale).
        CliRun changes = CliRun.run(db, "bench", "changes", "--client", "CW-900291", "--reuse", "--severity", "local",
                "--edits", "10", "--single-runs", "1");
        assertEquals(0, changes.exitCode(), changes.out() + changes.err());
        assertTrue(changes.out().contains("full run of the same steps (behaviors alone)")
                && changes.out().contains("10 products (") && changes.out().contains("in one pass"), changes.out());
        // The full runs interleave with the passes (before and after the single passes, after the bulk pass), so the
        // ratios compare measurements taken at the same load.
        String out = changes.out();
        int full1 = out.indexOf("full run of the same steps (behaviors alone) #1");
        int single = out.indexOf("one product corrected, one pass");
        int full2 = out.indexOf("full run of the same steps (behaviors alone) #2");
        int bulk = out.indexOf("10 products (");
        int full3 = out.indexOf("full run of the same steps (behaviors alone) #3");
        assertTrue(full1 >= 0 && full1 < single && single < full2 && full2 < bulk && bulk < full3, out);
        assertTrue(out.contains("full runs: 3, mean") && out.contains("(load "), out);
        // Each timed pass really re-ran the step (a pass that re-ran nothing would make the ratio meaningless).
        assertTrue(changes.out().contains("scoped, behaviors succeeded"), changes.out());
        assertEquals(0, count("select * from " + S + ".change_runs where status <> 'succeeded' or pipeline_run_id is "
                + "null"), "every pass of the bench re-ran a pipeline");
        assertEquals(0, count("select * from " + S + ".change_events where status = 'pending'"),
                "every UI edit of the bench was processed");

        CliRun missing = CliRun.run(db, "bench", "behaviors", "--client", "CW-900293", "--reuse", "--nightly");
        assertEquals(2, missing.exitCode(), missing.out() + missing.err());
        assertTrue(missing.err().contains("CW-900293") && missing.err().contains("--keep"), missing.err());
    }

    /**
     * A world kept without --nightly (the M-scale world: its full and scoped runs do not wait for the weekly
     * aggregate) leaves demand_weeks empty; the first --reuse --nightly builds it before step 5 writes a day into it.
     */
    @Test
    void aWorldKeptWithoutNightlyGetsItsWeeklyAggregateBeforeTheFirstNight() {
        String s = "cw_900292";
        CliRun built = CliRun.run(db, "bench", "behaviors", "--client", "CW-900292", "--products", "20",
                "--locations", "4", "--days", "60", "--scoped-runs", "1", "--keep");
        assertEquals(0, built.exitCode(), built.out() + built.err());
        assertTrue(built.out().contains("demand_weeks left empty"), built.out());
        assertEquals(0, count("select * from " + s + ".demand_weeks"));

        CliRun night = CliRun.run(db, "bench", "behaviors", "--client", "CW-900292", "--reuse", "--nightly",
                "--nights", "1");
        assertEquals(0, night.exitCode(), night.out() + night.err());
        assertTrue(night.out().contains("demand_weeks built from demand_history"), night.out());
        assertTrue(count("select * from " + s + ".demand_weeks where week_start < '2025-12-29'") > 0,
                "the filled history's weeks are in the aggregate");
        assertEquals("0", queryOne("select " + s + ".demand_weeks_rebuild()"),
                "demand_weeks equals its recompute after the night");
    }
}
