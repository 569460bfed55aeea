package com.catwing.cw.demand;

import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.load.RawLoader;
import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestS3;
import com.catwing.cw.support.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22 point 1 end to end, in both dialects: a generated world with cancelled orders (some re-sent cancelled the
 * next day), cancelled lines and customer returns is loaded and run through step 5; every pair-day's quantity equals
 * the generator's true sales (cancellations are no demand) and its returned units equal the true returns.
 */
class CancellationsReturnsTest extends DbTest {
    private static final LocalDate START = LocalDate.of(2024, 9, 1);
    private static final int DAYS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private void run(String schema, LocalDate day) throws SQLException {
        try (Connection c = connect(); CallableStatement cs = c.prepareCall(
                "call " + schema + ".run_pipeline(?::date, null, 'demand_history', null)")) {
            cs.setObject(1, day);
            cs.execute();
        }
    }

    private Map<String, Double> truth(String client, String folder, String field, String kind) throws Exception {
        Map<String, Double> values = new HashMap<>();
        for (int d = 0; d < DAYS; d++) {
            String key = "client-data/" + client + "/ground-truth/" + folder + "/" + START.plusDays(d) + ".jsonl";
            for (String line : new String(TestS3.store().getBytes(key), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode n = JSON.readTree(line);
                    if (kind == null || kind.equals(n.get("kind").asText())) {
                        values.merge(n.get("product_id").asText() + "@" + n.get("location_id").asText() + "@"
                                + n.get("date").asText(), n.get(field).asDouble(), Double::sum);
                    }
                }
            }
        }
        return values;
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"CW-000901, catwing, 7", "CW-000902, navision, 12"})
    void netDemandEqualsTrueSalesAndReturnsAreCountedApart(String client, String dialect, long seed) throws Exception {
        String schema = "cw_" + client.substring(3);
        TestS3.generateWithCancellations(client, START, DAYS, dialect, seed);
        exec("update cw_global.clients set erp_dialect_id = (select id from cw_global.erp_dialects where code = '"
                + dialect + "') where code = '" + client + "'");
        new RawLoader(db, TestS3.store(), Tenant.of(client), new PrintStream(OutputStream.nullOutputStream()))
                .load(START, START.plusDays(DAYS - 1));
        for (int d = 0; d < DAYS; d++) {
            run(schema, START.plusDays(d));
        }
        Map<String, Double> sales = truth(client, "demand", "sales", null);
        Map<String, Double> returns = truth(client, "documents", "qty", "return");
        assertTrue(count("select from " + schema + ".sales_orders where status = 'cancelled'") > 0,
                "the world has cancelled orders");
        assertTrue(count("select from " + schema + ".sales_order_lines where is_cancelled") > 0,
                "the world has cancelled lines");
        assertEquals(truth(client, "documents", "qty", "cancelled_order").values().stream().mapToDouble(v -> v).sum(),
                Double.parseDouble(queryOne("select coalesce(sum(lines.qty), 0) from " + schema + ".sales_order_lines "
                        + "as lines inner join " + schema + ".sales_orders as orders on orders.id = "
                        + "lines.sales_order_id where orders.status = 'cancelled'")), 1e-9,
                "every cancelled order of the ground truth is loaded cancelled");
        int pairDays = 0;
        double returned = 0;
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select products.erp_id || '@' || locations.erp_id || '@' || h.demand_date, h.quantity, "
                + "h.returned_qty from " + schema + ".demand_history as h inner join " + schema + ".products on "
                + "products.id = h.product_id inner join " + schema + ".locations on locations.id = h.location_id")) {
            while (rs.next()) {
                String key = rs.getString(1);
                assertEquals(sales.getOrDefault(key, 0.0), rs.getDouble(2), 1e-9, "net demand of " + key);
                assertEquals(returns.getOrDefault(key, 0.0), rs.getDouble(3), 1e-9, "returned units of " + key);
                returned += rs.getDouble(3);
                pairDays++;
            }
        }
        assertTrue(pairDays > 500, "pair-days checked: " + pairDays);
        assertEquals(returns.values().stream().mapToDouble(v -> v).sum(), returned, 1e-9,
                "every true return is in demand_history");
        assertTrue(returned > 0, "the world has returns");
    }
}
