package com.catwing.cw.ingest;

import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.load.RawLoader;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestS3;
import com.catwing.cw.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Step 2 on generated data: clean data scores 100; every defect the generator injects (its manifest) is caught by
 * the named check with the documented severity; a failed gate stops the run before load and stays out of the
 * baseline.
 */
class QualityGateTest extends DbTest {
    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 20;
    /** Defect kind of the generator's manifest -> the gateway check that must catch it, and its severity. */
    private static final Map<String, String[]> CAUGHT_BY = Map.ofEntries(
            Map.entry("duplicate_record", new String[] {"duplicate_keys", "warning"}),
            Map.entry("missing_required_field", new String[] {"required_fields", "critical"}),
            Map.entry("orphan_reference", new String[] {"orphan_references", null}),
            Map.entry("negative_quantity", new String[] {"negative_values", "critical"}),
            Map.entry("negative_price", new String[] {"negative_values", "critical"}),
            Map.entry("absurd_quantity", new String[] {"absurd_values", "warning"}),
            Map.entry("absurd_price", new String[] {"absurd_values", "warning"}),
            Map.entry("future_date", new String[] {"future_dates", "critical"}),
            Map.entry("ancient_date", new String[] {"ancient_dates", "critical"}),
            Map.entry("stale_snapshot", new String[] {"stale_snapshot", "critical"}),
            Map.entry("schema_drift", new String[] {"unexpected_fields", "warning"}),
            Map.entry("volume_collapse", new String[] {"volume_change", "critical"}),
            Map.entry("truncated_file", new String[] {"file_parsable", "critical"}),
            Map.entry("malformed_json", new String[] {"file_parsable", "critical"}),
            Map.entry("hostile_string", new String[] {"suspicious_text", "warning"}));

    private S3Store s3;

    @BeforeAll
    void generateAndLoad() {
        s3 = TestS3.store();
        // Client B speaks the navision dialect in this test: both mappings are exercised.
        exec("update cw_global.clients set erp_dialect_id = (select id from cw_global.erp_dialects where code = 'navision') "
                + "where code = '" + TestServer.CLIENT_B + "'");
        // A volume collapse is a warning by default; client B makes it critical, as a client may.
        exec("update cw_global.clients set settings = jsonb_set(settings, '{quality}', "
                + "'{\"critical_checks\": [\"volume_change\"]}') "
                + "where code = '" + TestServer.CLIENT_B + "'");
        TestS3.generate(TestServer.CLIENT_A, START, DAYS, "catwing", "none", 5);
        TestS3.generate(TestServer.CLIENT_B, START, DAYS, "navision", "all", 6);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        new RawLoader(db, s3, Tenant.of(TestServer.CLIENT_A), quiet).load(START, START.plusDays(DAYS - 1));
        new RawLoader(db, s3, Tenant.of(TestServer.CLIENT_B), quiet).load(START, START.plusDays(DAYS - 1));
    }

    private void gate(String schema, LocalDate day) throws SQLException {
        run(schema, day, "quality_gate");
    }

    private void run(String schema, LocalDate day, String toStep) throws SQLException {
        try (Connection c = connect(); CallableStatement cs = c.prepareCall(
                "call " + schema + ".run_pipeline(?::date, null, ?, null)")) {
            cs.setObject(1, day);
            cs.setString(2, toStep);
            cs.execute();
        }
    }

    @Test
    void cleanDataPassesEveryDayWithScore100AndTheFirstRunHasNoBaseline() throws SQLException {
        for (int d = 0; d < DAYS; d++) {
            gate("cw_000901", START.plusDays(d));
        }
        assertEquals(String.valueOf(DAYS), queryOne("select count(*) from cw_000901.data_quality_runs "
                + "where gate_passed and overall_score = 100"),
                () -> "failing checks on clean data: " + queryOne("select string_agg(run_date || ' ' || endpoint || ' ' "
                        + "|| check_name || ': ' || coalesce(detail, ''), '; ') from cw_000901.data_quality_checks "
                        + "inner join cw_000901.data_quality_runs on data_quality_runs.id = data_quality_run_id "
                        + "where not passed"));
        assertEquals("no baseline — first run", queryOne("select distinct detail from cw_000901.data_quality_checks "
                + "inner join cw_000901.data_quality_runs on data_quality_runs.id = data_quality_run_id "
                + "where run_date = '2024-01-01' and check_name = 'volume_change'"));
        run("cw_000901", START, "load");
        assertEquals("1", queryOne("select count(*) from cw_000901.pipeline_step_runs where step_name = 'load' "
                + "and status in ('succeeded', 'skipped') and pipeline_run_id = (select max(id) from "
                + "cw_000901.pipeline_runs)"), "a passing gate lets the run go on to load");
        String before = queryOne("select count(*) || '/' || sum(overall_score) from cw_000901.data_quality_runs");
        gate("cw_000901", START);
        assertEquals(before, queryOne("select count(*) || '/' || sum(overall_score) from cw_000901.data_quality_runs"),
                "re-running the gate for a date replaces its run");
    }

    @Test
    void everyInjectedDefectIsCaughtByItsNamedCheck() throws Exception {
        for (int d = 0; d < DAYS; d++) {
            try {
                gate("cw_000902", START.plusDays(d));
            } catch (SQLException e) {
                assertEquals("CW015", e.getSQLState(), e.getMessage());
            }
        }
        JsonNode manifest = new ObjectMapper().readTree(s3.getBytes(
                "client-data/" + TestServer.CLIENT_B + "/ground-truth/defects-manifest.json"));
        List<String> missed = new ArrayList<>();
        int checked = 0;
        for (JsonNode entry : manifest.get("defects")) {
            String kind = entry.get("kind").asText();
            String file = entry.get("file").asText();
            String[] expect = CAUGHT_BY.get(kind);
            assertTrue(expect != null, "manifest kind without an expected check: " + kind);
            String[] parts = file.split("/");
            String date = parts[2];
            String endpoint = parts[3].replaceAll("\\..*$", "");
            String found = queryOne("select string_agg(severities.name, ',') from cw_000902.data_quality_checks as checks "
                    + "inner join cw_000902.data_quality_runs as runs on runs.id = checks.data_quality_run_id "
                    + "inner join cw_000902.data_quality_check_severities as severities "
                    + "on severities.id = checks.data_quality_check_severity_id "
                    + "where runs.run_date = '" + date + "' and checks.endpoint = '" + endpoint + "' "
                    + "and split_part(checks.check_name, ':', 1) = '" + expect[0] + "' and not checks.passed");
            checked++;
            if (found == null || (expect[1] != null && !found.contains(expect[1]))) {
                missed.add(kind + " in " + file + " (expected " + expect[0] + "/" + expect[1] + ", found " + found + ")");
            }
        }
        assertTrue(checked >= 15, "the 'all' profile injects every kind");
        assertEquals(List.of(), missed, () -> "defects not caught; raw files per day: " + queryOne(
                "select string_agg(file_date || '=' || n, ', ') from (select file_date, count(*) as n from "
                + "cw_000902_staging.raw_files group by 1 order by 1) as per_day") + "; quality runs: " + queryOne(
                "select string_agg(run_date || '=' || overall_score, ', ' order by run_date) from cw_000902.data_quality_runs"));
        assertEquals("false", queryOne("select bool_or(is_baseline_eligible)::text from cw_000902.data_quality_check_reports "
                + "inner join cw_000902.data_quality_runs using (run_date) where not gate_passed"),
                "a run that failed the gate never enters the baseline");
    }

    @Test
    void aFailedGateStopsTheRunBeforeLoad() {
        LocalDate day = LocalDate.of(2024, 1, 15);  // the day the 'all' profile truncates and corrupts files
        SQLException e = assertThrows(SQLException.class, () -> run("cw_000902", day, "load"));
        assertEquals("CW015", e.getSQLState());
        assertEquals("ingest=succeeded,quality_gate=stopped", queryOne("select string_agg(step_name || '=' || status, ',' "
                + "order by step_no) from cw_000902.pipeline_step_runs where pipeline_run_id = "
                + "(select max(id) from cw_000902.pipeline_runs)"));
        assertEquals("stopped", queryOne("select status from cw_000902.pipeline_runs order by id desc limit 1"));
    }
}
