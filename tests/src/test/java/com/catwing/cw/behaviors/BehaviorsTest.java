package com.catwing.cw.behaviors;

import com.catwing.cw.support.DbTest;
import com.catwing.cw.support.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Step 6 (behaviors): on a hand-made demand_history fixture (client B, 20 days, window 14) the measures and the
 * ABC/XYZ/FMR/frequency classes and demand patterns of product_location_behaviors and product_behaviors equal an
 * independent computation with plain loops; re-running a date leaves identical checksums; a scoped run rewrites only
 * the scoped rows; invalid settings fail with CW070.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BehaviorsTest extends DbTest {
    private static final String B = "cw_000902";
    private static final LocalDate F0 = LocalDate.of(2024, 6, 1);
    private static final int DAYS = 20;
    private static final int WINDOW = 14;
    private static final int PRODUCTS = 6;
    private static final int LOCATIONS = 2;
    private static final int[] PRICE = {2, 3, 10, 4, 1, 5};
    private static final LocalDate RUN = F0.plusDays(DAYS - 1);
    private static final int HOT = 5;
    private static final int GROWTH = 5;

    /** Whether the pair has a demand_history row that day. */
    private static boolean listed(int p, int l, int d) {
        if (p == 4 && l == 1) {
            return d >= 10;
        }
        return !(p == 5 && l == 1);
    }

    /** Set by the scoped-run test: product 1 sells 4 more units a day at location 0 from day 15 on. */
    private static boolean bumped;

    /** Units sold. */
    private static int qty(int p, int l, int d) {
        if (bumped && p == 1 && l == 0 && d >= 15) {
            return qty0(p, l, d) + 4;
        }
        return qty0(p, l, d);
    }

    private static int qty0(int p, int l, int d) {
        switch (p) {
            case 0:
                return 5 + (d + l) % 3;
            case 1:
                return d % 4 == 0 ? 12 : 1;
            case 2:
                return d % 3 == l ? 2 : 0;
            case 3:
                if (l == 0) {
                    return d % 5 == 0 ? (d % 2 == 0 ? 9 : 1) : 0;
                }
                return d % 5 == 1 ? 3 : 0;
            case 4:
                if (l == 0) {
                    return d == 15 ? 1 : 0;
                }
                return d == 12 || d == 13 ? 2 : 0;
            default:
                return d <= 3 ? 2 : 0;
        }
    }

    /** Imputed missed demand (stockout days of product 1 at location 1). */
    private static double stockout(int p, int l, int d) {
        return p == 1 && l == 1 && d % 7 == 3 ? 1.5 : 0;
    }

    @BeforeAll
    void buildFixture() {
        StringBuilder sql = new StringBuilder();
        for (int p = 0; p < PRODUCTS; p++) {
            sql.append("insert into " + B + ".products (erp_id, name, erp_currency_id, erp_status, first_seen_date, "
                    + "row_hash) select 'FB-P" + p + "', 'behaviour fixture " + p + "', (select id from "
                    + "cw_global.currencies where code = 'EUR'), 'active', '" + F0 + "', md5('bp" + p + "')::uuid;");
        }
        for (int l = 0; l < LOCATIONS; l++) {
            sql.append("insert into " + B + ".locations (erp_id, name, location_type, echelon, erp_status, "
                    + "first_seen_date, row_hash) values ('FB-L" + l + "', 'store " + l + "', 'store', 1, 'active', '"
                    + F0 + "', md5('bl" + l + "')::uuid);");
        }
        for (int p = 0; p < PRODUCTS; p++) {
            for (int l = 0; l < LOCATIONS; l++) {
                for (int d = 0; d < DAYS; d++) {
                    if (!listed(p, l, d)) {
                        continue;
                    }
                    double out = stockout(p, l, d);
                    sql.append("insert into " + B + ".demand_history (product_id, location_id, demand_date, quantity, "
                            + "revenue, is_in_stock, stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, "
                            + "computed_on) values ((select id from " + B + ".products where erp_id = 'FB-P" + p
                            + "'), (select id from " + B + ".locations where erp_id = 'FB-L" + l + "'), '"
                            + F0.plusDays(d) + "', " + qty(p, l, d) + ", " + qty(p, l, d) * PRICE[p] + ", "
                            + (out == 0) + ", " + (out == 0 ? "null" : String.valueOf(out)) + ", " + (out > 0) + ", "
                            + (qty(p, l, d) + out) + ", " + (out > 0 ? 2 : 1) + ", '" + RUN + "');");
                }
            }
        }
        sql.append("update cw_global.clients set settings = coalesce(settings, '{}') || '{\"behaviors\": "
                + "{\"window_days\": " + WINDOW + ", \"hot_recent_days\": " + HOT + ", \"growth_days\": " + GROWTH
                + "}}' where code = '"
                + TestServer.CLIENT_B + "';");
        // Categories: Food > Dairy; products 0 and 1 in Dairy, 2 in Food.
        sql.append("insert into " + B + ".product_categories (level, name, path, first_seen_date) values (1, 'Food', "
                + "'Food', '" + F0 + "');");
        sql.append("insert into " + B + ".product_categories (parent_id, level, name, path, first_seen_date) select "
                + "id, 2, 'Dairy', 'Food > Dairy', '" + F0 + "' from " + B + ".product_categories where name = 'Food';");
        sql.append("update " + B + ".products set product_category_id = (select id from " + B + ".product_categories "
                + "where name = case when erp_id = 'FB-P2' then 'Food' else 'Dairy' end) where erp_id in ('FB-P0', "
                + "'FB-P1', 'FB-P2');");
        // Stock of product 0 at location 0: 10 units read on day 5, 4 units on day 12; unit cost 1.5.
        sql.append("update " + B + ".products set cost = 1.5 where erp_id = 'FB-P0';");
        for (int[] reading : new int[][] {{5, 10}, {12, 4}}) {
            sql.append("insert into " + B + ".inventory_balances (product_id, location_id, balance_date, qty_available, "
                    + "qty_all, row_hash) select p.id, l.id, '" + F0.plusDays(reading[0]) + "', " + reading[1] + ", "
                    + reading[1] + ", md5('inv" + reading[0] + "')::uuid from " + B + ".products as p, " + B
                    + ".locations as l where p.erp_id = 'FB-P0' and l.erp_id = 'FB-L0';");
        }
        // A supplier: three received orders (lead times 5, 7, 12 days; the second late) and one open order.
        sql.append("insert into " + B + ".suppliers (erp_id, name, currency_id, erp_status, first_seen_date, row_hash) "
                + "select 'FB-S', 'fixture supplier', id, 'active', '" + F0 + "', md5('bs')::uuid from "
                + "cw_global.currencies where code = 'EUR';");
        int[][] orders = {{0, 6, 5, 10}, {2, 8, 9, 8}, {4, 20, 16, 10}, {18, 25, -1, 0}};
        for (int o = 0; o < orders.length; o++) {
            int[] order = orders[o];
            sql.append("insert into " + B + ".purchase_orders (erp_id, supplier_id, location_id, order_date, "
                    + "expected_date, status, currency_id, fx_rate, first_loaded_on, row_hash) select 'FB-PO" + o
                    + "', s.id, l.id, '" + F0.plusDays(order[0]) + "', '" + F0.plusDays(order[1]) + "', '"
                    + (order[2] < 0 ? "open" : "received") + "', s.currency_id, 1, '" + F0 + "', md5('po" + o
                    + "')::uuid from " + B + ".suppliers as s, " + B + ".locations as l where s.erp_id = 'FB-S' and "
                    + "l.erp_id = 'FB-L0';");
            sql.append("insert into " + B + ".purchase_order_lines (purchase_order_id, line_no, product_id, "
                    + "qty_ordered, row_hash) select o.id, 1, p.id, 10, md5('pol" + o + "')::uuid from " + B
                    + ".purchase_orders as o, " + B + ".products as p where o.erp_id = 'FB-PO" + o + "' and p.erp_id "
                    + "= 'FB-P0';");
            if (order[2] >= 0) {
                sql.append("insert into " + B + ".receiving_orders (erp_id, location_id, received_date, source_type, "
                        + "purchase_order_id, first_loaded_on, row_hash) select 'FB-RO" + o + "', o.location_id, '"
                        + F0.plusDays(order[2]) + "', 'purchase', o.id, '" + F0 + "', md5('ro" + o + "')::uuid from "
                        + B + ".purchase_orders as o where o.erp_id = 'FB-PO" + o + "';");
                sql.append("insert into " + B + ".receiving_order_lines (receiving_order_id, line_no, product_id, "
                        + "qty_received, row_hash) select r.id, 1, p.id, " + order[3] + ", md5('rol" + o
                        + "')::uuid from " + B + ".receiving_orders as r, " + B + ".products as p where r.erp_id = "
                        + "'FB-RO" + o + "' and p.erp_id = 'FB-P0';");
            }
        }
        exec(sql.toString());
    }

    private void run(LocalDate day, String scope) throws SQLException {
        try (Connection c = connect(); CallableStatement cs = c.prepareCall(
                "call " + B + ".run_pipeline(?::date, 'behaviors', 'behaviors', ?::jsonb)")) {
            cs.setObject(1, day);
            cs.setString(2, scope);
            cs.execute();
        }
    }

    /** Merges settings into the client's behaviors settings. */
    private void setting(String json) {
        exec("update cw_global.clients set settings = settings || jsonb_build_object('behaviors', "
                + "coalesce(settings -> 'behaviors', '{}') || '" + json + "') where code = '" + TestServer.CLIENT_B
                + "'");
    }

    /** Checksum of a table's rows matching a condition, including xmin: a rewritten row changes it. */
    private String checksum(String table, String where) {
        return queryOne("select count(*) || ':' || coalesce(md5(string_agg(b.xmin::text || '/' || b::text, '|' "
                + "order by b.id)), '-') from " + B + "." + table + " as b where " + where);
    }

    // ---- the independent route ---------------------------------------------------------------------------------

    /** One measured series: a pair (location >= 0) or a product over all locations (location -1). */
    private static final class Measured {
        final int product;
        final int location;
        final List<Integer> days = new ArrayList<>();
        final List<Double> demand = new ArrayList<>();
        double revenue;
        double revenueRecent;
        double revenuePrior;
        String abc;
        int last;

        Measured(int product, int location) {
            this.product = product;
            this.location = location;
        }

        int listed() {
            return days.size();
        }

        int demandDays() {
            int n = 0;
            for (double v : demand) {
                n += v > 0 ? 1 : 0;
            }
            return n;
        }

        double velocity() {
            double sum = 0;
            for (double v : demand) {
                sum += v;
            }
            return sum / demand.size();
        }

        static Double cv(List<Double> values) {
            if (values.isEmpty()) {
                return null;
            }
            double mean = 0;
            for (double v : values) {
                mean += v / values.size();
            }
            if (mean == 0) {
                return null;
            }
            double var = 0;
            for (double v : values) {
                var += (v - mean) * (v - mean) / values.size();
            }
            return Math.sqrt(var) / mean;
        }

        Double demandCv() {
            return cv(demand);
        }

        Double sizeCv2() {
            List<Double> sizes = new ArrayList<>();
            for (double v : demand) {
                if (v > 0) {
                    sizes.add(v);
                }
            }
            Double cv = cv(sizes);
            return cv == null ? null : cv * cv;
        }

        Double trend() {
            if (days.size() < 2) {
                return null;
            }
            double mx = 0;
            double my = 0;
            for (int i = 0; i < days.size(); i++) {
                mx += days.get(i) / (double) days.size();
                my += demand.get(i) / days.size();
            }
            double sxy = 0;
            double sxx = 0;
            for (int i = 0; i < days.size(); i++) {
                sxy += (days.get(i) - mx) * (demand.get(i) - my);
                sxx += (days.get(i) - mx) * (days.get(i) - mx);
            }
            return sxy / sxx;
        }

        double recentVelocity() {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < days.size(); i++) {
                if (days.get(i) > last - HOT) {
                    sum += demand.get(i);
                    n++;
                }
            }
            return n == 0 ? 0 : sum / n;
        }

        double hotness() {
            double v = velocity();
            return v > 0 ? 100 * recentVelocity() / (recentVelocity() + v) : 0;
        }

        /** t statistic of the least-squares slope, by the textbook formula t = slope / its standard error. */
        Double tStat() {
            int n = days.size();
            if (n < 3) {
                return null;
            }
            double mx = 0;
            double my = 0;
            for (int i = 0; i < n; i++) {
                mx += days.get(i) / (double) n;
                my += demand.get(i) / n;
            }
            double sxy = 0;
            double sxx = 0;
            double syy = 0;
            for (int i = 0; i < n; i++) {
                sxy += (days.get(i) - mx) * (demand.get(i) - my);
                sxx += (days.get(i) - mx) * (days.get(i) - mx);
                syy += (demand.get(i) - my) * (demand.get(i) - my);
            }
            if (syy < 1e-12 || Math.abs(sxy) < 1e-12) {
                return 0.0;
            }
            double slope = sxy / sxx;
            double residual = 0;
            for (int i = 0; i < n; i++) {
                double e = demand.get(i) - my - slope * (days.get(i) - mx);
                residual += e * e;
            }
            return slope / Math.sqrt(residual / (n - 2) / sxx);
        }

        String codes() {
            Double cv = demandCv();
            String xyz = cv == null ? "Z" : cv <= 0.5 ? "X" : cv <= 1.0 ? "Y" : "Z";
            int dd = demandDays();
            String fmr = dd * 100 >= 50 * listed() ? "F" : dd * 100 >= 20 * listed() ? "M" : "R";
            double velocity = velocity();
            String freq = velocity >= 1 ? "Frequent" : velocity >= 0.142857 ? "Normal" : "Rare";
            String pattern = "-";
            if (dd > 0) {
                double adi = listed() / (double) dd;
                double cv2 = sizeCv2();
                pattern = adi < 1.32 ? (cv2 < 0.49 ? "smooth" : "erratic") : (cv2 < 0.49 ? "intermittent" : "lumpy");
            }
            return abc + " " + xyz + " " + fmr + " " + freq + " " + pattern + " " + listed() + " " + dd;
        }
    }

    /** Every pair and product of the window ending on day {@code last}, classified with plain loops. */
    private static List<Measured> expected(int last, int window) {
        List<Measured> all = new ArrayList<>();
        for (int p = 0; p < PRODUCTS; p++) {
            Measured product = new Measured(p, -1);
            product.last = last;
            int growth = Math.min(GROWTH, window / 2);
            for (int l = 0; l < LOCATIONS; l++) {
                Measured pair = new Measured(p, l);
                pair.last = last;
                for (int d = last - window + 1; d <= last; d++) {
                    if (d >= 0 && listed(p, l, d)) {
                        pair.days.add(d);
                        pair.demand.add(qty(p, l, d) + stockout(p, l, d));
                        pair.revenue += qty(p, l, d) * PRICE[p];
                    }
                }
                if (pair.listed() > 0) {
                    all.add(pair);
                }
            }
            for (int d = last - window + 1; d <= last; d++) {
                double total = 0;
                boolean any = false;
                for (int l = 0; l < LOCATIONS; l++) {
                    if (d >= 0 && listed(p, l, d)) {
                        any = true;
                        total += qty(p, l, d) + stockout(p, l, d);
                        product.revenue += qty(p, l, d) * PRICE[p];
                        if (d > last - growth) {
                            product.revenueRecent += qty(p, l, d) * PRICE[p];
                        } else if (d > last - 2 * growth) {
                            product.revenuePrior += qty(p, l, d) * PRICE[p];
                        }
                    }
                }
                if (any) {
                    product.days.add(d);
                    product.demand.add(total);
                }
            }
            all.add(product);
        }
        for (int group = -1; group < LOCATIONS; group++) {
            List<Measured> members = new ArrayList<>();
            double total = 0;
            for (Measured m : all) {
                if (m.location == group) {
                    members.add(m);
                    total += m.revenue;
                }
            }
            members.sort(Comparator.comparingDouble((Measured m) -> -m.revenue).thenComparingInt(m -> m.product));
            double before = 0;
            for (Measured m : members) {
                m.abc = m.revenue <= 0 || total <= 0 ? "C" : before < 0.80 * total ? "A"
                        : before < 0.95 * total ? "B" : "C";
                before += m.revenue;
            }
        }
        return all;
    }

    private String actual(Measured m, LocalDate snapshot) {
        String table = m.location < 0 ? "product_behaviors" : "product_location_behaviors";
        String location = m.location < 0 ? "" : " and b.location_id = (select id from " + B
                + ".locations where erp_id = 'FB-L" + m.location + "')";
        return queryOne("select abc.code || ' ' || xyz.code || ' ' || fmr.code || ' ' || freq.code || ' ' "
                + "|| coalesce(b.demand_pattern, '-') || ' ' || b.listed_days || ' ' || b.demand_days || ' ' "
                + "|| b.velocity || ' ' || coalesce(b.demand_cv::text, '-') || ' ' || coalesce(b.trend::text, '-') "
                + "from " + B + "." + table + " as b inner join " + B + ".abc_classes as abc on abc.id = "
                + "b.abc_class_id inner join " + B + ".xyz_classes as xyz on xyz.id = b.xyz_class_id inner join " + B
                + ".fmr_classes as fmr on fmr.id = b.fmr_class_id inner join " + B + ".freq_classes as freq on "
                + "freq.id = b.freq_class_id where b.snapshot_date = '" + snapshot + "' and b.product_id = (select id "
                + "from " + B + ".products where erp_id = 'FB-P" + m.product + "')" + location);
    }

    private int assertMatches(List<Measured> expected, LocalDate snapshot, int product, int location) {
        int checked = 0;
        for (Measured m : expected) {
            if (product >= 0 && m.product != product || location >= 0 && m.location != location && m.location >= 0) {
                continue;
            }
            String row = actual(m, snapshot);
            String what = (m.location < 0 ? "product " : "pair ") + m.product + "/" + m.location;
            assertNotNull(row, what + " has no row");
            String[] parts = row.split(" ");
            assertEquals(m.codes(), String.join(" ", java.util.Arrays.copyOf(parts, 7)), what + " classes");
            assertEquals(m.velocity(), Double.parseDouble(parts[7]), 0.00005, what + " velocity");
            assertClose(m.demandCv(), parts[8], 0.00005, what + " demand_cv");
            assertClose(m.trend(), parts[9], 0.0000005, what + " trend");
            String[] extra = queryOne("select b.recent_velocity || ' ' || b.hotness_score || ' ' || "
                    + "coalesce(b.trend_t_stat::text, '-') || ' ' || coalesce(b.is_trend_significant::text, '-') "
                    + "from " + B + "." + (m.location < 0 ? "product_behaviors" : "product_location_behaviors")
                    + " as b where b.snapshot_date = '" + snapshot + "' and b.product_id = (select id from " + B
                    + ".products where erp_id = 'FB-P" + m.product + "')" + (m.location < 0 ? "" : " and "
                    + "b.location_id = (select id from " + B + ".locations where erp_id = 'FB-L" + m.location + "')"))
                    .split(" ");
            assertEquals(m.recentVelocity(), Double.parseDouble(extra[0]), 0.00005, what + " recent_velocity");
            assertEquals(m.hotness(), Double.parseDouble(extra[1]), 0.00501, what + " hotness_score");
            assertClose(m.tStat(), extra[2], 0.0005 + (m.tStat() == null ? 0 : Math.abs(m.tStat()) * 1e-9),
                    what + " trend_t_stat");
            assertEquals(m.tStat() == null ? "-" : String.valueOf(Math.abs(m.tStat()) >= 1.96), extra[3],
                    what + " is_trend_significant");
            checked++;
        }
        return checked;
    }

    private static void assertClose(Double expected, String actual, double tolerance, String message) {
        if (expected == null) {
            assertEquals("-", actual, message);
        } else {
            assertEquals(expected, Double.parseDouble(actual), tolerance, message);
        }
    }

    private static void assertNotNull(Object value, String message) {
        org.junit.jupiter.api.Assertions.assertNotNull(value, message);
    }

    @Test
    @Order(1)
    void aHandMadeFixtureIsClassifiedAsAnIndependentComputationExpects() throws SQLException {
        run(RUN, null);
        List<Measured> expected = expected(DAYS - 1, WINDOW);
        assertEquals(17, assertMatches(expected, RUN, -1, -1), "pairs and products checked");
        assertEquals("11", queryOne("select count(*) from " + B + ".product_location_behaviors"), "pair rows");
        assertEquals("6", queryOne("select count(*) from " + B + ".product_behaviors"), "product rows");
        assertEquals("A A A B C C", queryOne("select string_agg(abc.code, ' ' order by b.demand_revenue desc) from "
                + B + ".product_location_behaviors as b inner join " + B + ".abc_classes as abc on abc.id = "
                + "b.abc_class_id where b.location_id = (select id from " + B + ".locations where erp_id = 'FB-L0')"),
                "the fixture exercises every ABC class at location 0");
        assertEquals("erratic,intermittent,lumpy,smooth", queryOne("select string_agg(distinct demand_pattern, ',') "
                + "from " + B + ".product_location_behaviors"), "the fixture exercises every demand pattern");
        assertEquals("F,M,R", queryOne("select string_agg(distinct fmr.code, ',') from " + B
                + ".product_location_behaviors as b inner join " + B + ".fmr_classes as fmr on fmr.id = "
                + "b.fmr_class_id"), "the fixture exercises every FMR class");
        assertEquals("Frequent,Normal,Rare", queryOne("select string_agg(distinct freq.code, ',') from " + B
                + ".product_location_behaviors as b inner join " + B + ".freq_classes as freq on freq.id = "
                + "b.freq_class_id"), "the fixture exercises every frequency class");
        assertEquals("X,Z", queryOne("select string_agg(distinct xyz.code, ',') from " + B
                + ".product_location_behaviors as b inner join " + B + ".xyz_classes as xyz on xyz.id = "
                + "b.xyz_class_id"), "XYZ classes present");
        assertNull(queryOne("select 1 from " + B + ".product_location_behaviors where product_id = (select id from "
                + B + ".products where erp_id = 'FB-P5') and location_id = (select id from " + B
                + ".locations where erp_id = 'FB-L1')"), "a pair never listed has no row");

        assertStockLocationsCategoriesAndSupplier(expected);
    }

    /** Product stock and shelf time, n_stores, and the location, category and supplier snapshots of RUN. */
    private void assertStockLocationsCategoriesAndSupplier(List<Measured> expected) {
        int first = DAYS - WINDOW;
        Measured p0 = null;
        for (Measured m : expected) {
            if (m.product == 0 && m.location < 0) {
                p0 = m;
            }
        }
        // Stock of product 0: 10 units from day 5 (held from the window start, day 6) to day 11, 4 units from day 12.
        double avgStock = (10.0 * (12 - first) + 4.0 * (DAYS - 12)) / WINDOW;
        assertEquals(String.format("%.3f %.2f", avgStock, avgStock / p0.velocity()), queryOne("select "
                + "b.avg_inventory_qty || ' ' || b.shelf_time_days from " + B + ".product_behaviors as b where "
                + "b.snapshot_date = '" + RUN + "' and b.product_id = (select id from " + B + ".products where erp_id = "
                + "'FB-P0')"), "product 0: time-weighted stock and shelf time");
        for (int p = 0; p < PRODUCTS; p++) {
            int stores = 0;
            for (int l = 0; l < LOCATIONS; l++) {
                stores += listed(p, l, DAYS - 1) ? 1 : 0;
            }
            assertEquals(String.valueOf(stores), queryOne("select n_stores from " + B + ".product_behaviors where "
                    + "snapshot_date = '" + RUN + "' and product_id = (select id from " + B + ".products where erp_id "
                    + "= 'FB-P" + p + "')"), "n_stores of product " + p);
        }
        for (int l = 0; l < LOCATIONS; l++) {
            double revenue = 0;
            double sold = 0;
            double demand = 0;
            int oos = 0;
            int listedDays = 0;
            int active = 0;
            for (int p = 0; p < PRODUCTS; p++) {
                boolean any = false;
                for (int d = first; d < DAYS; d++) {
                    if (listed(p, l, d)) {
                        revenue += qty(p, l, d) * PRICE[p];
                        sold += qty(p, l, d);
                        demand += qty(p, l, d) + stockout(p, l, d);
                        oos += stockout(p, l, d) > 0 ? 1 : 0;
                        listedDays++;
                        any |= qty(p, l, d) + stockout(p, l, d) > 0;
                    }
                }
                active += any || p == 0 && l == 0 ? 1 : 0;
            }
            String value = l == 0 ? String.format("%.4f", avgStock * 1.5) : "-";
            assertEquals(String.format("%.4f %.3f %.3f %.4f %.4f %s %d", revenue, sold, demand, sold / demand,
                    oos / (double) listedDays, value, active), queryOne("select b.revenue || ' ' || b.sold_qty || ' ' "
                    + "|| b.demand_qty || ' ' || b.fill_rate || ' ' || b.stockout_rate || ' ' || "
                    + "coalesce(b.avg_inventory_value::text, '-') || ' ' || b.active_products from " + B
                    + ".location_behaviors as b where b.snapshot_date = '" + RUN + "' and b.location_id = (select id "
                    + "from " + B + ".locations where erp_id = 'FB-L" + l + "')"), "location " + l);
        }
        for (String category : new String[] {"Food", "Dairy"}) {
            double revenue = 0;
            double recent = 0;
            double prior = 0;
            double hot = 0;
            double velocity = 0;
            int n = 0;
            for (Measured m : expected) {
                if (m.location < 0 && (m.product <= 1 || m.product == 2 && category.equals("Food"))) {
                    revenue += m.revenue;
                    recent += m.revenueRecent;
                    prior += m.revenuePrior;
                    hot += Math.round(m.hotness() * 100 + 1e-9) / 100.0;
                    velocity += m.velocity();
                    n++;
                }
            }
            String value = String.format("%.4f", avgStock * 1.5);
            assertEquals(String.format("%d %d %.4f %s %.2f %.4f %.4f", n, n, revenue, value, hot / n, velocity / n,
                    recent / prior - 1), queryOne("select b.product_count || ' ' || b.active_product_count || ' ' || "
                    + "b.total_revenue || ' ' || b.total_inventory_value || ' ' || b.avg_hotness_score || ' ' || "
                    + "b.avg_velocity || ' ' || b.growth_rate from " + B + ".category_behaviors as b inner join " + B
                    + ".product_categories as c on c.id = b.product_category_id where b.snapshot_date = '" + RUN
                    + "' and c.name = '" + category + "'"), "category " + category + " (its subtree)");
        }
        // Lead times 5, 7, 12: mean 8, p90 7 + 0.8 * 5 = 11; on time 2 of 3; the third order is not due yet
        // (expected day 20), so the fill rate is (10 + 8) / 20; four orders in the window, one open.
        assertEquals("4 3 8.00 11.00 0.9000 0.6667 1", queryOne("select b.po_count || ' ' || b.received_po_count || ' ' "
                + "|| b.avg_lead_time_days || ' ' || b.lead_time_p90 || ' ' || b.fill_rate || ' ' || b.on_time_rate "
                + "|| ' ' || b.open_po_count from " + B + ".supplier_behaviors as b where b.snapshot_date = '" + RUN
                + "'"), "supplier behaviour");
    }

    @Test
    @Order(2)
    void reRunningADateLeavesIdenticalChecksums() throws SQLException {
        String pairs = checksum("product_location_behaviors", "true");
        String products = checksum("product_behaviors", "true");
        String aggregates = checksum("location_behaviors", "true") + checksum("category_behaviors", "true")
                + checksum("supplier_behaviors", "true");
        run(RUN, null);
        assertEquals(pairs, checksum("product_location_behaviors", "true"), "a re-run rewrote pair rows");
        assertEquals(products, checksum("product_behaviors", "true"), "a re-run rewrote product rows");
        assertEquals(aggregates, checksum("location_behaviors", "true") + checksum("category_behaviors", "true")
                + checksum("supplier_behaviors", "true"), "a re-run rewrote location, category or supplier rows");
    }

    @Test
    @Order(3)
    void anotherDateIsItsOwnSnapshot() throws SQLException {
        String latest = checksum("product_location_behaviors", "b.snapshot_date = '" + RUN + "'");
        LocalDate earlier = F0.plusDays(15);
        run(earlier, null);
        assertEquals(latest, checksum("product_location_behaviors", "b.snapshot_date = '" + RUN + "'"),
                "the later snapshot changed");
        assertEquals(17, assertMatches(expected(15, WINDOW), earlier, -1, -1), "earlier snapshot checked");
    }

    @Test
    @Order(4)
    void aScopedRunMeasuresAndRewritesOnlyTheScopedRows() throws SQLException {
        String at = "b.snapshot_date = '" + RUN + "'";
        String inScope = at + " and b.product_id in (select id from " + B + ".products where erp_id in ('FB-P1', "
                + "'FB-P2')) and b.location_id = (select id from " + B + ".locations where erp_id = 'FB-L0')";
        String scopedProducts = at + " and b.product_id in (select id from " + B + ".products where erp_id in "
                + "('FB-P1', 'FB-P2'))";
        String outsidePairs = checksum("product_location_behaviors", "not (" + inScope + ")");
        String outsideProducts = checksum("product_behaviors", "not (" + scopedProducts + ")");
        String aggregates = checksum("location_behaviors", "true") + checksum("category_behaviors", "true")
                + checksum("supplier_behaviors", "true");
        String scopedPairs = checksum("product_location_behaviors", inScope);
        // A UI-like change to one product's history: product 1 sells 4 more a day at location 0 from day 15 on.
        bumped = true;
        exec("update " + B + ".demand_history set quantity = quantity + 4, demand_qty = demand_qty + 4, revenue = "
                + "revenue + 4 * " + PRICE[1] + " where product_id = (select id from " + B + ".products where erp_id "
                + "= 'FB-P1') and location_id = (select id from " + B + ".locations where erp_id = 'FB-L0') and "
                + "demand_date >= '" + F0.plusDays(15) + "'");
        run(RUN, "{\"products\": [\"FB-P1\", \"FB-P2\"], \"locations\": [\"FB-L0\"]}");
        assertEquals(outsidePairs, checksum("product_location_behaviors", "not (" + inScope + ")"),
                "pair rows outside the scope changed");
        assertEquals(outsideProducts, checksum("product_behaviors", "not (" + scopedProducts + ")"),
                "product rows outside the scope changed");
        assertEquals(aggregates, checksum("location_behaviors", "true") + checksum("category_behaviors", "true")
                + checksum("supplier_behaviors", "true"), "a scoped run rewrote location, category or supplier rows");
        assertNotEquals(scopedPairs, checksum("product_location_behaviors", inScope), "scoped rows not rewritten");
        // Only product 1 changed, so the other products' stored rows are what a full run would rank against: the
        // scoped rows equal the full computation on the changed data.
        List<Measured> changed = expected(DAYS - 1, WINDOW);
        assertEquals(4, assertMatches(changed, RUN, 1, 0) + assertMatches(changed, RUN, 2, 0),
                "the scoped pairs and products match the full computation on the changed history");
        assertEquals("\"scoped products\"", queryOne("select detail -> 'measured' from " + B + ".pipeline_step_runs "
                + "where step_name = 'behaviors' order by id desc limit 1"), "only the scoped products were measured");
    }

    @Test
    @Order(5)
    void invalidSettingsFailWithCw070() {
        setting("{\"window_days\": " + WINDOW + ", \"abc_a_pct\": 96}");
        try {
            assertThrows(SQLException.class, () -> run(RUN, null));
        } finally {
            setting("{\"abc_a_pct\": 80}");
        }
        assertEquals("CW070", queryOne("select error_sqlstate from " + B + ".pipeline_step_runs where step_name = "
                + "'behaviors' order by id desc limit 1"), "the failure's SQLSTATE");
    }

    @Test
    @Order(6)
    void seasonalityIsStrongForAYearlyCycleWeakForNoiseAndUnknownForShortHistory() throws SQLException {
        LocalDate run = RUN.plusDays(900);
        exec("select setseed(0.42);"
                + "insert into " + B + ".products (erp_id, name, erp_currency_id, erp_status, first_seen_date, row_hash) "
                + "select erp_id, erp_id, (select id from cw_global.currencies where code = 'EUR'), 'active', '" + F0
                + "', md5(erp_id)::uuid from unnest(array['FB-SEASONAL', 'FB-NOISE', 'FB-NEW']) as erp_id;"
                + "insert into " + B + ".demand_history (product_id, location_id, demand_date, quantity, revenue, "
                + "is_in_stock, is_oos_imputed, demand_qty, demand_source_type_id, computed_on) "
                + "select p.id, l.id, '" + run + "'::date - d, q, q, true, false, q, 1, '" + run + "' "
                + "from " + B + ".products as p, " + B + ".locations as l, generate_series(0, 727) as d, "
                + "lateral (select round(case p.erp_id "
                + "  when 'FB-SEASONAL' then (10 + 8 * sin(2 * pi() * d / 364)) * (2 - d / 728.0) "
                + "  else 5 + 10 * random() end) as q) as v "
                + "where l.erp_id = 'FB-L0' and (p.erp_id <> 'FB-NEW' or d < 100) and p.erp_id like 'FB-%' "
                + "and p.erp_id in ('FB-SEASONAL', 'FB-NOISE', 'FB-NEW')");
        run(run, null);
        String seasonality = queryOne("select string_agg(p.erp_id || '=' || coalesce(b.seasonality_strength::text, "
                + "'null'), ' ' order by p.erp_id) from " + B + ".product_behaviors as b inner join " + B
                + ".products as p on p.id = b.product_id where b.snapshot_date = '" + run + "'");
        String[] parts = seasonality.split(" ");
        assertEquals(3, parts.length, seasonality);
        assertEquals("FB-NEW=null", parts[0], "100 days of history: no seasonality measure");
        double noise = Double.parseDouble(parts[1].substring("FB-NOISE=".length()));
        double seasonal = Double.parseDouble(parts[2].substring("FB-SEASONAL=".length()));
        org.junit.jupiter.api.Assertions.assertTrue(seasonal > 0.9, "a yearly cycle under a trend: " + seasonality);
        org.junit.jupiter.api.Assertions.assertTrue(noise < 0.4, "white noise: " + seasonality);
    }
}
