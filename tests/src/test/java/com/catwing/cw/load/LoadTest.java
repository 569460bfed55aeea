package com.catwing.cw.load;

import com.catwing.cw.db.Migrator.Tenant;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steps 3-4 on generated data, both dialects (client A catwing, client B navision): the pipeline loads every day
 * through load and health without rejects, the health monitor reconciles every entity, loading the same day again
 * leaves every production table byte-identical, and the SCD2 history is consistent with the current rows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadTest extends DbTest {
    private static final LocalDate START = LocalDate.of(2024, 1, 1);
    private static final int DAYS = 4;
    private static final String A = "cw_000901";
    private static final String B = "cw_000902";
    /** Production tables whose contents must not change when a day is loaded again. */
    private static final List<String> TABLES = List.of("brands", "product_categories", "suppliers", "locations",
            "location_lanes", "products", "product_suppliers", "price_lists", "prices", "payment_methods", "customers",
            "sales_orders", "sales_order_lines", "purchase_orders", "purchase_order_lines", "store_orders",
            "store_order_lines", "transfer_orders", "transfer_order_lines", "receiving_orders",
            "receiving_order_lines", "inventory_snapshots", "inventory_balances", "product_versions",
            "location_versions", "supplier_versions", "customer_versions");

    @BeforeAll
    void generateAndLoadRaw() {
        exec("update cw_global.clients set erp_dialect_id = (select id from cw_global.erp_dialects where code = 'navision') "
                + "where code = '" + TestServer.CLIENT_B + "'");
        TestS3.generate(TestServer.CLIENT_A, START, DAYS, "catwing", "none", 11);
        TestS3.generate(TestServer.CLIENT_B, START, DAYS, "navision", "none", 12);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        new RawLoader(db, TestS3.store(), Tenant.of(TestServer.CLIENT_A), quiet).load(START, START.plusDays(DAYS - 1));
        new RawLoader(db, TestS3.store(), Tenant.of(TestServer.CLIENT_B), quiet).load(START, START.plusDays(DAYS - 1));
    }

    private void run(String schema, LocalDate day, String from, String to) throws SQLException {
        try (Connection c = connect(); CallableStatement cs = c.prepareCall(
                "call " + schema + ".run_pipeline(?::date, ?, ?, null)")) {
            cs.setObject(1, day);
            cs.setString(2, from);
            cs.setString(3, to);
            cs.execute();
        }
    }

    private Map<String, String> checksums(String schema) {
        Map<String, String> sums = new LinkedHashMap<>();
        for (String t : TABLES) {
            sums.put(t, queryOne("select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t.id)), '-') "
                    + "from " + schema + "." + t + " as t"));
        }
        return sums;
    }

    @Test
    @Order(1)
    void everyDayOfBothDialectsLoadsWithoutRejectsAndReconciles() throws SQLException {
        for (int d = 0; d < DAYS; d++) {
            run(A, START.plusDays(d), null, "health");
            run(B, START.plusDays(d), null, "health");
        }
        for (String s : List.of(A, B)) {
            assertEquals(String.valueOf(DAYS * 2), queryOne("select count(*) from " + s + ".pipeline_step_runs "
                    + "where step_name in ('load', 'health') and status = 'succeeded'"), s + ": load and health ran");
            assertEquals("0", queryOne("select count(*) from " + s + ".load_rejects"),
                    () -> s + " rejects on clean data: " + queryOne("select string_agg(reason, '; ') from " + s
                            + ".load_rejects"));
            assertEquals("0", queryOne("select count(*) from " + s + ".data_health_reports as reports "
                    + "cross join jsonb_array_elements(coalesce(reports.anomalies, '[]')) as anomaly "
                    + "where anomaly ->> 'check' in ('unreconciled_rows', 'reject_rate_pct', 'orphan_rate_pct')"),
                    () -> s + " health anomalies: " + queryOne("select string_agg(anomalies::text, '; ') from " + s
                            + ".data_health_reports"));
            assertEquals(String.valueOf(DAYS), queryOne("select count(*) from " + s + ".data_health_reports"));
            assertEquals("0", queryOne("select count(*) from " + s + ".products where cost is null or price is null"),
                    s + ": money normalised for every product");
            assertTrue(count("select from " + s + ".sales_order_lines") > 100, s + ": sales lines loaded");
            assertTrue(count("select from " + s + ".inventory_balances") > 100, s + ": balances loaded");
            assertEquals("0", queryOne("select count(*) from " + s + ".locations where location_type = 'store' "
                    + "and parent_location_id is null"), s + ": every store has its DC");
        }
        // Client B keeps its books in PLN: EUR prices from the ERP are converted at the reference rate.
        assertEquals("true", queryOne("select bool_and(abs(cost - round(erp_cost * cw_000902.fx_factor(1::smallint, "
                + "'2024-01-01'), 4)) < 0.0001)::text from " + B + ".products"));
        assertEquals("online", queryOne("select location_type from " + B + ".locations where erp_id like 'WEB-%'"),
                "navision WEBSHOP is the canonical online type");
        assertEquals("0", queryOne("select count(*) from " + B + ".customers where erp_id = 'CASH'"),
                "navision's CASH customer is an anonymous sale, not a customer");
        assertEquals("0", queryOne("select count(*) from " + B + ".purchase_orders where status not in "
                + "('confirmed', 'partially_received', 'received', 'cancelled')"), "navision PO statuses mapped");
    }

    @Test
    @Order(2)
    void loadingTheSameDayAgainLeavesIdenticalTableChecksums() throws SQLException {
        LocalDate last = START.plusDays(DAYS - 1);
        for (String s : List.of(A, B)) {
            Map<String, String> before = checksums(s);
            run(s, last, "quality_gate", "load");
            assertEquals(before, checksums(s), s + ": a second load of the same day changed production");
            assertEquals("0", queryOne("select sum(rows_inserted + rows_updated + rows_deactivated) from " + s
                    + ".load_entity_stats where run_date = '" + last + "'"), s + ": the reload wrote no row");
        }
    }

    @Test
    @Order(3)
    void historyVersionsAreContiguousAndTheCurrentOnesMatchTheProducts() {
        for (String s : List.of(A, B)) {
            assertEquals("0", queryOne("select count(*) from " + s + ".products where (select count(*) from " + s
                    + ".product_versions as v where v.product_id = products.id and v.is_current) <> 1"),
                    s + ": exactly one current version per product");
            assertEquals("0", queryOne("select count(*) from " + s + ".product_versions as v where not v.is_current "
                    + "and not exists (select from " + s + ".product_versions as n where n.product_id = v.product_id "
                    + "and n.valid_from = v.valid_to)"), s + ": a closed version is followed by the next one");
            assertEquals("0", queryOne("select count(*) from " + s + ".products inner join " + s + ".product_as_of('"
                    + START.plusDays(DAYS - 1) + "') as v on v.product_id = products.id where (v.name, v.price, "
                    + "v.is_active) is distinct from (products.name, products.price, products.is_active)"),
                    s + ": as of the last day, the history equals the current rows");
            assertTrue(count("select from " + s + ".customer_versions") >= count("select from " + s + ".customers"));
        }
    }
}
