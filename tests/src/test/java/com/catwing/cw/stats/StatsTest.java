package com.catwing.cw.stats;

import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.load.RawLoader;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestS3;
import com.catwing.cw.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Step 12 (stats) on generated data (client A, 14 days across a month end): the nightly incremental refreshes give
 * the same 16 tables as a full rebuild (checksums), a re-run writes nothing, and a correction of a past day (a sales
 * line changed, a stock reading reloaded) reaches the daily, weekly, monthly and yearly tables exactly as a rebuild.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatsTest extends DbTest {
    private static final LocalDate START = LocalDate.of(2024, 9, 23);
    private static final int DAYS = 14;
    private static final LocalDate LAST = START.plusDays(DAYS - 1);
    private static final String A = "cw_000901";

    @BeforeAll
    void generateAndLoadRaw() {
        TestS3.generate(TestServer.CLIENT_A, START, DAYS, "catwing", "none", 12);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        new RawLoader(db, TestS3.store(), Tenant.of(TestServer.CLIENT_A), quiet).load(START, LAST);
    }

    private void run(LocalDate day, String from) throws SQLException {
        try (Connection c = connect(); CallableStatement cs = c.prepareCall(
                "call " + A + ".run_pipeline(?::date, ?, 'stats', null)")) {
            cs.setObject(1, day);
            cs.setString(2, from);
            cs.execute();
        }
    }

    private String checksums() {
        return queryOne("select string_agg(table_name || '=' || row_count || ':' || checksum, ' ' order by table_name) "
                + "from " + A + ".stats_checksums()");
    }

    /** Checksums after a full rebuild, rolled back so the incremental state stays for the next test. */
    private String rebuiltChecksums() throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (var s = c.createStatement()) {
                s.execute("call " + A + ".stats_rebuild('" + LAST + "')");
                try (var rs = s.executeQuery("select string_agg(table_name || '=' || row_count || ':' || checksum, "
                        + "' ' order by table_name) from " + A + ".stats_checksums()")) {
                    rs.next();
                    return rs.getString(1);
                }
            } finally {
                c.rollback();
            }
        }
    }

    @Test
    @Order(1)
    void nightlyIncrementalRefreshesEqualAFullRebuild() throws SQLException {
        for (int d = 0; d < DAYS; d++) {
            run(START.plusDays(d), null);
        }
        assertEquals(String.valueOf(DAYS - 1), queryOne("select count(*) from " + A
                + "_stats.stats_runs where refresh_mode = 'incremental'"),
                "every refresh after the first is incremental");
        assertEquals("1", queryOne("select dates_touched from " + A + "_stats.stats_runs order by id desc limit 1"),
                "a new day recomputes only its own daily rows");
        for (String table : new String[] {"sales_daily", "inventory_daily", "service_daily", "sales_weekly",
                "inventory_monthly", "service_yearly", "forecast_daily", "forecast_weekly", "forecast_yearly"}) {
            assertTrue(count("select from " + A + "_stats." + table) > 0, table + " is empty");
        }
        assertEquals(2L, count("select distinct period_start from " + A + "_stats.service_monthly"),
                "September and October");
        assertEquals(rebuiltChecksums(), checksums(), "incremental refreshes differ from a full rebuild");
    }

    @Test
    @Order(2)
    void runningTheStepAgainWritesNothing() throws SQLException {
        String before = checksums();
        run(LAST, "stats");
        assertEquals(before, checksums(), "a re-run changed the statistics");
        assertEquals("0", queryOne("select coalesce(sum(value::bigint), 0) from " + A + "_stats.stats_runs, "
                + "jsonb_each_text(rows_written) where stats_runs.id = (select max(id) from " + A
                + "_stats.stats_runs)"), "a re-run wrote rows");
    }

    @Test
    @Order(3)
    void aCorrectedPastDayReachesEveryGranularityAsARebuildWould() throws SQLException {
        LocalDate past = START.plusDays(3);
        // A re-sent sales order of a past day (what load writes when the ERP corrects a document) ...
        exec("update " + A + ".sales_order_lines set qty = qty + 5, revenue = revenue + 50, updated_at = now() "
                + "where id = (select min(lines.id) from " + A + ".sales_order_lines as lines inner join " + A
                + ".sales_orders as orders on orders.id = lines.sales_order_id where orders.order_date = '" + past
                + "' and lines.is_active)");
        // ... and a reloaded stock reading of a past day (load rewrites the balance and the date's raw hash).
        exec("update " + A + ".inventory_balances set qty_available = qty_available + 7, updated_at = now() "
                + "where id = (select min(id) from " + A + ".inventory_balances where balance_date = '" + past + "')");
        exec("update " + A + ".inventory_snapshots set raw_hash = coalesce(raw_hash, 0) + 1 where snapshot_date = '"
                + past + "'");
        String before = checksums();
        run(LAST, "demand_history");
        String after = checksums();
        assertTrue(!before.equals(after), "the correction did not reach the statistics");
        assertTrue(Long.parseLong(queryOne("select dates_touched from " + A
                + "_stats.stats_runs order by id desc limit 1")) < DAYS, "the correction recomputed every day");
        assertEquals(rebuiltChecksums(), after, "incremental correction differs from a full rebuild");
    }

    @Test
    @Order(4)
    void theStarSchemaAgreesWithProductionAndTheStatistics() {
        assertEquals(queryOne("select count(*) from " + A + ".sales_order_lines as lines inner join " + A
                + ".sales_orders as orders on orders.id = lines.sales_order_id where lines.is_active "
                + "and not lines.is_cancelled and orders.status is distinct from 'cancelled'"),
                queryOne("select count(*) from " + A + "_stats.fact_sales"), "one fact row per sold line");
        assertEquals(queryOne("select sum(revenue) from " + A + "_stats.sales_daily"),
                queryOne("select sum(line_total) from " + A + "_stats.fact_sales"), "fact revenue = sales statistics");
        assertEquals(queryOne("select sum(revenue) from " + A + "_stats.agg_daily_sales"),
                queryOne("select sum(revenue) from " + A + "_stats.agg_product_sales"), "aggregates agree");
        for (String[] dim : new String[][] {{"dim_products", "product_sk", "product_as_of"},
                {"dim_customers", "customer_sk", "customer_as_of"}}) {
            String asOfDim = "select dim." + dim[1] + " from " + A + "_stats." + dim[0] + " as dim where dim."
                    + dim[1] + " <> 0 and dim.effective_date <= day and (dim.end_date is null or dim.end_date >= day)";
            String asOfFn = "select versions.id from " + A + "." + dim[2] + "(day::date) as versions";
            assertEquals(0L, count("select from generate_series('" + START.minusDays(1) + "'::date, '" + LAST
                    + "', interval '1 day') as day cross join lateral ((" + asOfDim + " except " + asOfFn
                    + ") union all (" + asOfFn + " except " + asOfDim + ")) as differences"),
                    dim[0] + " as of a day differs from " + dim[2]);
        }
        assertTrue(count("select from " + A + "_stats.dim_customers where not is_current") > 0
                || count("select from " + A + "_stats.dim_products where not is_current") > 0,
                "the generated world has no history to compare");
    }

    @Test
    @Order(5)
    void aRebuildIsRefusedWhileAPipelineRunHoldsTheLock() throws SQLException {
        try (Connection run = connect(); Connection dba = connect()) {
            try (var s = run.createStatement()) {
                s.execute("select pg_advisory_lock(17239, 901)");
            }
            SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> {
                try (var s = dba.createStatement()) {
                    s.execute("call " + A + ".stats_rebuild('" + LAST + "')");
                }
            });
            assertEquals("CW122", refused.getSQLState(), refused.getMessage());
        }
    }
}
