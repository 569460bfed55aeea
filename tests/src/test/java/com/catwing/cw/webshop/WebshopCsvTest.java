package com.catwing.cw.webshop;

import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.load.RawLoader;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestS3;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web-shop CSV source end to end (issue 17 item 3, docs/production.md "The web-shop CSV dialect"): hand-made CSV
 * days (tests/src/test/resources/webshop/) with every kind of seed 003 dirt and three hostile rows go through the
 * loader, the Quality Mapper, the gate, load and step 12's star schema. Each cleansing rule is asserted on the
 * production row it touches; the hostile rows are isolated with their line and reason while the rest loads; a bad
 * second day (an unreadable transactions file) stops at the gate and loses nothing loaded before; a third day keeps
 * the last valid price of a product sent with price 0.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebshopCsvTest extends DbTest {
    private static final String CLIENT = "CW-000901";
    private static final String S = "cw_000901";
    private static final LocalDate DAY1 = LocalDate.of(2032, 3, 1);
    private static final LocalDate DAY2 = DAY1.plusDays(1);
    private static final LocalDate DAY3 = DAY1.plusDays(2);
    private static final List<String> FILES = List.of("customers.csv", "products.csv", "transactions.csv",
            "transaction_items.csv");
    private String day1Output;

    @BeforeAll
    void loadDayOne() throws Exception {
        exec("update cw_global.clients set erp_dialect_id = (select id from cw_global.erp_dialects "
                + "where code = 'webshop_csv') where code = '" + CLIENT + "'");
        for (LocalDate day : List.of(DAY1, DAY2, DAY3)) {
            for (String file : FILES) {
                try (InputStream in = getClass().getResourceAsStream("/webshop/" + day + "/" + file)) {
                    TestS3.store().put("raw-data/" + CLIENT + "/" + day + "/" + file, in.readAllBytes());
                }
            }
        }
        day1Output = ingest(DAY1);
        run(DAY1);
    }

    private String ingest(LocalDate day) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RawLoader(db, TestS3.store(), Tenant.of(CLIENT), new PrintStream(out, true, StandardCharsets.UTF_8))
                .load(day, day);
        return out.toString(StandardCharsets.UTF_8);
    }

    private void run(LocalDate day) throws SQLException {
        try (Connection c = connect(); CallableStatement cs = c.prepareCall(
                "call " + S + ".run_pipeline(?::date, null, null, null)")) {
            cs.setObject(1, day);
            cs.execute();
        }
    }

    /** Every row of the production tables the web shop loads, as one digest. */
    private String productionDigest() {
        return one("select md5(string_agg(rows_text, '|' order by rows_text)) from ("
                + "select 'o' || orders::text as rows_text from " + S + ".sales_orders as orders "
                + "union all select 'l' || lines::text from " + S + ".sales_order_lines as lines "
                + "union all select 'p' || products::text from " + S + ".products as products "
                + "union all select 'c' || customers::text from " + S + ".customers as customers) as all_rows");
    }

    private String one(String sql) {
        return queryOne(sql);
    }

    @Test
    @Order(1)
    void hostileRowsAreIsolatedWithLineAndReasonWhileTheRestLoads() {
        assertEquals("13", one("select record_count from " + S + "_staging.raw_files where object_key like "
                + "'%/2032-03-01/transaction_items.csv'"), "13 of the 16 item rows land: " + day1Output);
        assertEquals("13|unbalanced quote: a quoted value opened on line 13 is never closed;"
                        + "14|wrong column count: 6 value(s), the header has 8 column(s);"
                        + "15|not UTF-8: byte 0xE9 at position 34 of line 15 cannot be decoded (export the file as UTF-8)",
                one("select string_agg(line_no || '|' || reason, ';' order by line_no) from " + S
                        + "_staging.raw_record_rejects where file_date = '2032-03-01'"));
        assertTrue(day1Output.contains("line 13 rejected: unbalanced quote"), day1Output);
        assertEquals("16", one("select line_no from " + S + "_staging.raw_records where file_date = '2032-03-01' "
                + "and payload ->> 'transaction_item_id' = 'I15'"), "the row after the hostile ones loads, with its line");
        assertEquals("false|3 row(s)", one("select passed || '|' || actual_value from " + S + ".data_quality_checks "
                + "where check_name = 'malformed_rows' and endpoint = 'transaction_items'"));
        assertEquals("Tea Towel, Striped\nwith a two-line name", one("select name from " + S
                + ".products where erp_id = 'P004'"), "a quoted value with a comma and a line break");
    }

    @Test
    @Order(2)
    void theGatePassesWithTheCleansingWarningsAndScoresBelowOneHundred() {
        assertEquals("true", one("select gate_passed::text from " + S + ".data_quality_runs where run_date = "
                + "'2032-03-01'"));
        assertTrue(Double.parseDouble(one("select overall_score from " + S + ".data_quality_runs where run_date = "
                + "'2032-03-01'")) < 100);
        assertEquals("cleansing:cost_not_below_price=1;cleansing:discount_range=1;cleansing:invalid_date=1;"
                        + "cleansing:invalid_payment_method=1;cleansing:invalid_price=2;cleansing:invalid_quantity=2;"
                        + "cleansing:line_total_recalculated=1",
                one("select string_agg(check_name || '=' || failed_count, ';' order by check_name) from " + S
                        + ".data_quality_checks where check_name like 'cleansing:%' and not passed"));
        assertEquals("0", one("select count(*) from " + S + ".data_quality_checks as checks inner join " + S
                + ".data_quality_check_severities as severities on severities.id = "
                + "checks.data_quality_check_severity_id where not checks.passed and severities.name = 'critical'"),
                "no critical failure: negative quantities of a return, invalid prices are the load rules' business");
    }

    @Test
    @Order(3)
    void customersAreDeduplicatedStandardisedAndFilledWithUnknown() {
        assertEquals("John Smith|john.smith@example.com|Manchester", one("select concat_ws('|', name, email, "
                + "city_name) from " + S + ".customers where erp_id = 'C001'"), "the last of two C001 rows wins");
        assertEquals("Mary Ann O'Neil", one("select name from " + S + ".customers where erp_id = 'C002'"),
                "'  MARY  ann ' + 'o''neil': trimmed, blanks collapsed, title case");
        assertEquals("Unknown|Unknown", one("select name || '|' || city_name from " + S
                + ".customers where erp_id = 'C003'"));
        assertEquals("4", one("select count(*) from " + S + ".customers"));
    }

    @Test
    @Order(4)
    void invalidPricesAndCostsNotBelowThePriceAreNotTrusted() {
        assertNull(one("select erp_price from " + S + ".products where erp_id = 'P002'"),
                "a negative price of a new product: unknown");
        assertNull(one("select erp_price from " + S + ".products where erp_id = 'P004'"), "price 'abc': unknown");
        assertEquals("20.0000|", one("select erp_price || '|' || coalesce(erp_cost::text, '') from " + S
                + ".products where erp_id = 'P003'"), "cost 25 >= price 20: the cost is unknown");
        assertEquals("10.0000|4.0000", one("select erp_price || '|' || erp_cost from " + S
                + ".products where erp_id = 'P001'"));
    }

    @Test
    @Order(5)
    void linesAreRecalculatedInvalidQuantitiesRemovedDiscountsValidated() {
        String lines = "select string_agg(concat_ws(':', orders.erp_id, lines.line_no, lines.qty, lines.discount, "
                + "lines.revenue, lines.is_cancelled), ' ' order by orders.erp_id, lines.line_no) from " + S
                + ".sales_order_lines as lines inner join " + S + ".sales_orders as orders on orders.id = "
                + "lines.sales_order_id";
        assertEquals("C006:1:2.000:0.0000:20.0000:f R005:1:1.000:1.0000:9.0000:f "
                        + "T001:1:2.000:2.0000:18.0000:f T001:2:1.000:0.0000:20.0000:f "
                        + "T002:2:3.000:0.0000:15.0000:f T003:1:1.000:0.0000:10.0000:f "
                        + "T004:1:1.000:0.0000:3.5000:f T007:1:1.000:0.0000:8.0000:t "
                        + "T007:2:1.000:0.0000:10.0000:f T007:3:1.000:0.0000:20.0000:f",
                one(lines), "T001/2 sent 25.00 for 1 x 20.00: recalculated; T002/2 discount 1.5: ignored; "
                        + "T002/1 (qty 0) and T004/2 (qty -1 on a sale) removed");
        assertEquals("T002/1 invalid_quantity;T004/2 invalid_quantity;T008 invalid_date;T008/1 orphan_document",
                one("select string_agg(erp_key || ' ' || reason_code, ';' order by erp_key) from " + S
                        + ".load_rejects where entity in ('sales_orders', 'sales_order_lines')"),
                "T008's date 2032-03-32 does not exist: the transaction is rejected, the day's others load");
    }

    @Test
    @Order(6)
    void negativeQuantitiesAreAReturnAndPaymentMethodsAreValidated() {
        assertEquals("C006:return:paypal;R005:return:credit_card;T001:order:credit_card;T002:order:;"
                        + "T003:order:paypal;T004:order:paypal;T007:order:debit_card",
                one("select string_agg(concat_ws(':', orders.erp_id, orders.document_type, coalesce(methods.code, '')),"
                        + " ';' order by orders.erp_id) from " + S + ".sales_orders as orders left join " + S
                        + ".payment_methods as methods on methods.id = orders.payment_method_id"),
                "'Credit Card' is credit_card, 'Bitcoin' unknown; C006 (every quantity negative) is a return");
        assertEquals("T001", one("select original_erp_id from " + S + ".sales_orders where erp_id = 'R005'"));
        assertEquals("0", one("select count(*) from " + S + ".sales_order_lines where qty < 0"),
                "never negative demand");
        assertEquals("WEB|online", one("select erp_id || '|' || location_type from " + S + ".locations"),
                "the web shop's one location");
    }

    @Test
    @Order(7)
    void theStarSchemaHoldsTheCleansedSales() {
        // By hand from the day's files: sales T001 18 + 20, T002 15, T004 3.50, T007 10 + 20 (its line I10 cancelled,
        // T003 cancelled) = 86.50 for 9 units; returns R005 9 (1 unit) and C006 20 (2 units) = 29.00 for 3 units.
        assertEquals("57.5000|6.000|2|-29.0000", one("select concat_ws('|', sum(line_total), sum(quantity), "
                + "count(*) filter (where is_return), sum(line_total) filter (where is_return)) from " + S
                + "_stats.fact_sales"), "signed return rows: 86.50 sold - 29.00 refunded, 9 - 3 units");
        assertEquals("2032-03-01|4|2|57.5000|6.000|29.0000|3.000|21.6250", one("select concat_ws('|', full_date, "
                + "order_count, return_count, revenue, quantity, returned_revenue, returned_quantity, avg_order_value) "
                + "from " + S + "_stats.agg_daily_sales"), "4 sales orders, 2 returns; the average order is 86.50 / 4");
        assertEquals(one("select sum(revenue) || '|' || sum(sold_qty) from " + S + "_stats.sales_daily"),
                one("select sum(line_total) || '|' || sum(quantity) filter (where not is_return) from " + S
                        + "_stats.fact_sales"), "net revenue and units sold as in the sales statistics");
        assertEquals("57.5000|4|2|29.0000", one("select concat_ws('|', total_revenue, total_orders, total_returns, "
                + "total_returned_revenue) from " + S + "_stats.kpi_overview"), "the KPI overview is net of refunds");
        assertEquals("C001:1:1:29.0000:9.0000;C002:1:1:-5.0000:20.0000;C004:1:0:30.0000:0.0000",
                one("select string_agg(concat_ws(':', customers.erp_id, lifetime.order_count, lifetime.return_count, "
                        + "lifetime.revenue, lifetime.returned_revenue), ';' order by customers.erp_id) from " + S
                        + "_stats.agg_customer_lifetime as lifetime inner join " + S + ".customers on customers.id = "
                        + "lifetime.customer_id"), "C001: T001 38 - R005 9; C002: T002 15 - C006 20");
        assertEquals("Unknown|Unknown", one("select name || '|' || city_name from " + S + "_stats.dim_customers "
                + "where customer_erp_id = 'C003' and is_current"));
        assertEquals("John Smith", one("select name from " + S + "_stats.dim_customers where customer_erp_id = "
                + "'C001' and is_current"));
        assertEquals("0", one("select payment_method_sk from " + S + "_stats.fact_sales where order_erp_id = 'T002'"),
                "an unknown payment method is the unknown member of dim_payment_method");
    }

    @Test
    @Order(8)
    void aBadSecondDayStopsAtTheGateAndLosesNothing() throws Exception {
        String before = productionDigest();
        String output = ingest(DAY2);
        assertTrue(output.contains("transactions.csv") && output.contains("FAILED")
                && output.contains("column \"transaction_id\" appears twice"), output);
        SQLException stopped = assertThrows(SQLException.class, () -> run(DAY2));
        assertEquals("CW015", stopped.getSQLState());
        assertEquals(before, productionDigest(),
                "production untouched");
        assertEquals("10", one("select count(*) from " + S + ".sales_order_lines"));
    }

    @Test
    @Order(9)
    void aThirdDayKeepsTheLastValidPriceOfAProductSentWithPriceZero() throws Exception {
        ingest(DAY3);
        run(DAY3);
        assertEquals("10.0000", one("select erp_price from " + S + ".products where erp_id = 'P001'"));
        assertEquals("T201", one("select erp_id from " + S + ".sales_orders where order_date = '2032-03-03'"));
        assertEquals("3", one("select failed_count from " + S + ".data_quality_checks as checks inner join " + S
                + ".data_quality_runs as runs on runs.id = checks.data_quality_run_id where runs.run_date = "
                + "'2032-03-03' and checks.check_name = 'cleansing:invalid_price'"), "P001 (0), P002 (-5), P004 (abc)");
    }

    @Test
    @Order(10)
    void theIncrementalStarSchemaWithReturnsEqualsAFullRebuild() throws Exception {
        String checksums = "select string_agg(table_name || ':' || row_count || ':' || checksum, ';' order by "
                + "table_name) from " + S + ".stats_checksums()";
        String incremental = one(checksums);
        try (Connection c = connect(); CallableStatement cs = c.prepareCall("call " + S + ".stats_rebuild(?::date)")) {
            cs.setObject(1, DAY3);
            cs.execute();
        }
        assertEquals(incremental, one(checksums), "three nights refreshed incrementally = one full rebuild");
    }
}
