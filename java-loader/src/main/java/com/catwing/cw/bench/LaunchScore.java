package com.catwing.cw.bench;

import com.catwing.cw.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Locale;

/**
 * {@code cw bench forecast --launch-origins N}: how well step 7 forecasts launched products' first weeks. At N origins
 * (the cut-off, then every 2 weeks back) the forecast method runs over the whole world (forecast_compute, nothing
 * written to the forecast tables) twice — with the similar-products prior and with it switched off (the fallbacks:
 * the product's level elsewhere, its category's at the location) — and the 8 weeks after each origin of every
 * product launched in the 6 weeks before it are scored against the generator's ground truth, next to the category
 * average: the mean weekly level of the established products of the same category at the location (at any location
 * when none sells there). The bench world's demand up to the bench cut-off is in demand_history, so origins are at or
 * before it and the forecast sees only the past.
 */
final class LaunchScore {
    private LaunchScore() {
    }

    static void run(Database db, String s, LocalDate cutoff, int origins) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            st.execute("create unlogged table " + s + ".bench_launch (variant text not null, origin date not null, "
                    + "product_id integer not null, location_id integer not null, horizon_days integer not null, "
                    + "source text not null, predicted_qty float8 not null)");
            String settings;
            try (ResultSet rs = st.executeQuery("select (" + s + ".settings('forecast') || jsonb_build_object("
                    + "'horizon_weeks', 8, 'embeddings', " + s + ".settings('embeddings')))::text")) {
                rs.next();
                settings = rs.getString(1);
            }
            // max_distance -1: no neighbour qualifies, the prior falls back as before this change.
            String[][] variants = {{"ours", settings},
                {"without_similar", settings.replaceFirst("\\}$", "") + ", \"embeddings\": {\"neighbours\": 1, "
                        + "\"max_distance\": -1, \"category_weight\": 0}}"}};
            c.setAutoCommit(false);
            for (int k = 0; k < origins; k++) {
                LocalDate origin = cutoff.minusDays(14L * k);
                long t0 = System.nanoTime();
                st.execute("select " + s + ".embeddings_refresh_attributes(null), " + s
                        + ".embeddings_refresh_demand_profiles('" + origin + "', null)");
                for (String[] variant : variants) {
                    try (PreparedStatement ps = c.prepareStatement("call " + s + ".forecast_compute(?::date, "
                            + "?::jsonb, null, null, null)")) {
                        ps.setObject(1, origin);
                        ps.setString(2, variant[1]);
                        ps.execute();
                    }
                    st.execute("insert into " + s + ".bench_launch select '" + variant[0] + "', '" + origin
                            + "'::date, rows.product_id, rows.location_id, rows.horizon_days, types.name, "
                            + "rows.predicted_qty from fc_out_rows as rows inner join " + s + ".demand_source_types "
                            + "as types on types.id = rows.demand_source_type_id inner join " + s + ".products on "
                            + "products.id = rows.product_id where products.launch_date > '" + origin + "'::date - 42 "
                            + "and products.launch_date <= '" + origin + "' and rows.horizon_days <= 56");
                    c.commit();
                }
                System.out.printf(Locale.ROOT, "launch origin %s (%d of %d) in %.1f s%n", origin, k + 1, origins,
                        (System.nanoTime() - t0) / 1e9);
            }
            // The category average: established pairs (listed on >= 53 of the last 91 days), demand per listed day x 7.
            st.execute("insert into " + s + ".bench_launch with origins as (select distinct origin from " + s
                    + ".bench_launch), levels as (select origins.origin, history.product_id, history.location_id, "
                    + "sum(history.demand_qty)::float8 * 7 / count(*) as level_qty from origins inner join " + s
                    + ".demand_history as history on history.demand_date between origins.origin - 90 and "
                    + "origins.origin group by 1, 2, 3 having count(*) >= 53), at_location as (select levels.origin, "
                    + "products.product_category_id, levels.location_id, avg(levels.level_qty) as level_qty from "
                    + "levels inner join " + s + ".products on products.id = levels.product_id group by 1, 2, 3), "
                    + "anywhere as (select levels.origin, products.product_category_id, avg(levels.level_qty) as "
                    + "level_qty from levels inner join " + s + ".products on products.id = levels.product_id group "
                    + "by 1, 2) select 'category_average', ours.origin, ours.product_id, ours.location_id, "
                    + "ours.horizon_days, ours.source, coalesce(at_location.level_qty, anywhere.level_qty, 0) from "
                    + s + ".bench_launch as ours inner join " + s + ".products on products.id = ours.product_id left "
                    + "join at_location on at_location.origin = ours.origin and at_location.product_category_id = "
                    + "products.product_category_id and at_location.location_id = ours.location_id left join "
                    + "anywhere on anywhere.origin = ours.origin and anywhere.product_category_id = "
                    + "products.product_category_id where ours.variant = 'ours'");
            c.commit();
            report(st, s);
        }
    }

    /**
     * MAE and RMSE in units a week against the realised demand, MAE against the true mean, bias, and the mean RMSSE
     * of the series: a new series has no in-sample history to scale by, so the scale is the mean squared one-week
     * change of the pair's true weekly demand over the whole simulation — one constant per series, the same for every
     * method compared.
     */
    private static void report(Statement st, String s) throws SQLException {
        String sql = "with scored as (select launch.variant, launch.origin, launch.product_id, launch.location_id, "
                + "launch.horizon_days, ours.source, launch.predicted_qty, sum(truth.demand)::float8 as actual_qty, "
                + "sum(truth.mean) as mean_qty from " + s + ".bench_launch as launch inner join " + s + ".bench_launch "
                + "as ours on ours.variant = 'ours' and ours.origin = launch.origin and ours.product_id = "
                + "launch.product_id and ours.location_id = launch.location_id and ours.horizon_days = "
                + "launch.horizon_days inner join " + s + ".bench_truth as truth on truth.product_id = "
                + "launch.product_id and truth.location_id = launch.location_id and truth.demand_date between "
                + "launch.origin + launch.horizon_days - 6 and launch.origin + launch.horizon_days group by 1, 2, 3, "
                + "4, 5, 6, 7), weekly as (select truth.product_id, truth.location_id, (truth.demand_date - date "
                + "'2000-01-03') / 7 as week, sum(truth.demand)::float8 as qty from " + s + ".bench_truth as truth "
                + "where truth.product_id in (select product_id from " + s + ".bench_launch) group by 1, 2, 3), "
                + "scales as (select changes.product_id, changes.location_id, avg(changes.change ^ 2) as scale from "
                + "(select weekly.product_id, weekly.location_id, weekly.qty - lag(weekly.qty) over (partition by "
                + "weekly.product_id, weekly.location_id order by weekly.week) as change from weekly) as changes "
                + "where changes.change is not null group by 1, 2 having avg(changes.change ^ 2) > 0), per_series as "
                + "(select scored.variant, scored.source, scored.origin, scored.product_id, scored.location_id, "
                + "sqrt(avg((scored.predicted_qty - scored.actual_qty) ^ 2) / scales.scale) as rmsse from scored "
                + "inner join scales on scales.product_id = scored.product_id and scales.location_id = "
                + "scored.location_id group by 1, 2, 3, 4, 5, scales.scale), groups as (select scored.variant, "
                + "coalesce(scored.source, 'all') as source, count(distinct (scored.origin, scored.product_id, "
                + "scored.location_id)) as series, avg(abs(scored.predicted_qty - scored.actual_qty)) as mae, "
                + "sqrt(avg((scored.predicted_qty - scored.actual_qty) ^ 2)) as rmse, avg(abs(scored.predicted_qty - "
                + "scored.mean_qty)) as mae_mean, 100 * sum(scored.predicted_qty - scored.actual_qty) / "
                + "nullif(sum(scored.actual_qty), 0) as bias_pct, avg(scored.actual_qty) as actual_qty from scored "
                + "group by grouping sets ((scored.variant, scored.source), (scored.variant))), rmsses as (select "
                + "per_series.variant, coalesce(per_series.source, 'all') as source, avg(per_series.rmsse) as rmsse "
                + "from per_series group by grouping sets ((per_series.variant, per_series.source), "
                + "(per_series.variant))) select groups.source, groups.variant, groups.series, groups.actual_qty, "
                + "groups.mae, groups.rmse, rmsses.rmsse, groups.mae_mean, groups.bias_pct from groups left join "
                + "rmsses on rmsses.variant = groups.variant and rmsses.source = groups.source order by "
                + "groups.source, groups.mae";
        System.out.println("launched products' first weeks: 8 weeks after each origin, products launched in the 6 "
                + "weeks before it (series = origin x product x location; quantities in units a week)");
        System.out.printf(Locale.ROOT, "%-22s %-17s %7s %8s %8s %8s %8s %9s %8s%n", "source (ours)", "method", "series",
                "actual", "MAE", "RMSE", "RMSSE", "MAE mean", "bias %");
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                System.out.printf(Locale.ROOT, "%-22s %-17s %7d %8.2f %8.3f %8.3f %8.3f %9.3f %7.1f%%%n",
                        rs.getString(1), rs.getString(2), rs.getInt(3), rs.getDouble(4), rs.getDouble(5),
                        rs.getDouble(6), rs.getDouble(7), rs.getDouble(8), rs.getDouble(9));
            }
        }
    }
}
