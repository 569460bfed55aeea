package com.catwing.cw.ingest;

import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.load.RawLoader;
import com.catwing.cw.support.CliRun;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestS3;
import com.catwing.cw.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A way past a false alarm (issue 22, point 5): an accepted gate failure is recorded and audited and the stopped run
 * resumes; later runs report the earlier stopped dates; {@code cw run --catch-up} processes them in date order.
 */
class GateAcceptTest extends DbTest {
    private static final LocalDate START = LocalDate.of(2033, 1, 3);  // a Monday; four generated days
    private static final String SCHEMA = "cw_000901";

    @BeforeAll
    void generateAndLoad() {
        TestS3.generate(TestServer.CLIENT_A, START, 4, "catwing", "none", 11);
        new RawLoader(db, TestS3.store(), Tenant.of(TestServer.CLIENT_A),
                new PrintStream(OutputStream.nullOutputStream())).load(START, START.plusDays(3));
    }

    /** Every positive quantity is absurd and absurd values are critical: the gate stops every day. */
    private void falseAlarm(boolean on) {
        exec("update cw_global.clients set settings = " + (on
                ? "jsonb_set(settings, '{quality}', '{\"max_quantity\": 0.5, "
                        + "\"critical_checks\": [\"absurd_values\"]}')"
                : "settings - 'quality'") + " where code = '" + TestServer.CLIENT_A + "'");
    }

    private CliRun cw(String... args) {
        return CliRun.run(db, args);
    }

    @Test
    void anAcceptedFailureIsAuditedTheRunResumesAndTheBacklogIsReportedAndCaughtUp() throws SQLException {
        String day1 = START.toString();
        falseAlarm(true);
        assertEquals(4, cw("run", TestServer.CLIENT_A, "--date", day1).exitCode(), "the false alarm stops day 1");

        falseAlarm(false);
        CliRun day2 = cw("run", TestServer.CLIENT_A, "--date", START.plusDays(1).toString());
        assertEquals(0, day2.exitCode(), day2.err());
        assertTrue(day2.out().contains("backlog: earlier dates still stopped: " + day1), day2.out());
        assertEquals("[\"" + day1 + "\"]", queryOne("select step_runs.detail ->> 'earlier_dates_stopped' "
                + "from " + SCHEMA + ".pipeline_step_runs as step_runs where step_runs.step_name = 'quality_gate' "
                + "order by step_runs.id desc limit 1"), "the gate's step report names the stopped date");

        falseAlarm(true);
        CliRun blank = cw("gate", "accept", TestServer.CLIENT_A, "--date", day1, "--reason", " ");
        assertEquals(2, blank.exitCode());
        assertTrue(blank.err().contains("CW094"), blank.err());
        CliRun accepted = cw("gate", "accept", TestServer.CLIENT_A, "--date", day1, "--check", "absurd_values",
                "--reason", "quantities checked with the client: a test limit");
        assertEquals(0, accepted.exitCode(), accepted.out() + accepted.err());
        assertTrue(accepted.out().contains("acceptance 1 recorded"), accepted.out());
        assertEquals("succeeded", queryOne("select status from " + SCHEMA + ".pipeline_runs where run_date = '"
                + day1 + "' order by id desc limit 1"), "the stopped run of day 1 resumed and finished");
        assertEquals("true/0", queryOne("select gate_passed || '/' || critical_count from " + SCHEMA
                + ".data_quality_runs where run_date = '" + day1 + "'"));
        assertTrue(count("select * from " + SCHEMA + ".data_quality_checks where "
                + "data_quality_acceptance_id = 1 and not passed") > 0, "the accepted checks stay reported as failed");
        assertEquals("absurd_values/" + "postgres/true", queryOne("select check_name || '/' || accepted_by || '/' "
                + "|| (jsonb_array_length(accepted_failures) > 0) from " + SCHEMA + ".data_quality_acceptances"),
                "the acceptance records the check, who accepted and the failures it covered");
        IllegalStateException audit = assertThrows(IllegalStateException.class,
                () -> exec("delete from " + SCHEMA + ".data_quality_acceptances"));
        assertTrue(audit.getCause() instanceof SQLException sql && "CW096".equals(sql.getSQLState()),
                String.valueOf(audit.getCause()));
        CliRun again = cw("gate", "accept", TestServer.CLIENT_A, "--date", day1, "--reason", "once more");
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("nothing to accept") && again.err().contains("CW095"), again.err());

        assertEquals(4, cw("run", TestServer.CLIENT_A, "--date", START.plusDays(2).toString()).exitCode());
        assertEquals(4, cw("run", TestServer.CLIENT_A, "--date", START.plusDays(3).toString()).exitCode());
        falseAlarm(false);
        CliRun caughtUp = cw("run", TestServer.CLIENT_A, "--date", START.plusDays(3).toString(), "--catch-up");
        assertEquals(0, caughtUp.exitCode(), caughtUp.out() + caughtUp.err());
        assertTrue(caughtUp.out().contains("catch-up: 1 stopped date(s)"), caughtUp.out());
        assertEquals(START.plusDays(2) + "=succeeded," + START.plusDays(3) + "=succeeded",
                queryOne("select string_agg(run_date || '=' || status, ',' order by id) from (select * from "
                        + SCHEMA + ".pipeline_runs order by id desc limit 2) as latest"),
                "the backlog ran first, in date order, then the date");
        assertEquals(0, count("select * from " + SCHEMA + ".stopped_dates()"), "no backlog is left");
    }
}
