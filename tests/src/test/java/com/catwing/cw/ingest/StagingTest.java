package com.catwing.cw.ingest;

import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.load.RawLoader;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestS3;
import com.catwing.cw.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The loader maps the files of the last day it loads into the typed staging tables (overlapping the landing of the
 * next file); the quality gate keeps what is staged for its date and maps the rest; both paths give the same rows.
 * Client B with dates in 2029: no other test class generates those keys into the shared bucket. Each test uses its
 * own days, so the order they run in does not matter.
 */
class StagingTest extends DbTest {
    private static final String CLIENT = TestServer.CLIENT_B;
    private static final String STAGING = "cw_000902_staging";
    private static final LocalDate DAY1 = LocalDate.of(2029, 1, 1);
    private static final String STAGED_ROWS_CHECKSUM = "select md5(string_agg(t, ',' order by t)) from ("
            + "select 'p' || staging_products::text as t from cw_000902_staging.staging_products "
            + "union all select 'l' || staging_locations::text from cw_000902_staging.staging_locations "
            + "union all select 's' || staging_suppliers::text from cw_000902_staging.staging_suppliers "
            + "union all select 'r' || staging_prices::text from cw_000902_staging.staging_prices "
            + "union all select 'so' || staging_sales_orders::text from cw_000902_staging.staging_sales_orders "
            + "union all select 'po' || staging_purchase_orders::text from cw_000902_staging.staging_purchase_orders "
            + "union all select 'ro' || staging_receiving_orders::text from cw_000902_staging.staging_receiving_orders "
            + "union all select 'st' || staging_store_orders::text from cw_000902_staging.staging_store_orders "
            + "union all select 'to' || staging_transfer_orders::text from cw_000902_staging.staging_transfer_orders "
            + "union all select 'i' || staging_inventory_balances::text "
            + "from cw_000902_staging.staging_inventory_balances) as staged";
    private S3Store s3;

    @BeforeAll
    void generate() {
        s3 = TestS3.store();
        TestS3.generate(CLIENT, DAY1, 6, "catwing", "none", 13);
    }

    private RawLoader.Summary load(LocalDate day) {
        return new RawLoader(db, s3, Tenant.of(CLIENT), new PrintStream(OutputStream.nullOutputStream())).load(day, day);
    }

    private long mapToStaging(LocalDate day) throws SQLException {
        try (Connection c = connect(); CallableStatement cs = c.prepareCall("call cw_000902.map_to_staging(?, ?)")) {
            cs.setObject(1, day);
            cs.setNull(2, java.sql.Types.BIGINT);
            cs.registerOutParameter(2, java.sql.Types.BIGINT);
            cs.execute();
            return cs.getLong(2);
        }
    }

    private String stagedDates() {
        return queryOne("select string_agg(distinct file_date::text, ',') from " + STAGING + ".staged_files");
    }

    private void run(LocalDate day, String fromStep, String toStep) throws SQLException {
        try (Connection c = connect(); CallableStatement cs = c.prepareCall(
                "call cw_000902.run_pipeline(?::date, ?, ?, null)")) {
            cs.setObject(1, day);
            cs.setString(2, fromStep);
            cs.setString(3, toStep);
            cs.execute();
        }
    }

    @Test
    void theLoaderStagesItsLastDayAndTheGateKeepsItWithTheSameRowsAsMappingFromScratch() throws SQLException {
        LocalDate day2 = DAY1.plusDays(1);
        RawLoader.Summary sum = new RawLoader(db, s3, Tenant.of(CLIENT), new PrintStream(OutputStream.nullOutputStream()))
                .load(DAY1, day2);
        assertEquals(20, sum.loaded);
        assertEquals(10, sum.staged, "the files of the last day of the range are mapped by the loader");
        assertEquals(day2.toString(), stagedDates());
        String loaderRows = queryOne(STAGED_ROWS_CHECKSUM);
        String stagedAt = queryOne("select max(staged_at)::text from " + STAGING + ".staged_files");

        assertEquals(sum.stagedRows, mapToStaging(day2), "the gate's mapper counts what the loader staged");
        assertEquals(stagedAt, queryOne("select max(staged_at)::text from " + STAGING + ".staged_files"),
                "what is staged for the date is kept, not mapped again");

        exec("call cw_000902.truncate_staging()");
        assertEquals(sum.stagedRows, mapToStaging(day2));
        assertEquals(loaderRows, queryOne(STAGED_ROWS_CHECKSUM), "file by file or all at once: the same staging rows");

        mapToStaging(DAY1);
        assertEquals(DAY1.toString(), stagedDates(), "another date replaces the staged batch");
        assertEquals("0", queryOne("select count(*) from " + STAGING + ".staging_products as products "
                + "inner join " + STAGING + ".raw_files as files on files.id = products.raw_file_id "
                + "where files.file_date <> '" + DAY1 + "'"));
    }

    @Test
    void aBatchThatPassedItsGateIsNotReplacedByTheLoaderUntilItIsLoaded() throws SQLException {
        LocalDate day3 = DAY1.plusDays(2);
        LocalDate day4 = DAY1.plusDays(3);
        LocalDate day5 = DAY1.plusDays(4);
        load(day3);
        run(day3, null, "quality_gate");
        assertEquals("true", queryOne("select gate_passed::text from cw_000902.data_quality_runs where run_date = '"
                + day3 + "'"));

        RawLoader.Summary next = load(day4);
        assertEquals(0, next.staged, "the gated batch waits for its load step");
        assertEquals(day3.toString(), stagedDates());

        run(day3, "load", "load");
        assertEquals("succeeded", queryOne("select status from cw_000902.pipeline_step_runs where step_name = 'load' "
                + "order by id desc limit 1"));

        RawLoader.Summary after = load(day5);
        assertEquals(10, after.staged, "once loaded, the batch may be replaced");
        assertEquals(day5.toString(), stagedDates());
    }

    @Test
    void aChangedMappingIsMappedAgain() throws SQLException {
        LocalDate day6 = DAY1.plusDays(5);
        load(day6);
        mapToStaging(day6);
        String version = queryOne("select distinct mapping_version from " + STAGING + ".staged_files");
        exec("update cw_global.erp_field_mappings set is_required = not is_required where staging_column = 'brand' "
                + "and erp_endpoint_mapping_id = (select endpoint_mappings.id from cw_global.erp_endpoint_mappings "
                + "as endpoint_mappings inner join cw_global.clients on clients.erp_dialect_id = "
                + "endpoint_mappings.erp_dialect_id where clients.code = '" + CLIENT + "' and endpoint = 'products')");
        try {
            mapToStaging(day6);
            String changed = queryOne("select string_agg(distinct mapping_version, ',') from " + STAGING
                    + ".staged_files");
            assertNotEquals(version, changed, "every file is mapped again with the new mapping");
            assertEquals(queryOne("select cw_000902.staging_mapping_version()"), changed);
        } finally {
            exec("update cw_global.erp_field_mappings set is_required = not is_required where staging_column = 'brand' "
                    + "and erp_endpoint_mapping_id = (select endpoint_mappings.id from cw_global.erp_endpoint_mappings "
                    + "as endpoint_mappings inner join cw_global.clients on clients.erp_dialect_id = "
                    + "endpoint_mappings.erp_dialect_id where clients.code = '" + CLIENT + "' and endpoint = 'products')");
        }
    }

    @Test
    void rawRecordsStillNeedTheirRegistryRow() {
        LocalDate day6 = DAY1.plusDays(5);
        load(day6);
        SQLException orphan = assertThrows(SQLException.class, () -> {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("insert into " + STAGING + ".raw_records (file_id, file_date, endpoint, record_no, payload) "
                        + "values (987654321, '" + day6 + "', 'products', 1, '{}')");
            }
        });
        assertEquals("23503", orphan.getSQLState(), orphan.getMessage());
        SQLException orphaned = assertThrows(SQLException.class, () -> {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("delete from " + STAGING + ".raw_files where file_date = '" + day6 + "' and status = 'loaded' "
                        + "and record_count > 0");
            }
        });
        assertEquals("23503", orphaned.getSQLState(), orphaned.getMessage());
    }
}
