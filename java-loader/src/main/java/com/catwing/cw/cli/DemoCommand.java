package com.catwing.cw.cli;

import com.catwing.cw.CwException;
import com.catwing.cw.db.Database;
import com.catwing.cw.db.Migrator.Tenant;
import com.catwing.cw.generate.Generator;
import com.catwing.cw.generate.GeneratorConfig;
import com.catwing.cw.generate.Sink;
import com.catwing.cw.load.RawLoader;
import com.catwing.cw.s3.S3Store;
import com.catwing.cw.tenant.Pipeline;
import com.catwing.cw.tenant.Tenants;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/**
 * {@code cw demo}: from a fresh machine to the pipeline run end to end on generated data — local database and S3,
 * migrations, a demo client, a generated ERP world in S3, the raw load and the pipeline for every day.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Set everything up (database, S3, build) and run the pipeline end to end on generated data.")
public final class DemoCommand implements Callable<Integer> {
    /** {@code --small}: days and products of the demo client, days and products of the web shop. */
    static final int SMALL_DAYS = 7;
    static final int SMALL_PRODUCTS = 80;
    static final int SMALL_WEB_DAYS = 3;
    static final int SMALL_WEB_PRODUCTS = 40;

    @Option(names = "--client", defaultValue = "CW-000200", description = "demo client code (default: ${DEFAULT-VALUE})")
    String client;
    @Option(names = "--start", defaultValue = "2024-03-18", description = "first day (default: ${DEFAULT-VALUE})")
    LocalDate start;
    @Option(names = "--days", defaultValue = "14", description = "days of data (default: ${DEFAULT-VALUE})")
    int days;
    @Option(names = "--products", defaultValue = "300", description = "catalogue size (default: ${DEFAULT-VALUE})")
    int products;
    @Option(names = "--defects", defaultValue = "light", description = "generator defect profile (default: ${DEFAULT-VALUE})")
    String defects;
    @Option(names = "--webshop", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "also run a small web-shop client (dialect webshop_csv: four CSV files a day with seed 003's "
                    + "dirt and a few hostile rows, at most 7 days; default on)")
    boolean webshop;
    @Option(names = "--webshop-client", defaultValue = "CW-000300",
            description = "the web-shop demo client (default: ${DEFAULT-VALUE})")
    String webshopClient;
    @Option(names = "--small", description = "a small world for a quick look (and the automated test of the demo): "
            + SMALL_DAYS + " days and " + SMALL_PRODUCTS + " products unless --days or --products say otherwise, "
            + "and a web shop of " + SMALL_WEB_DAYS + " days and " + SMALL_WEB_PRODUCTS + " products")
    boolean small;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws SQLException {
        Tenant t = Tenant.of(client);
        if (small) {
            var parsed = spec.commandLine().getParseResult();
            days = parsed.hasMatchedOption("--days") ? days : SMALL_DAYS;
            products = parsed.hasMatchedOption("--products") ? products : SMALL_PRODUCTS;
        }
        if (days < 1) {
            throw new CwException("--days must be at least 1", 2);
        }
        LocalDate last = start.plusDays(days - 1);
        System.out.printf("== 1/%d local PostgreSQL and migrations%n", parts());
        Database db = Database.configured();
        Tenants tenants = new Tenants(db, System.out);
        tenants.migrateAll();
        if (!tenants.exists(t.code())) {
            tenants.create(t.code(), "Demo Retail GmbH", "EUR", "Europe/Berlin", "catwing");
            // Two weeks of history: compare the last 4 days with the rest for hotness (default 14 days, the whole
            // history here). A per-client setting (docs/behaviors.md).
            try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement("update cw_global.clients "
                    + "set settings = coalesce(settings, '{}') || '{\"behaviors\": {\"hot_recent_days\": 4}}' "
                    + "where code = ?")) {
                ps.setString(1, t.code());
                ps.executeUpdate();
            }
        }
        try (S3Store s3 = S3Store.open()) {
            s3.ensureBucket();
            System.out.printf("== 2/%d generating %d days of ERP data (%d products, defects: %s) into s3://%s/raw-data/%s/%n",
                    parts(), days, products, defects, s3.bucket(), t.code());
            GeneratorConfig cfg = new GeneratorConfig(t.code(), start, days, products, 8, 20, 42, "catwing", defects);
            Generator.Stats st = new Generator(cfg, Sink.s3(s3)).run((done, total, soFar) -> { });
            System.out.printf("   %,d records in %d files (%,d defects injected; manifest in client-data/%s/ground-truth/)%n",
                    st.records, st.files, st.defects, t.code());
            System.out.printf("== 3/%d loading raw JSON from S3 (step 1, cw ingest)%n", parts());
            RawLoader.Summary sum = new RawLoader(db, s3, t, new PrintStream(OutputStream.nullOutputStream()))
                    .load(start, last);
            System.out.println("   " + sum);
        }
        System.out.printf("== 4/%d running the pipeline for %s .. %s%n", parts(), start, last);
        Pipeline pipeline = new Pipeline(db, new PrintStream(OutputStream.nullOutputStream()));
        for (LocalDate d = start; !d.isAfter(last); d = d.plusDays(1)) {
            try {
                pipeline.run(t.code(), d, null, null, null);
            } catch (CwException e) {
                if (e.exitCode() != 4) {
                    throw e;
                }
            }
        }
        try (Connection c = db.connect()) {
            printGateTable(c, t, start, last);
            System.out.printf("== 5/%d the steps of the last day, %s%n", parts(), last);
            new Pipeline(db, System.out).printLastRun(c, t, last);
            printLoadCounts(c, t, last);
            LocalDate shown = lastCompletedDay(c, t, start, last);
            if (!shown.equals(last)) {
                System.out.printf("%n(the pipeline stopped on %s: what follows is of %s, the last day that ran to the "
                        + "end; see its quality report, or bin/cw gate accept %s --date %s --reason \"...\" for a "
                        + "false alarm)%n", last, shown, t.code(), last);
            }
            printTopProducts(c, t, shown);
            printForecasts(c, t, shown);
            printTargets(c, t, shown);
            printAssortments(c, t);
            printPurchaseProposal(c, t, shown);
            printTransferList(c, t, shown);
        }
        if (webshop) {
            runWebshop(db, tenants);
        }
        System.out.printf("%nnext: bin/cw report quality %s --date <a FAILED date> --format md   (or --format html "
                + "--output report.html)%n", t.code());
        return 0;
    }

    private int parts() {
        return webshop ? 6 : 5;
    }

    /**
     * The last day of the range whose run went through every step (run_days.run_status succeeded): the day whose
     * classes, forecasts, targets and recommendations the demo shows (a gate failure on the last day, e.g. an
     * injected defect, stops its run before them). The last day itself when none did.
     */
    private static LocalDate lastCompletedDay(Connection c, Tenant t, LocalDate from, LocalDate to) throws SQLException {
        String sql = """
                select max(run_date) from %s.run_days
                where run_date between ? and ? and run_status = 'succeeded'""".formatted(t.schema());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, from);
            ps.setObject(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                LocalDate day = rs.next() ? rs.getObject(1, LocalDate.class) : null;
                return day == null ? to : day;
            }
        }
    }

    /** Gate and run status of each day. */
    private static void printGateTable(Connection c, Tenant t, LocalDate from, LocalDate to) throws SQLException {
        System.out.printf("%-11s %-7s %6s %9s %9s  %s%n", "date", "gate", "score", "critical", "warnings", "run");
        String sql = """
                select run_date, gate_passed, overall_score, critical_count, warning_count, run_status
                from %1$s.run_days where run_date between ? and ? order by run_date""".formatted(t.schema());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, from);
            ps.setObject(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    System.out.printf("%-11s %-7s %6s %9s %9s  %s%n", rs.getString(1),
                            rs.getObject(2) == null ? "-" : rs.getBoolean(2) ? "passed" : "FAILED",
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
                }
            }
        }
    }

    /**
     * A second, small client: a web shop that exports four CSV files a day (dialect webshop_csv, issue 17 point 3),
     * generated with seed 003's dirt and three hostile rows, loaded and run through the pipeline like the first.
     * Skipped, with a line that says so, on a database without the dialect.
     */
    private void runWebshop(Database db, Tenants tenants) throws SQLException {
        Tenant w = Tenant.of(webshopClient);
        int webDays = Math.min(days, small ? SMALL_WEB_DAYS : 7);
        int webProducts = small ? SMALL_WEB_PRODUCTS : 150;
        LocalDate webLast = start.plusDays(webDays - 1L);
        try (Connection c = db.connect(); PreparedStatement ps = c.prepareStatement(
                "select 1 from cw_global.erp_dialects where code = 'webshop_csv'"); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                System.out.printf("%n== 6/6 web shop: skipped (this database has no dialect webshop_csv)%n");
                return;
            }
        }
        if (!tenants.exists(w.code())) {
            tenants.create(w.code(), "Demo Webshop GmbH", "EUR", "Europe/Berlin", "webshop_csv");
        }
        System.out.printf("%n== 6/6 a web-shop client %s: %d days of CSV exports (customers, products, transactions, "
                + "items) with seed 003's dirt and 3 hostile rows, loaded and run%n", w.code(), webDays);
        try (S3Store s3 = S3Store.open()) {
            GeneratorConfig cfg = new GeneratorConfig(w.code(), start, webDays, webProducts, 8, 20, 42, "webshop_csv",
                    "none", true, true, 0, 1.0, true);
            Generator.Stats st = new Generator(cfg, Sink.s3(s3)).run((done, total, soFar) -> { });
            System.out.printf("   %,d CSV rows in %d files (%,d dirty or hostile rows, named in client-data/%s/"
                    + "ground-truth/dirt/)%n", st.records, st.files, st.defects, w.code());
            RawLoader.Summary sum = new RawLoader(db, s3, w, new PrintStream(OutputStream.nullOutputStream()))
                    .load(start, webLast);
            System.out.println("   " + sum);
        }
        Pipeline pipeline = new Pipeline(db, new PrintStream(OutputStream.nullOutputStream()));
        for (LocalDate d = start; !d.isAfter(webLast); d = d.plusDays(1)) {
            try {
                pipeline.run(w.code(), d, null, null, null);
            } catch (CwException e) {
                if (e.exitCode() != 4) {
                    throw e;
                }
            }
        }
        try (Connection c = db.connect()) {
            printGateTable(c, w, start, webLast);
            printLoadCounts(c, w, lastCompletedDay(c, w, start, webLast));
        }
    }

    /** Step inventory_targets: a few targets next to stock on hand, those at or below their reorder point first. */
    private static void printTargets(Connection c, Tenant t, LocalDate day) throws SQLException {
        String sql = """
                select product_erp_id, location_erp_id, strategy, on_hand_qty, reorder_point, safety_stock,
                       target_stock, fill_rate_simulated, is_at_or_below_reorder_point
                from %s.inventory_target_overview
                where snapshot_date = ? and zero_reason is null
                order by is_at_or_below_reorder_point desc, target_stock desc, product_erp_id, location_erp_id
                limit 8""".formatted(t.schema());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                System.out.printf("%ninventory targets, %s (view inventory_target_overview)%n", day);
                System.out.printf("%-12s %-12s %-22s %8s %8s %8s %8s %6s  %s%n", "product", "location", "strategy",
                        "on hand", "reorder", "safety", "target", "fill", "");
                boolean any = false;
                while (rs.next()) {
                    any = true;
                    System.out.printf("%-12s %-12s %-22s %8s %8.1f %8.1f %8.1f %6s  %s%n", rs.getString(1),
                            rs.getString(2), rs.getString(3),
                            rs.getBigDecimal(4) == null ? "-" : rs.getBigDecimal(4).stripTrailingZeros().toPlainString(),
                            rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7),
                            rs.getBigDecimal(8) == null ? "-" : rs.getBigDecimal(8).toPlainString(),
                            rs.getBoolean(9) ? "order now" : "");
                }
                if (!any) {
                    System.out.println("(no targets for that date: the pipeline stopped before step inventory_targets)");
                }
            }
        }
    }

    /** What step load did per entity on a date (load_entity_stats). */
    private static void printLoadCounts(Connection c, Tenant t, LocalDate day) throws SQLException {
        String sql = """
                select entity, rows_in, rows_inserted, rows_updated, rows_unchanged, rows_rejected, rows_deactivated
                from %s.load_entity_stats where run_date = ? order by entity""".formatted(t.schema());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                System.out.printf("%nload, %s%n%-26s %9s %9s %9s %9s %9s %9s%n", day, "entity", "rows in", "inserted",
                        "updated", "unchanged", "rejected", "deactiv.");
                while (rs.next()) {
                    System.out.printf("%-26s %,9d %,9d %,9d %,9d %,9d %,9d%n", rs.getString(1), rs.getLong(2),
                            rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7));
                }
            }
        }
    }

    /** The classes of the last snapshot: products per ABC class, and the top products of each class by revenue (view top_products_by_class). */
    private static void printTopProducts(Connection c, Tenant t, LocalDate day) throws SQLException {
        String sql = """
                select abc_class as abc, xyz_class as xyz, fmr_class as fmr, freq_class as freq, erp_id, name,
                       demand_revenue, velocity, demand_pattern, hotness_score, n_stores, products_in_class as in_class
                from %1$s.top_products_by_class where snapshot_date = ? and class_rank <= 3
                order by abc_class, class_rank""".formatted(t.schema());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                System.out.printf("%nbehaviours, %s: top products of each ABC class (window revenue)%n", day);
                System.out.printf("%-3s %-3s %-3s %-8s %-12s %-28s %11s %8s %-12s %6s %6s%n", "abc", "xyz", "fmr",
                        "freq", "product", "name", "revenue", "units/d", "pattern", "hot", "stores");
                String klass = null;
                while (rs.next()) {
                    if (!rs.getString("abc").equals(klass)) {
                        klass = rs.getString("abc");
                        System.out.printf("-- class %s: %,d products%n", klass, rs.getLong("in_class"));
                    }
                    String name = rs.getString("name");
                    System.out.printf("%-3s %-3s %-3s %-8s %-12s %-28s %,11.2f %8.2f %-12s %6.1f %6d%n",
                            rs.getString("abc"), rs.getString("xyz"), rs.getString("fmr"), rs.getString("freq"),
                            rs.getString("erp_id"), name.length() > 28 ? name.substring(0, 27) + "…" : name,
                            rs.getBigDecimal("demand_revenue"), rs.getBigDecimal("velocity"),
                            rs.getString("demand_pattern") == null ? "-" : rs.getString("demand_pattern"),
                            rs.getBigDecimal("hotness_score"), rs.getInt("n_stores"));
                }
                if (klass == null) {
                    System.out.println("(no behaviours for that date: the pipeline stopped before step behaviors)");
                }
            }
        }
    }

    /** Step forecast: a few products' demand of the last four weeks next to their forecast of the next four. */
    private static void printForecasts(Connection c, Tenant t, LocalDate day) throws SQLException {
        String sql = """
                with top as (
                    select rows.product_id, rows.location_id
                    from %1$s.active_demand_forecast_products as rows
                    where rows.forecast_date = ? and rows.horizon_days = 7
                    order by rows.predicted_qty desc, rows.product_id, rows.location_id
                    limit 6
                )
                select products.erp_id, locations.erp_id as location, series.history_weeks,
                       (select array_agg(coalesce(weeks.qty, 0) order by w.w desc)
                        from generate_series(0, 3) as w (w)
                        left join lateral (select sum(history.demand_qty) as qty from %1$s.demand_history as history
                                           where history.product_id = top.product_id
                                             and history.location_id = top.location_id
                                             and history.demand_date between ?::date - 7 * w.w - 6
                                                                         and ?::date - 7 * w.w) as weeks on true)
                       as recent,
                       (select array_agg(rows.predicted_qty order by rows.horizon_days)
                        from %1$s.active_demand_forecast_products as rows
                        where rows.product_id = top.product_id and rows.location_id = top.location_id
                          and rows.horizon_days <= 28) as forecast,
                       (select max(rows.prob_demand) filter (where rows.horizon_days = 7)
                        from %1$s.active_demand_forecast_products as rows
                        where rows.product_id = top.product_id and rows.location_id = top.location_id) as prob,
                       (select min(rows.demand_source_type)
                        from %1$s.active_demand_forecast_products as rows
                        where rows.product_id = top.product_id and rows.location_id = top.location_id) as source
                from top
                inner join %1$s.products on products.id = top.product_id
                inner join %1$s.locations on locations.id = top.location_id
                left join %1$s.demand_forecast_series as series
                    on series.product_id = top.product_id and series.location_id = top.location_id
                    and series.forecast_date = ?
                    and series.demand_forecast_id = (select id from %1$s.active_demand_forecast)
                order by products.erp_id, locations.erp_id""".formatted(t.schema());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 1; i <= 4; i++) {
                ps.setObject(i, day);
            }
            try (ResultSet rs = ps.executeQuery()) {
                System.out.printf("%nforecast, %s: weekly demand of the last 4 weeks | forecast of the next 4 "
                        + "(docs/forecast.md)%n", day);
                System.out.printf("%-12s %-8s %5s  %-31s | %-31s %6s  %s%n", "product", "location", "weeks",
                        "demand (oldest first)", "forecast", "P(d>0)", "source");
                boolean any = false;
                while (rs.next()) {
                    any = true;
                    System.out.printf("%-12s %-8s %5d  %-31s | %-31s %6.2f  %s%n", rs.getString(1), rs.getString(2),
                            rs.getInt(3), weeks(rs.getArray(4)), weeks(rs.getArray(5)), rs.getDouble(6),
                            rs.getString(7));
                }
                if (!any) {
                    System.out.println("(no forecast for that date: the pipeline stopped before step forecast)");
                }
            }
        }
    }

    private static String weeks(java.sql.Array array) throws SQLException {
        if (array == null) {
            return "-";
        }
        StringBuilder sb = new StringBuilder();
        for (Object v : (Object[]) array.getArray()) {
            sb.append(String.format(java.util.Locale.ROOT, "%7.1f", ((Number) v).doubleValue()));
        }
        return sb.toString();
    }

    /** Step assortment: STOCK / NOT-STOCK counts of the global assortment and of the local ones together. */
    private static void printAssortments(Connection c, Tenant t) throws SQLException {
        String sql = """
                select assortment_type, count(*) as assortments, sum(product_count) as products,
                       sum(cw_stock_count) as stock, sum(cw_not_stock_count) as not_stock,
                       sum(not_stock_count) as effective_not_stock, sum(launch_count) as launches,
                       sum(phase_out_count) as phase_outs, sum(retired_count) as retired
                from %s.assortment_summary
                group by assortment_type order by assortment_type""".formatted(t.schema());
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            System.out.printf("%nassortments (view assortment_summary)%n");
            System.out.printf("%-8s %11s %9s %9s %9s %13s %9s %10s %8s%n", "type", "assortments", "products",
                    "STOCK", "NOT-STOCK", "effective NOT", "launches", "phase-outs", "retired");
            boolean any = false;
            while (rs.next()) {
                any = true;
                System.out.printf("%-8s %,11d %,9d %,9d %,9d %,13d %,9d %,10d %,8d%n", rs.getString(1), rs.getLong(2),
                        rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                        rs.getLong(9));
            }
            if (!any) {
                System.out.println("(no assortments: the pipeline stopped before step assortment)");
            }
        }
    }

    /** The morning's purchase proposal per supplier (view po_recommendation_supplier_summary, step 10). */
    private static void printPurchaseProposal(Connection c, Tenant t, LocalDate day) throws SQLException {
        String sql = """
                select supplier_erp_id, supplier_name, currency_code, line_count, critical_lines, order_value,
                       min_order_value, meets_min_order_value
                from %s.po_recommendation_supplier_summary where recommendation_date = ?
                order by critical_lines desc, order_value desc""".formatted(t.schema());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                System.out.printf("%npurchase proposal, %s (po_recommendation_supplier_summary)%n", day);
                System.out.printf("%-12s %-28s %-4s %6s %8s %14s %14s %-8s%n", "supplier", "name", "cur", "lines",
                        "critical", "order value", "minimum", "meets");
                boolean any = false;
                while (rs.next()) {
                    any = true;
                    String name = rs.getString("supplier_name");
                    System.out.printf("%-12s %-28s %-4s %,6d %,8d %,14.2f %14s %-8s%n", rs.getString("supplier_erp_id"),
                            name.length() > 28 ? name.substring(0, 27) + "…" : name, rs.getString("currency_code"),
                            rs.getLong("line_count"), rs.getLong("critical_lines"), rs.getBigDecimal("order_value"),
                            rs.getBigDecimal("min_order_value") == null ? "-"
                                    : "%,.2f".formatted(rs.getBigDecimal("min_order_value")),
                            rs.getBoolean("meets_min_order_value") ? "yes" : "no");
                }
                if (!any) {
                    System.out.println("(no purchase-order recommendations for that date: nothing to order, or the "
                            + "pipeline stopped before step po_recommendations)");
                }
            }
        }
    }

    /** The morning's transfer list per route (view to_recommendation_route_summary, step 11), the most urgent first. */
    private static void printTransferList(Connection c, Tenant t, LocalDate day) throws SQLException {
        String sql = """
                select from_location_erp_id, to_location_erp_id, reasons, top_priority, line_count, critical_lines,
                       total_qty
                from %s.to_recommendation_route_summary where recommendation_date = ?
                order by critical_lines desc, total_qty desc, from_location_erp_id, to_location_erp_id
                limit 15""".formatted(t.schema());
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                System.out.printf("%ntransfer list, %s (to_recommendation_route_summary, the 15 most urgent routes)%n",
                        day);
                System.out.printf("%-10s %-10s %-34s %-9s %6s %8s %12s%n", "from", "to", "reasons", "priority",
                        "lines", "critical", "units");
                boolean any = false;
                while (rs.next()) {
                    any = true;
                    String reasons = rs.getString("reasons");
                    System.out.printf("%-10s %-10s %-34s %-9s %,6d %,8d %,12.0f%n", rs.getString("from_location_erp_id"),
                            rs.getString("to_location_erp_id"),
                            reasons.length() > 34 ? reasons.substring(0, 33) + "…" : reasons,
                            rs.getString("top_priority"), rs.getLong("line_count"), rs.getLong("critical_lines"),
                            rs.getBigDecimal("total_qty"));
                }
                if (!any) {
                    System.out.println("(no transfer recommendations for that date: nothing to move, or the pipeline "
                            + "stopped before step to_recommendations)");
                }
            }
        }
    }
}
