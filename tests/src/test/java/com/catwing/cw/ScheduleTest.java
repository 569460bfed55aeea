package com.catwing.cw;

import com.catwing.cw.support.CliRun;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pg_cron scheduling: a scheduled job really runs the pipeline as the client's owner role. */
class ScheduleTest extends DbTest {

    /** Scheduling is tested on its own: with no step installed the scheduled run succeeds on an empty day. */
    @org.junit.jupiter.api.BeforeAll
    void noSteps() {
        dropStepProcedures("cw_000901");
    }

    @AfterEach
    void unschedule() {
        CliRun.run(db, "schedule", "CW-000901", "--remove");
    }

    private String cron(String sql) {
        return queryOneIn(TestServer.admin(), sql);
    }

    private static String queryOneIn(com.catwing.cw.db.Database d, String sql) {
        try (var c = d.connect(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void scheduledJobRunsThePipelineAsTheOwnerRole() throws Exception {
        // pg_cron 1.4 (Debian bookworm) has no seconds schedules: every minute is its finest grain.
        CliRun r = CliRun.run(db, "schedule", "CW-000901", "--cron", "* * * * *");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("cw_000901_owner|" + db.databaseName(), cron(
                "select username || '|' || database from cron.job where jobname = 'cw_000901_pipeline' and database = '"
                        + db.databaseName() + "'"));
        CliRun list = CliRun.run(db, "schedule", "--list");
        assertTrue(list.out().contains("cw_000901_pipeline") && list.out().contains("* * * * *"), list.out());

        long deadline = System.currentTimeMillis() + 130_000;
        String runs = "0";
        while (System.currentTimeMillis() < deadline) {
            runs = queryOne("select count(*) from cw_000901.pipeline_runs where status = 'succeeded'");
            if (!"0".equals(runs)) {
                break;
            }
            Thread.sleep(1000);
        }
        assertTrue(!"0".equals(runs), "no pipeline run from pg_cron within two minutes");
        assertEquals("cw_000901_owner", queryOne("select triggered_by from cw_000901.pipeline_runs limit 1"));
        assertEquals(queryOne("select cw_000901.client_today()::text"),
                queryOne("select run_date::text from cw_000901.pipeline_runs limit 1"), "runs for the client's local date");
        String details = null;
        for (int i = 0; i < 20 && details == null; i++) {
            details = cron("select status from cron.job_run_details as d inner join cron.job as j on j.jobid = d.jobid "
                    + "where j.jobname = 'cw_000901_pipeline' and j.database = '" + db.databaseName()
                    + "' and d.status = 'succeeded' limit 1");
            Thread.sleep(500);
        }
        assertEquals("succeeded", details, "cron.job_run_details records the run");
    }

    @Test
    void rescheduleReplacesAndRemoveDeletes() {
        assertEquals(0, CliRun.run(db, "schedule", "CW-000901", "--cron", "0 2 * * *").exitCode());
        assertEquals(0, CliRun.run(db, "schedule", "CW-000901", "--cron", "30 3 * * *").exitCode());
        assertEquals("30 3 * * *", cron("select string_agg(schedule, ',') from cron.job where jobname = "
                + "'cw_000901_pipeline' and database = '" + db.databaseName() + "'"));
        CliRun removed = CliRun.run(db, "schedule", "CW-000901", "--remove");
        assertTrue(removed.out().contains("removed"), removed.out());
        assertEquals("0", cron("select count(*) from cron.job where jobname = 'cw_000901_pipeline' and database = '"
                + db.databaseName() + "'"));
    }

    @Test
    void badCronAndUnknownClientAreOneLineErrors() {
        CliRun bad = CliRun.run(db, "schedule", "CW-000901", "--cron", "every night");
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("invalid cron expression 'every night'"), bad.err());
        CliRun unknown = CliRun.run(db, "schedule", "CW-000977", "--cron", "0 2 * * *");
        assertEquals(2, unknown.exitCode(), unknown.err());
        assertEquals("0", cron("select count(*) from cron.job where database = '" + db.databaseName() + "'"));
    }
}
