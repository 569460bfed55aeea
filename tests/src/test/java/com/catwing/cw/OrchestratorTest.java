package com.catwing.cw;

import com.catwing.cw.support.DbTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** run_pipeline: ordering, skipping, failure, resume, locking, abandoned runs, stop requests, validation. */
class OrchestratorTest extends DbTest {
    private static final String S = "cw_000901";
    private static final LocalDate DAY = LocalDate.of(2024, 3, 1);

    /** The orchestrator is tested on its own: every real step procedure is dropped in this class's database. */
    @BeforeEach
    void cleanSlate() {
        dropStepProcedures(S);
        exec("drop table if exists " + S + ".test_log; "
                + "create table " + S + ".test_log (step text, run_date date, at timestamptz default clock_timestamp()); "
                + "delete from " + S + ".pipeline_runs;");
    }

    private void call(LocalDate date, String from, String to, String scope) throws SQLException {
        try (Connection c = connect(); CallableStatement cs = c.prepareCall(
                "call " + S + ".run_pipeline(?::date, ?, ?, ?::jsonb)")) {
            cs.setObject(1, date);
            cs.setString(2, from);
            cs.setString(3, to);
            cs.setString(4, scope);
            cs.execute();
        }
    }

    private void installStep(String name, String body) {
        exec("create procedure " + S + ".step_" + name + "(p_run_date date, p_scope jsonb) language plpgsql as $$ begin "
                + body + " end $$");
    }

    private String stepStatuses() {
        return queryOne("select string_agg(step_name || '=' || status, ',' order by step_no) from " + S
                + ".pipeline_step_runs where pipeline_run_id = (select max(id) from " + S + ".pipeline_runs)");
    }

    @Test
    void stepsWithoutProcedureAreSkippedWithReasonNeverSucceeded() throws SQLException {
        call(DAY, null, null, null);
        assertEquals("13", queryOne("select count(*) from " + S + ".pipeline_step_runs where status = 'skipped'"));
        assertEquals("procedure cw_000901.step_load(date, jsonb) is not installed yet",
                queryOne("select detail ->> 'reason' from " + S + ".pipeline_step_runs where step_name = 'load'"));
        assertEquals("succeeded", queryOne("select status from " + S + ".pipeline_runs"));
    }

    @Test
    void installedStepsRunInCatalogOrderAndReportRows() throws SQLException {
        installStep("quality_gate", "insert into " + S + ".test_log (step, run_date) values ('quality_gate', p_run_date);");
        installStep("ingest", "insert into " + S + ".test_log (step, run_date) values ('ingest', p_run_date); "
                + "call " + S + ".report_step(10, 7, '{\"files\": 2}');");
        call(DAY, null, "load", null);
        assertEquals("ingest,quality_gate", queryOne("select string_agg(step, ',' order by at) from " + S + ".test_log"));
        assertEquals("ingest=succeeded,quality_gate=succeeded,load=skipped", stepStatuses());
        assertEquals("10|7|2", queryOne("select rows_in || '|' || rows_out || '|' || (detail ->> 'files') from " + S
                + ".pipeline_step_runs where step_name = 'ingest'"));
    }

    @Test
    void failingStepIsRecordedEarlierStepsStayCommittedAndRerunResumesThere() throws SQLException {
        installStep("ingest", "insert into " + S + ".test_log (step, run_date) values ('ingest', p_run_date);");
        installStep("quality_gate", "insert into " + S + ".test_log (step, run_date) values ('gate', p_run_date); "
                + "raise exception 'bad batch %', 42 using errcode = '22012';");
        SQLException e = assertThrows(SQLException.class, () -> call(DAY, null, "load", null));
        assertEquals("CW012", e.getSQLState());
        assertTrue(e.getMessage().contains("quality_gate") && e.getMessage().contains("bad batch 42"), e.getMessage());
        assertEquals("ingest=succeeded,quality_gate=failed", stepStatuses());
        assertEquals("22012", queryOne("select error_sqlstate from " + S + ".pipeline_step_runs where status = 'failed'"));
        assertEquals("ingest", queryOne("select string_agg(step, ',') from " + S + ".test_log"),
                "the ingest work is committed, the failed step's work is rolled back");
        assertEquals("failed", queryOne("select status from " + S + ".pipeline_runs"));

        exec("drop procedure " + S + ".step_quality_gate(date, jsonb)");
        installStep("quality_gate", "insert into " + S + ".test_log (step, run_date) values ('gate', p_run_date);");
        call(DAY, null, "load", null);
        assertEquals("quality_gate=succeeded,load=skipped", stepStatuses(), "the second run resumes at the failed step");
        assertEquals("ingest,gate", queryOne("select string_agg(step, ',' order by at) from " + S + ".test_log"));
        assertEquals(queryOne("select min(id) from " + S + ".pipeline_runs"),
                queryOne("select resumed_from_run_id from " + S + ".pipeline_runs order by id desc limit 1"));
    }

    @Test
    void secondConcurrentRunFailsAtOnce() throws Exception {
        try (Connection holder = connect(); Statement s = holder.createStatement()) {
            s.execute("select pg_advisory_lock(17239, 901)");
            long t0 = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> call(DAY, null, null, null));
            assertEquals("CW010", e.getSQLState());
            assertTrue(e.getMessage().contains("already in progress"), e.getMessage());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "the second run must not wait");
            s.execute("select pg_advisory_unlock(17239, 901)");
        }
        assertEquals("0", queryOne("select count(*) from " + S + ".pipeline_runs"), "a refused run records nothing");
    }

    @Test
    void killedRunIsMarkedAbandonedAndTheNextRunResumesFromItsStep() throws Exception {
        installStep("ingest", "insert into " + S + ".test_log (step, run_date) values ('ingest', p_run_date);");
        installStep("quality_gate", "perform pg_sleep(60);");
        CompletableFuture<Void> victim = CompletableFuture.runAsync(() -> {
            try {
                call(DAY, null, "load", null);
            } catch (SQLException ignored) {
                // terminated below
            }
        });
        long deadline = System.currentTimeMillis() + 20_000;
        while (!"running".equals(queryOne("select status from " + S + ".pipeline_step_runs where step_name = 'quality_gate'"))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        exec("select pg_terminate_backend(pid) from pg_stat_activity where query like 'call " + S + ".run_pipeline%' "
                + "and pid <> pg_backend_pid()");
        victim.get(20, TimeUnit.SECONDS);

        exec("drop procedure " + S + ".step_quality_gate(date, jsonb)");
        installStep("quality_gate", "insert into " + S + ".test_log (step, run_date) values ('gate', p_run_date);");
        call(DAY, null, "load", null);
        assertEquals("abandoned", queryOne("select status from " + S + ".pipeline_runs order by id limit 1"));
        assertEquals("abandoned", queryOne("select status from " + S + ".pipeline_step_runs where step_name = "
                + "'quality_gate' order by id limit 1"));
        assertEquals("quality_gate=succeeded,load=skipped", stepStatuses());
        assertEquals("ingest,gate", queryOne("select string_agg(step, ',' order by at) from " + S + ".test_log"));
    }

    @Test
    void aStepCanStopTheRunAndTheNextRunStartsAtThatStep() throws SQLException {
        installStep("ingest", "insert into " + S + ".test_log (step, run_date) values ('ingest', p_run_date);");
        installStep("quality_gate", "insert into " + S + ".test_log (step, run_date) values ('gate', p_run_date); "
                + "call " + S + ".request_stop('quality gate failed: 3 critical checks');");
        installStep("load", "insert into " + S + ".test_log (step, run_date) values ('load', p_run_date);");
        SQLException e = assertThrows(SQLException.class, () -> call(DAY, null, "load", null));
        assertEquals("CW015", e.getSQLState());
        assertEquals("ingest=succeeded,quality_gate=stopped", stepStatuses());
        assertEquals("ingest,gate", queryOne("select string_agg(step, ',' order by at) from " + S + ".test_log"),
                "the stopping step's own work is kept, later steps do not run");
        assertEquals("stopped", queryOne("select status from " + S + ".pipeline_runs"));
        assertTrue(queryOne("select error from " + S + ".pipeline_runs").contains("3 critical checks"));
    }

    @Test
    void stepRangeAndScopeAreValidated() {
        SQLException unknown = assertThrows(SQLException.class, () -> call(DAY, "loadd", null, null));
        assertEquals("CW011", unknown.getSQLState());
        SQLException reversed = assertThrows(SQLException.class, () -> call(DAY, "load", "ingest", null));
        assertEquals("CW011", reversed.getSQLState());
        SQLException scope = assertThrows(SQLException.class, () -> call(DAY, null, null, "{\"shops\": [1]}"));
        assertEquals("CW013", scope.getSQLState());
        SQLException scopeType = assertThrows(SQLException.class, () -> call(DAY, null, null, "{\"products\": \"P1\"}"));
        assertEquals("CW013", scopeType.getSQLState());
        SQLException noDate = assertThrows(SQLException.class, () -> call(null, null, null, null));
        assertEquals("CW014", noDate.getSQLState());
        assertEquals("0", queryOne("select count(*) from " + S + ".pipeline_runs"));
    }

    @Test
    void scopeIsPassedToStepsAndRecorded() throws SQLException {
        installStep("ingest", "insert into " + S + ".test_log (step, run_date) values (p_scope::text, p_run_date);");
        call(DAY, "ingest", "ingest", "{\"products\": [\"P000001\"]}");
        assertEquals("{\"products\": [\"P000001\"]}", queryOne("select step from " + S + ".test_log"));
        assertEquals("{\"products\": [\"P000001\"]}", queryOne("select scope::text from " + S + ".pipeline_runs"));
        assertNull(queryOne("select resumed_from_run_id from " + S + ".pipeline_runs"));
    }
}
