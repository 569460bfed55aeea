package com.catwing.cw.bench;

import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.generate.GroundTruth;
import com.catwing.cw.tenant.Tenants;
import org.postgresql.copy.CopyIn;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The set-up every generated-world benchmark shares: a throw-away client created afresh (an earlier one of the same
 * code is dropped first) and dropped on {@link #close()} unless kept, and timed runs of pipeline steps. Used by
 * {@code cw bench forecast}, {@code targets} and {@code recommendations}.
 */
final class BenchClient implements AutoCloseable {
    final Database db;
    final Tenant tenant;
    final String schema;
    private final Tenants tenants;
    private final boolean keep;

    private BenchClient(Database db, Tenant tenant, Tenants tenants, boolean keep) {
        this.db = db;
        this.tenant = tenant;
        this.schema = tenant.schema();
        this.tenants = tenants;
        this.keep = keep;
    }

    /** Drops the client {@code code} if it exists and creates it again (EUR, Europe/Berlin, catwing dialect). */
    static BenchClient create(String code, String name, boolean keep) throws Exception {
        Tenant t = Tenant.of(code);
        Database db = Database.configured();
        Tenants tenants = new Tenants(db, new PrintStream(OutputStream.nullOutputStream()));
        if (tenants.exists(t.code())) {
            tenants.drop(t.code());
        }
        tenants.create(t.code(), name, "EUR", "Europe/Berlin", "catwing");
        return new BenchClient(db, t, tenants, keep);
    }

    /** Runs steps {@code from} .. {@code to} of the pipeline for {@code day} (committing per step); seconds. */
    double run(LocalDate day, String from, String to) throws SQLException {
        return run(db, schema, day, from, to);
    }

    /** Runs one step for {@code day} of the client in schema {@code schema}; seconds. */
    static double time(Database db, String schema, LocalDate day, String step) throws SQLException {
        return run(db, schema, day, step, step);
    }

    private static double run(Database db, String schema, LocalDate day, String from, String to) throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(true);
            long t0 = System.nanoTime();
            try (CallableStatement cs = c.prepareCall("call " + schema + ".run_pipeline(?::date, ?, ?, null)")) {
                cs.setObject(1, day);
                cs.setString(2, from);
                cs.setString(3, to);
                cs.execute();
            }
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** Runs one step for {@code day}; seconds. */
    double time(LocalDate day, String step) throws SQLException {
        return run(day, step, step);
    }

    /** The generator's catalogue and network as masters (categories, locations, products); fills the id maps. */
    static void masters(Database db, String s, GroundTruth gt, LocalDate start,
                                Map<Integer, Integer> productIds, Map<Integer, Integer> locationIds)
            throws SQLException {
        try (Connection c = db.connect()) {
            c.setAutoCommit(false);
            Map<String, Integer> categories = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("insert into " + s + ".product_categories (level, name, "
                    + "path, first_seen_date) values (1, ?, ?, current_date) returning id")) {
                for (int p = 0; p < gt.products(); p++) {
                    String code = gt.categoryCode(p);
                    if (!categories.containsKey(code)) {
                        ps.setString(1, code);
                        ps.setString(2, code);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            categories.put(code, rs.getInt(1));
                        }
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into " + s + ".locations (erp_id, name, "
                    + "location_type, echelon, erp_status, first_seen_date, row_hash) values (?, ?, ?, ?, 'active', "
                    + "current_date, md5(?)::uuid) returning id")) {
                for (int l = 0; l < gt.locations(); l++) {
                    String type = gt.locationType(l);
                    ps.setString(1, gt.locationKey(l));
                    ps.setString(2, gt.locationKey(l));
                    ps.setString(3, type);
                    ps.setInt(4, type.equals("warehouse") ? 3 : type.equals("dc") ? 2 : 1);
                    ps.setString(5, gt.locationKey(l));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        locationIds.put(l, rs.getInt(1));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("insert into " + s + ".products (erp_id, name, "
                    + "product_category_id, erp_currency_id, erp_cost, erp_price, cost, price, is_dropship, "
                    + "erp_status, first_seen_date, row_hash, pack_size_qty, launch_date) values (?, ?, ?, (select id "
                    + "from cw_global.currencies where code = 'EUR'), ?, ?, ?, ?, ?, 'active', current_date, "
                    + "md5(?)::uuid, ?, ?) returning id")) {
                for (int p = 0; p < gt.products(); p++) {
                    ps.setString(1, gt.productKey(p));
                    ps.setString(2, gt.productKey(p));
                    ps.setInt(3, categories.get(gt.categoryCode(p)));
                    ps.setDouble(4, gt.cost(p));
                    ps.setDouble(5, gt.price(p));
                    ps.setDouble(6, gt.cost(p));
                    ps.setDouble(7, gt.price(p));
                    ps.setBoolean(8, gt.dropship(p));
                    ps.setString(9, gt.productKey(p));
                    ps.setInt(10, gt.packSize(p));
                    ps.setObject(11, start.plusDays(gt.launchDay(p)));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        productIds.put(p, rs.getInt(1));
                    }
                }
            }
            c.commit();
            System.out.printf(Locale.ROOT, "masters: %,d products in %,d leaf categories, %,d locations%n",
                    gt.products(), categories.size(), gt.locations());
        }
    }

    static void flush(CopyIn copy, StringBuilder sb) {
        try {
            byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            sb.setLength(0);
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * demand_history up to the cut-off: the true demand as demand_qty (stockouts perfectly corrected); revenue net of
     * the day's promotion discount, as step demand_history sums it from the sales lines.
     */
    static void history(Database db, String s, LocalDate cutoff) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("insert into " + s + ".demand_history (product_id, location_id, demand_date, quantity, revenue, "
                    + "cost, is_in_stock, stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, "
                    + "computed_on) select truth.product_id, truth.location_id, truth.demand_date, truth.demand, "
                    + "round((truth.demand * products.price * (1 - truth.discount))::numeric, 4), truth.demand * products.cost, true, null, false, truth.demand, "
                    + "case when products.is_dropship then 6 else 1 end, '" + cutoff + "' from " + s
                    + ".bench_truth as truth inner join " + s + ".products on products.id = truth.product_id where truth.demand_date "
                    + "<= '" + cutoff + "'");
            st.execute("analyze " + s + ".demand_history");
        }
    }

    @Override
    public void close() throws Exception {
        if (!keep) {
            System.out.println("dropping the bench client " + tenant.code() + " (--keep keeps it)");
            tenants.drop(tenant.code());
        }
    }
}
