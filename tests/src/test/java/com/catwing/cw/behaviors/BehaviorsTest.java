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

    /** Whether the pair has a demand_history row that day. */
    private static boolean listed(int p, int l, int d) {
        if (p == 4 && l == 1) {
            return d >= 10;
        }
        return !(p == 5 && l == 1);
    }

    /** Units sold. */
    private static int qty(int p, int l, int d) {
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
                + "{\"window_days\": " + WINDOW + "}}' where code = '" + TestServer.CLIENT_B + "';");
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

    private void setting(String json) {
        exec("update cw_global.clients set settings = settings || '{\"behaviors\": " + json + "}' where code = '"
                + TestServer.CLIENT_B + "'");
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
        String abc;

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
            for (int l = 0; l < LOCATIONS; l++) {
                Measured pair = new Measured(p, l);
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
    }

    @Test
    @Order(2)
    void reRunningADateLeavesIdenticalChecksums() throws SQLException {
        String pairs = checksum("product_location_behaviors", "true");
        String products = checksum("product_behaviors", "true");
        run(RUN, null);
        assertEquals(pairs, checksum("product_location_behaviors", "true"), "a re-run rewrote pair rows");
        assertEquals(products, checksum("product_behaviors", "true"), "a re-run rewrote product rows");
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
    void aScopedRunRewritesOnlyTheScopedRows() throws SQLException {
        String at = "b.snapshot_date = '" + RUN + "'";
        String inScope = at + " and b.product_id in (select id from " + B + ".products where erp_id in ('FB-P1', "
                + "'FB-P2')) and b.location_id = (select id from " + B + ".locations where erp_id = 'FB-L0')";
        String scopedProducts = at + " and b.product_id in (select id from " + B + ".products where erp_id in "
                + "('FB-P1', 'FB-P2'))";
        String outsidePairs = checksum("product_location_behaviors", "not (" + inScope + ")");
        String outsideProducts = checksum("product_behaviors", "not (" + scopedProducts + ")");
        String scopedPairs = checksum("product_location_behaviors", inScope);
        setting("{\"window_days\": 7}");
        try {
            run(RUN, "{\"products\": [\"FB-P1\", \"FB-P2\"], \"locations\": [\"FB-L0\"]}");
        } finally {
            setting("{\"window_days\": " + WINDOW + "}");
        }
        assertEquals(outsidePairs, checksum("product_location_behaviors", "not (" + inScope + ")"),
                "pair rows outside the scope changed");
        assertEquals(outsideProducts, checksum("product_behaviors", "not (" + scopedProducts + ")"),
                "product rows outside the scope changed");
        assertNotEquals(scopedPairs, checksum("product_location_behaviors", inScope), "scoped rows not rewritten");
        List<Measured> seven = expected(DAYS - 1, 7);
        assertEquals(4, assertMatches(seven, RUN, 1, 0) + assertMatches(seven, RUN, 2, 0),
                "the scoped pairs and products match the 7-day computation");
        assertEquals("7", queryOne("select string_agg(distinct window_days::text, ',') from " + B
                + ".product_behaviors as b where " + scopedProducts), "the scoped products use the new window");
    }

    @Test
    @Order(5)
    void invalidSettingsFailWithCw070() {
        setting("{\"window_days\": " + WINDOW + ", \"abc_a_pct\": 96}");
        try {
            assertThrows(SQLException.class, () -> run(RUN, null));
        } finally {
            setting("{\"window_days\": " + WINDOW + "}");
        }
        assertEquals("CW070", queryOne("select error_sqlstate from " + B + ".pipeline_step_runs where step_name = "
                + "'behaviors' order by id desc limit 1"), "the failure's SQLSTATE");
    }
}
