package com.catwing.cw.changes;

import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.load.RawLoader;
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
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cyclicity proof of a disabled location, over every step (client A, 14 generated days; steps 1-6 run each day,
 * the whole pipeline on the last one): a planner disables a store in the UI role, one processor pass re-runs the
 * pipeline from inventory targets for that store, its lane partners and the upper echelons above it in the supply tree
 * (the impact rule of locations.is_enabled), after
 * which the store has a zero target with its reason on every pair, no pending purchase or transfer recommendation, and
 * no row of a location outside that scope changed.
 */
class LocationDisableTest extends DbTest {
    private static final LocalDate START = LocalDate.of(2037, 3, 1);  // own dates in the shared test bucket
    private static final int DAYS = 14;
    private static final LocalDate LAST_RUN = START.plusDays(DAYS - 2);
    private static final String A = "cw_000901";

    @BeforeAll
    void generateLoadAndRun() throws SQLException {
        TestS3.generate(TestServer.CLIENT_A, START, DAYS, "catwing", "none", 11);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        new RawLoader(db, TestS3.store(), Tenant.of(TestServer.CLIENT_A), quiet).load(START, START.plusDays(DAYS - 1));
        for (int d = 0; d < DAYS - 1; d++) {
            // The history days need steps 1-6 only (demand history and behaviours); the last day runs every step.
            try (Connection c = connect(); CallableStatement cs = c.prepareCall("call " + A
                    + ".run_pipeline(?::date, null, ?)")) {
                cs.setObject(1, START.plusDays(d));
                cs.setString(2, d < DAYS - 2 ? "behaviors" : null);
                cs.execute();
            }
        }
        assertEquals(0, count("select from " + A + ".pipeline_runs where run_date = '" + LAST_RUN
                + "' and status <> 'succeeded'"), "the last day's run succeeded");
    }

    /** Per key, count:md5 of the rows (with xmin: a rewritten row changes it) of a table. */
    private Map<String, String> checksums(String table, String key) {
        Map<String, String> sums = new TreeMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select " + key + ", count(*) || ':' || md5(string_agg(t.xmin::text || '/' "
                     + "|| t::text, '|' order by t::text)) from " + A + "." + table + " as t group by 1")) {
            while (rs.next()) {
                sums.put(table + " " + rs.getString(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return sums;
    }

    /** Checksums by location (targets, their parameters, PO recommendations, the location), by route (transfers). */
    private Map<String, String> checksumsByLocation() {
        Map<String, String> sums = new TreeMap<>();
        sums.putAll(checksums("inventory_targets", "t.location_id::text"));
        sums.putAll(checksums("inventory_target_params", "(select location_id from " + A + ".inventory_targets where "
                + "id = t.inventory_target_id)::text"));
        sums.putAll(checksums("po_recommendations", "t.location_id::text"));
        sums.putAll(checksums("to_recommendations", "t.from_location_id || '>' || t.to_location_id"));
        sums.putAll(checksums("locations", "t.id::text"));
        sums.putAll(checksums("product_location_behaviors", "'all'"));
        sums.putAll(checksums("demand_forecast_products", "'all'"));
        return sums;
    }

    /** True when a checksum key (table, then a location id or a route from>to) names a location of the scope. */
    private static boolean inScope(String key, Set<String> scoped) {
        String ids = key.substring(key.indexOf(' ') + 1);
        for (String id : ids.split(">")) {
            if (scoped.contains(id)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void disablingAStoreRemovesItsTargetsAndRecommendationsInOnePassAndChangesNothingElse() throws SQLException {
        // The store with the most positive targets on the last day.
        String store = queryOne("select targets.location_id from " + A + ".inventory_targets as targets inner join "
                + A + ".locations as locations on locations.id = targets.location_id where targets.snapshot_date = '"
                + LAST_RUN + "' and targets.target_stock > 0 and locations.location_type = 'store' "
                + "group by targets.location_id order by count(*) desc, targets.location_id limit 1");
        String erpId = queryOne("select erp_id from " + A + ".locations where id = " + store);
        long positive = count("select from " + A + ".inventory_targets where location_id = " + store
                + " and snapshot_date = '" + LAST_RUN + "' and target_stock > 0");
        long recommended = count("select from " + A + ".po_recommendations where location_id = " + store
                + " and recommendation_date = '" + LAST_RUN + "'") + count("select from " + A
                + ".to_recommendations where " + store + " in (from_location_id, to_location_id) "
                + "and recommendation_date = '" + LAST_RUN + "'");
        assertTrue(positive > 0, "the store has targets to lose");
        long all = count("select from " + A + ".inventory_targets where location_id = " + store
                + " and snapshot_date = '" + LAST_RUN + "'");
        assertTrue(recommended > 0, "the store has recommendations to lose");
        Map<String, String> before = checksumsByLocation();
        long runsBefore = count("select from " + A + ".pipeline_runs");

        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("set role cw_000901_ui; set cw.app_user = 'planner@client'");
            s.execute("update " + A + ".locations set is_enabled = false where id = " + store);
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // The scope (store, DC, warehouse) is 3 of this small world's 8 locations, more than the default
            // changes.whole_client_above_pct (10 %), which would widen the run to the whole client: this client
            // allows scoped runs up to half of its locations.
            s.execute("update cw_global.clients set settings = jsonb_set(coalesce(settings, '{}'), '{changes}', "
                    + "coalesce(settings -> 'changes', '{}') || '{\"whole_client_above_pct\": 50}') "
                    + "where code = '" + TestServer.CLIENT_A + "'");
            s.execute("call " + A + ".process_change_events()");
        }

        assertEquals(runsBefore + 1, count("select from " + A + ".pipeline_runs"), "one pass, one pipeline run");
        assertEquals("succeeded|inventory_targets|true|" + LAST_RUN,
                queryOne("select status || '|' || from_step || '|' || (scope -> 'locations' ? '" + erpId + "') || '|' "
                        + "|| run_date from " + A + ".pipeline_runs order by id desc limit 1"),
                "a run from inventory targets scoped to the store, for the date the UI shows");
        String partners = queryOne("select string_agg(erp_id, ',' order by erp_id) from " + A + ".locations where erp_id "
                + "in (select jsonb_array_elements_text((select scope -> 'locations' from " + A + ".pipeline_runs order "
                + "by id desc limit 1))) and id <> " + store);
        assertEquals(queryOne("select string_agg(distinct locations.erp_id, ',' order by locations.erp_id) from ("
                + "select case when lanes.from_location_id = " + store + " then lanes.to_location_id "
                + "else lanes.from_location_id end as id from " + A + ".location_lanes as lanes where " + store
                + " in (lanes.from_location_id, lanes.to_location_id) union select tree.location_id from " + A
                + ".supply_tree_as_of('" + LAST_RUN + "', (" + A + ".settings('to_recommendations') ->> "
                + "'network_history_days')::integer) as tree where tree.descendant_location_id = " + store
                + " and tree.depth >= 1) as partners inner join " + A + ".locations as locations on locations.id = "
                + "partners.id"), partners,
                "the scope is the store, its lane partners and the upper echelons that pool it, no more");
        Set<String> scoped = new HashSet<>(List.of(queryOne("select string_agg(id::text, ',') from " + A
                + ".locations where erp_id in (select jsonb_array_elements_text((select scope -> 'locations' from " + A
                + ".pipeline_runs order by id desc limit 1)))").split(",")));
        assertEquals("0|" + all + "|0", queryOne("select count(*) filter (where target_stock > 0) || '|' || "
                + "count(*) || '|' || count(*) filter (where zero_reason is distinct from 'location_disabled' and "
                + "zero_reason not in ('not_stocked', 'discontinued')) from " + A + ".inventory_targets where "
                + "location_id = " + store + " and snapshot_date = '" + LAST_RUN + "'"), "every pair of the store has "
                + "a zero target with the reason location_disabled, or a reason that comes first (not_stocked: the "
                + "assortment step of the same night marked it since step 8 ran; discontinued)");
        assertTrue(count("select from " + A + ".inventory_targets where location_id = " + store + " and snapshot_date "
                + "= '" + LAST_RUN + "' and zero_reason = 'location_disabled'") > 0, "location_disabled is recorded");
        assertEquals(0, count("select from " + A + ".po_recommendations as recs inner join " + A
                + ".po_recommendation_statuses as statuses on statuses.id = recs.po_recommendation_status_id "
                + "where recs.location_id = " + store + " and recs.recommendation_date = '" + LAST_RUN
                + "' and statuses.name = 'pending'"), "no pending purchase recommendation for the store");
        assertEquals(0, count("select from " + A + ".to_recommendations as recs inner join " + A
                + ".to_recommendation_statuses as statuses on statuses.id = recs.to_recommendation_status_id "
                + "where " + store + " in (recs.from_location_id, recs.to_location_id) and recs.recommendation_date = '"
                + LAST_RUN + "' and statuses.name = 'pending'"), "no pending transfer to or from the store");
        Map<String, String> after = checksumsByLocation();
        Set<String> keys = new TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        List<String> changed = new ArrayList<>();
        for (String key : keys) {
            if (!inScope(key, scoped) && !Objects.equals(before.get(key), after.get(key))) {
                changed.add(key);
            }
        }
        assertEquals(List.of(), changed, "no row of a location outside the scope changed");
        assertTrue(!Objects.equals(before.get("inventory_targets " + store), after.get("inventory_targets " + store)),
                "the store's targets were rewritten");
        assertEquals("processed|planner@client", queryOne("select status || '|' || app_user from " + A
                + ".change_events where table_name = 'locations' order by id desc limit 1"));
    }
}
