package com.catwing.cw.demand;

import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.load.RawLoader;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestS3;
import com.catwing.cw.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Step 5 (demand_history): on generated data (client A, 28 days) the step is incremental (a new day rewrites only
 * its own date), idempotent, honours a scope, and its imputation is closer to the generator's true demand than raw
 * sales on stockout days; on a hand-made fixture (client B) the imputed quantities equal an independent computation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemandHistoryTest extends DbTest {
    private static final LocalDate START = LocalDate.of(2024, 3, 1);
    private static final int DAYS = 28;
    private static final String A = "cw_000901";
    private static final String B = "cw_000902";
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    void generateAndLoadRaw() {
        TestS3.generate(TestServer.CLIENT_A, START, DAYS, "catwing", "none", 7);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        new RawLoader(db, TestS3.store(), Tenant.of(TestServer.CLIENT_A), quiet).load(START, START.plusDays(DAYS - 1));
    }

    private void run(String schema, LocalDate day, String from, String to, String scope) throws SQLException {
        try (Connection c = connect(); CallableStatement cs = c.prepareCall(
                "call " + schema + ".run_pipeline(?::date, ?, ?, ?::jsonb)")) {
            cs.setObject(1, day);
            cs.setString(2, from);
            cs.setString(3, to);
            cs.setString(4, scope);
            cs.execute();
        }
    }

    /** Checksum of demand_history rows matching a condition, including xmin: a rewritten row changes it. */
    private String checksum(String where) {
        return queryOne("select count(*) || ':' || coalesce(md5(string_agg(h.xmin::text || '/' || h::text, '|' "
                + "order by h.id)), '-') from " + A + ".demand_history as h where " + where);
    }

    @Test
    @Order(1)
    void aNewDayRewritesOnlyTheDatesItTouches() throws SQLException {
        for (int d = 0; d < DAYS - 1; d++) {
            run(A, START.plusDays(d), null, "demand_history", null);
        }
        LocalDate last = START.plusDays(DAYS - 1);
        assertTrue(count("select from " + A + ".demand_history") > 1000, "demand history built");
        String before = checksum("h.demand_date < '" + last + "'");
        run(A, last, null, "demand_history", null);
        assertEquals(before, checksum("h.demand_date < '" + last + "'"), "earlier dates were rewritten");
        assertEquals("{" + last + "}", queryOne("select dates_rewritten::text from " + A + ".demand_history_runs "
                + "order by id desc limit 1"), "only the new day is recomputed");
        assertTrue(count("select from " + A + ".demand_history where demand_date = '" + last + "'") > 100,
                "the new day has its rows");
        assertEquals("0", queryOne("select count(*) from " + A + ".demand_history where demand_qty <> quantity "
                + "+ coalesce(stockout_qty, 0) or (is_in_stock and stockout_qty is not null)"), "seed 004 identities");
    }

    @Test
    @Order(2)
    void runningTheSameDayAgainLeavesIdenticalChecksums() throws SQLException {
        String before = checksum("true");
        run(A, START.plusDays(DAYS - 1), "demand_history", "demand_history", null);
        assertEquals(before, checksum("true"), "a re-run changed demand_history");
    }

    @Test
    @Order(3)
    void imputedDemandIsCloserToTrueDemandThanSalesOnStockoutDays() throws Exception {
        Map<String, Double> truth = new HashMap<>();
        for (int d = 0; d < DAYS; d++) {
            String key = "client-data/" + TestServer.CLIENT_A + "/ground-truth/demand/" + START.plusDays(d) + ".jsonl";
            for (String line : new String(TestS3.store().getBytes(key), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode n = JSON.readTree(line);
                    truth.put(n.get("product_id").asText() + "@" + n.get("location_id").asText() + "@"
                            + n.get("date").asText(), n.get("demand").asDouble());
                }
            }
        }
        double salesError = 0;
        double imputedError = 0;
        double demand = 0;
        int days = 0;
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select products.erp_id || '@' || locations.erp_id || '@' || h.demand_date, h.quantity, h.demand_qty "
                + "from " + A + ".demand_history as h inner join " + A + ".products on products.id = h.product_id "
                + "inner join " + A + ".locations on locations.id = h.location_id where not h.is_in_stock")) {
            while (rs.next()) {
                double actual = truth.getOrDefault(rs.getString(1), 0.0);
                salesError += Math.abs(rs.getDouble(2) - actual);
                imputedError += Math.abs(rs.getDouble(3) - actual);
                demand += actual;
                days++;
            }
        }
        assertTrue(days >= 10, "too few stockout days to judge: " + days);
        System.out.printf("demand_history: %d stockout days, true demand %.0f, MAE sales %.4f, MAE imputed %.4f, "
                + "WAPE sales %.4f, WAPE imputed %.4f, error reduction %.1f %%%n", days, demand, salesError / days,
                imputedError / days, salesError / demand, imputedError / demand,
                100 * (1 - imputedError / salesError));
        assertTrue(imputedError < salesError, "imputation error " + imputedError + " not below sales " + salesError);
    }

    @Test
    @Order(4)
    void aScopedRunRecomputesOnlyTheScopedRows() throws SQLException {
        String pick = "select string_agg(erp, ',') from (select distinct %s.erp_id as erp from " + A + ".demand_history "
                + "as h inner join " + A + ".%s on %s.id = h.%s where not h.is_in_stock order by 1 limit 2) as picked";
        String[] products = queryOne(String.format(pick, "products", "products", "products", "product_id")).split(",");
        String[] locations = queryOne(String.format(pick, "locations", "locations", "locations", "location_id"))
                .split(",");
        String inScope = "h.product_id in (select id from " + A + ".products where erp_id in ('"
                + String.join("','", products) + "')) and h.location_id in (select id from " + A
                + ".locations where erp_id in ('" + String.join("','", locations) + "'))";
        String outside = checksum("not (" + inScope + ")");
        String scoped = checksum(inScope);
        exec("update cw_global.clients set settings = coalesce(settings, '{}') || "
                + "'{\"demand_history\": {\"prior_weight_days\": 1}}' where code = '" + TestServer.CLIENT_A + "'");
        try {
            run(A, START.plusDays(DAYS - 1), "demand_history", "demand_history", "{\"products\": [\""
                    + String.join("\", \"", products) + "\"], \"locations\": [\"" + String.join("\", \"", locations)
                    + "\"]}");
        } finally {
            exec("update cw_global.clients set settings = settings - 'demand_history' where code = '"
                    + TestServer.CLIENT_A + "'");
        }
        assertEquals(outside, checksum("not (" + inScope + ")"), "rows outside the scope changed");
        assertNotEquals(scoped, checksum(inScope), "the scoped rows were not recomputed with the new setting");
        assertEquals("0", queryOne("select " + A + ".demand_weeks_rebuild()"),
                "demand_weeks differs from a rebuild after the scoped run");
    }

    // ---- hand-made fixture, client B --------------------------------------------------------------------------

    private static final LocalDate F0 = LocalDate.of(2024, 5, 1);
    private static final int F_DAYS = 10;
    private static final String[] F_PRODUCTS = {"X", "Y", "Z", "W"};
    private static final String[] F_LOCATIONS = {"S1", "S2", "S3"};

    /**
     * Sales per product, location, day. X sells out at S1 on day 6 and stays out on day 7; Z is never in stock at S3;
     * W is dropped from the full snapshots of S3 from day 5 (delisted: no rows).
     */
    private static int sales(int p, int l, int d) {
        if (p == 0 && l == 0) {
            return new int[] {2, 3, 1, 2, 2, 1, 0, 0, 2, 2}[d];
        }
        if (p == 0 && l == 1) {
            return d % 3 == 0 ? 2 : 1;
        }
        if (p == 1) {
            return 1 + (d + l) % 2;
        }
        if (p == 2 && l == 2) {
            return 0;
        }
        if (p == 3) {
            return l == 0 && d % 2 == 0 ? 1 : 0;
        }
        return p == 2 && l == 0 ? d % 2 : 0;
    }

    private static int available(int p, int l, int d) {
        if (p == 0 && l == 0) {
            return d == 6 || d == 7 ? 0 : 5;
        }
        if (p == 2 && l == 2) {
            return 0; // ranged but never in stock here: imputed from the other locations only
        }
        if (p == 3 && l == 2) {
            return d < 5 ? 4 : -1; // -1: no reading, absent from the full snapshot
        }
        return 10;
    }

    private void buildFixture() {
        StringBuilder sql = new StringBuilder();
        sql.append("insert into " + B + ".product_categories (level, name, path, first_seen_date) values "
                + "(1, 'Fixture', 'Fixture', '" + F0 + "');");
        for (int p = 0; p < F_PRODUCTS.length; p++) {
            sql.append("insert into " + B + ".products (erp_id, name, erp_currency_id, erp_status, first_seen_date, "
                    + "row_hash, product_category_id, cost, erp_cost) select 'FX-" + F_PRODUCTS[p] + "', 'fixture "
                    + F_PRODUCTS[p] + "', (select id from cw_global.currencies where code = 'EUR'), 'active', '" + F0
                    + "', md5('p" + p + "')::uuid, (select id from " + B + ".product_categories where path = "
                    + "'Fixture'), " + (p + 1) + ", " + (p + 1) + ";");
        }
        for (String l : F_LOCATIONS) {
            sql.append("insert into " + B + ".locations (erp_id, name, location_type, echelon, erp_status, "
                    + "first_seen_date, row_hash) values ('FX-" + l + "', 'store " + l + "', 'store', 1, 'active', '"
                    + F0 + "', md5('" + l + "')::uuid);");
        }
        int order = 0;
        for (int d = 0; d < F_DAYS; d++) {
            LocalDate day = F0.plusDays(d);
            sql.append("insert into " + B + ".inventory_snapshots (snapshot_date, snapshot_type, row_count) values ('"
                    + day + "', 'full', 9);");
            for (int l = 0; l < F_LOCATIONS.length; l++) {
                order++;
                sql.append("insert into " + B + ".sales_orders (erp_id, order_date, location_id, currency_id, fx_rate, "
                        + "first_loaded_on, row_hash, status, channel) select 'FXSO" + order + "', '" + day + "', id, "
                        + "(select id from cw_global.currencies where code = 'EUR'), 1, '" + day + "', md5('o" + order
                        + "')::uuid, 'completed', 'store' from " + B + ".locations where erp_id = 'FX-"
                        + F_LOCATIONS[l] + "';");
                for (int p = 0; p < F_PRODUCTS.length; p++) {
                    String product = "(select id from " + B + ".products where erp_id = 'FX-" + F_PRODUCTS[p] + "')";
                    String location = "(select id from " + B + ".locations where erp_id = 'FX-" + F_LOCATIONS[l] + "')";
                    if (sales(p, l, d) > 0) {
                        sql.append("insert into " + B + ".sales_order_lines (sales_order_id, line_no, product_id, qty, "
                                + "revenue, row_hash) select id, " + (p + 1) + ", " + product + ", " + sales(p, l, d)
                                + ", " + (sales(p, l, d) * 5) + ", md5('l" + order + p + "')::uuid from " + B
                                + ".sales_orders where erp_id = 'FXSO" + order + "';");
                    }
                    if (available(p, l, d) >= 0) {
                        sql.append("insert into " + B + ".inventory_balances (product_id, location_id, balance_date, "
                                + "qty_available, qty_all, row_hash) values (" + product + ", " + location + ", '"
                                + day + "', " + available(p, l, d) + ", " + available(p, l, d) + ", md5('b" + order
                                + p + "')::uuid);");
                    }
                }
            }
        }
        exec(sql.toString());
    }

    /** Independent route: the documented estimator computed with plain loops over the fixture's arrays. */
    private static double expectedRate(int p, int l, int d, double priorDays) {
        double ownQty = 0;
        double ownDays = 0;
        double otherQty = 0;
        double otherDays = 0;
        double catLocQty = 0;
        double catLocDays = 0;
        double catQty = 0;
        double catDays = 0;
        for (int w = Math.max(0, d - 28); w < d; w++) {
            for (int lo = 0; lo < F_LOCATIONS.length; lo++) {
                boolean open = false;
                for (int pr = 0; pr < F_PRODUCTS.length; pr++) {
                    open |= sales(pr, lo, w) > 0;
                }
                for (int pr = 0; pr < F_PRODUCTS.length; pr++) {
                    if (!open || available(pr, lo, w) <= 0) {
                        continue;
                    }
                    int q = sales(pr, lo, w);
                    catQty += q;
                    catDays++;
                    if (lo == l) {
                        catLocQty += q;
                        catLocDays++;
                    }
                    if (pr == p && lo == l) {
                        ownQty += q;
                        ownDays++;
                    } else if (pr == p) {
                        otherQty += q;
                        otherDays++;
                    }
                }
            }
        }
        double scale = catLocDays > 0 && catQty > 0 ? (catLocQty / catLocDays) / (catQty / catDays) : 1;
        double prior = otherDays > 0 ? otherQty / otherDays * scale : catLocQty / catLocDays;
        return (ownQty + priorDays * prior) / (ownDays + priorDays);
    }

    @Test
    @Order(5)
    void aHandMadeFixtureImputesWhatAnIndependentComputationExpects() throws SQLException {
        buildFixture();
        run(B, F0.plusDays(F_DAYS - 1), "demand_history", "demand_history", null);
        int checked = 0;
        int delisted = 0;
        for (int p = 0; p < F_PRODUCTS.length; p++) {
            for (int l = 0; l < F_LOCATIONS.length; l++) {
                for (int d = 1; d < F_DAYS; d++) {
                    String row = queryOne("select h.is_in_stock || ' ' || coalesce(h.stockout_qty::text, '-') || ' ' "
                            + "|| h.demand_qty || ' ' || t.name from " + B + ".demand_history as h inner join " + B
                            + ".demand_source_types as t on t.id = h.demand_source_type_id where h.product_id = (select "
                            + "id from " + B + ".products where erp_id = 'FX-" + F_PRODUCTS[p] + "') and h.location_id "
                            + "= (select id from " + B + ".locations where erp_id = 'FX-" + F_LOCATIONS[l] + "') "
                            + "and h.demand_date = '" + F0.plusDays(d) + "'");
                    if (available(p, l, d) < 0) {
                        assertEquals(null, row, "a delisted pair-day has no row");
                        delisted++;
                        continue;
                    }
                    String[] parts = row.split(" ");
                    boolean out = available(p, l, d) <= 0;
                    assertEquals(String.valueOf(!out), parts[0], "in-stock flag " + p + "/" + l + "/" + d);
                    if (out) {
                        double expected = Math.round(Math.max(expectedRate(p, l, d, 3) - sales(p, l, d), 0) * 1000)
                                / 1000.0;
                        assertEquals(expected, Double.parseDouble(parts[1]), 0.0005, "stockout_qty " + row + " at "
                                + F_PRODUCTS[p] + "/" + F_LOCATIONS[l] + "/day " + d);
                        assertEquals(sales(p, l, d) + expected, Double.parseDouble(parts[2]), 0.0005, "demand_qty");
                        assertEquals(p == 2 ? "imputed_global_only" : "imputed_local_global", parts[3], "source");
                        checked++;
                    } else {
                        assertEquals("-", parts[1], "no stockout_qty in stock");
                        assertEquals(sales(p, l, d), Double.parseDouble(parts[2]), 0.0005, "demand = sales in stock");
                    }
                }
            }
        }
        assertEquals(11, checked, "stockout rows checked");
        assertEquals(5, delisted, "delisted pair-days checked");
    }

    // ---- incremental nights against a full recompute (issue 21 point 4), client A --------------------------------

    /** Checksum of a table's values, without surrogate keys, timestamps and the run date that wrote them. */
    private String valueChecksum(String table, String where) {
        return queryOne("select count(*) || ':' || coalesce(md5(string_agg((to_jsonb(t) - 'id' - 'created_at' - "
                + "'updated_at' - 'computed_on')::text, '|' order by (to_jsonb(t) - 'id' - 'created_at' - "
                + "'updated_at' - 'computed_on')::text)), '-') from " + A + "." + table + " as t where " + where);
    }

    @Test
    @Order(6)
    void aFullRecomputeAfterIncrementalNightsGivesTheSameRows() throws SQLException {
        // Short behaviour windows, so that days leave them within the 28 generated days.
        exec("update cw_global.clients set settings = coalesce(settings, '{}') || '{\"behaviors\": {\"window_days\": "
                + "10, \"hot_recent_days\": 4, \"growth_days\": 3}}' where code = '" + TestServer.CLIENT_A + "'");
        LocalDate last = START.plusDays(DAYS - 1);
        LocalDate corrected = START.plusDays(12);
        try {
            exec("delete from " + A + ".demand_history; delete from " + A + ".demand_history_runs; delete from " + A
                    + ".demand_touched_pairs");
            for (int d = 0; d < DAYS; d++) {
                if (d == 20) {
                    // A late correction of day 12: one store line gets three more units.
                    exec("update " + A + ".sales_order_lines set qty = qty + 3, revenue = revenue + 3 where id = ("
                            + "select min(lines.id) from " + A + ".sales_order_lines as lines inner join " + A
                            + ".sales_orders as orders on orders.id = lines.sales_order_id inner join " + A
                            + ".locations on locations.id = orders.location_id where orders.order_date = '"
                            + corrected + "' and locations.location_type = 'store' and lines.is_active "
                            + "and not lines.is_cancelled and orders.document_type = 'order')");
                    assertTrue(count("select from " + A + ".demand_touched_pairs where touched_date = '" + corrected
                            + "'") >= 1, "the correction is recorded as touched");
                }
                run(A, START.plusDays(d), "demand_history", "behaviors", null);
                if (d == 20) {
                    assertEquals("9", queryOne("select cardinality(dates_rewritten) from " + A
                            + ".demand_history_runs order by id desc limit 1"),
                            "the corrected day and the days after it up to the run date are recomputed");
                }
            }
            assertEquals("0", queryOne("select count(*) from " + A + ".demand_touched_pairs"), "touched consumed");
            // The first night and the night of the correction compute the grid; every other night its one day from
            // the pair state (demand_pair_state), and the rows below must still equal a full recompute.
            assertEquals("grid,day x19,grid,day x7", queryOne("select string_agg(path || case when n > 1 then ' x' "
                    + "|| n else '' end, ',' order by first_id) from (select path, count(*) as n, min(id) as "
                    + "first_id from (select id, path, sum(is_new::integer) over (order by id) as run_no from (select "
                    + "id, detail ->> 'path' as path, detail ->> 'path' is distinct from lag(detail ->> 'path') over "
                    + "(order by id) as is_new from " + A + ".pipeline_step_runs where step_name = 'demand_history' "
                    + "order by id desc limit " + DAYS + ") as steps) as runs group by path, run_no) as grouped"),
                    "which nights computed the grid");
            assertEquals("\"incremental\"", queryOne("select detail -> 'window_sums' from " + A
                    + ".pipeline_step_runs where step_name = 'behaviors' order by id desc limit 1"),
                    "the last night moved the window sums");
            assertEquals("0", queryOne("select " + A + ".demand_weeks_rebuild()"),
                    "demand_weeks differs from a rebuild after the nights (day path, a correction on the grid)");
            String history = valueChecksum("demand_history", "true");
            String pairs = valueChecksum("product_location_behaviors", "t.snapshot_date = '" + last + "'");
            String products = valueChecksum("product_behaviors", "t.snapshot_date = '" + last + "'");
            String sums = valueChecksum("behavior_window_sums", "true");

            exec("delete from " + A + ".demand_history_runs; delete from " + A + ".behavior_window_state");
            run(A, last, "demand_history", "behaviors", null);
            assertEquals(String.valueOf(ChronoUnit.DAYS.between(START, last) + 1), queryOne("select "
                    + "cardinality(dates_rewritten) from " + A + ".demand_history_runs order by id desc limit 1"),
                    "the full recompute rewrote every date");
            assertEquals("\"rebuild\"", queryOne("select detail -> 'window_sums' from " + A
                    + ".pipeline_step_runs where step_name = 'behaviors' order by id desc limit 1"), "sums rebuilt");
            assertEquals(history, valueChecksum("demand_history", "true"), "demand_history differs from a full run");
            assertEquals("0", queryOne("select " + A + ".demand_weeks_rebuild()"),
                    "demand_weeks differs from a rebuild after the full recompute");
            assertEquals(sums, valueChecksum("behavior_window_sums", "true"), "window sums differ from a rebuild");
            assertEquals(pairs, valueChecksum("product_location_behaviors", "t.snapshot_date = '" + last + "'"),
                    "pair behaviours differ from a full computation");
            assertEquals(products, valueChecksum("product_behaviors", "t.snapshot_date = '" + last + "'"),
                    "product behaviours differ from a full computation");
        } finally {
            exec("update cw_global.clients set settings = settings - 'behaviors' where code = '"
                    + TestServer.CLIENT_A + "'");
        }
    }
}
