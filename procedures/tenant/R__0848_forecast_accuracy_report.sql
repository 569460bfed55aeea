-- The forecast accuracy report of `cw report forecast`: accuracy, bias and value added over the seasonal-naive
-- benchmark of the forecast weeks that ended in a window, overall, per horizon week and by ABC class, location and
-- category. The content is here; java-loader's ForecastReport only renders it (docs/forecast.md "Accuracy").
create or replace function ${schema}.forecast_accuracy_report(p_report_date date, p_weeks integer default 13)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_latest date;
    v_report jsonb;
begin
    if p_report_date is null or p_weeks is null or p_weeks not between 1 and 520 then
        raise exception 'invalid forecast report window: date %, % weeks (expected a date and 1 to 520 weeks)',
            p_report_date, p_weeks
            using errcode = 'CW202', hint = 'cw report forecast CODE --date YYYY-MM-DD [--weeks 1..520]';
    end if;
    if not exists (
        select from ${schema}.demand_forecast_accuracy as accuracy
        where accuracy.forecast_date > p_report_date - 7 * p_weeks - 7 * 104
          and accuracy.forecast_date + accuracy.horizon_days between p_report_date - 7 * p_weeks + 1 and p_report_date
    ) then
        select max(accuracy.forecast_date + accuracy.horizon_days) into v_latest
        from ${schema}.demand_forecast_accuracy as accuracy;
        raise exception 'no scored forecast week for client ${client_code} in the % weeks up to %', p_weeks,
            p_report_date
            using errcode = 'CW203',
                  hint = case when v_latest is null
                              then 'no forecast week has been scored yet: forecasts are scored by step forecast '
                                   || 'once a week they cover has passed'
                              else 'the latest scored week ends on ' || v_latest end;
    end if;

    with windowed as (
        select rollup.*
        from ${schema}.forecast_accuracy_rollup as rollup
        where rollup.week_end_date between p_report_date - 7 * p_weeks + 1 and p_report_date
    ),
    grouped as (
        select
            case
                when grouping(windowed.horizon_days) = 0 then 'horizon'
                when grouping(windowed.abc_class_id) = 0 then 'abc_class'
                when grouping(windowed.location_id) = 0 then 'location'
                when grouping(windowed.product_category_id) = 0 then 'category'
                else 'overall'
            end as dimension,
            windowed.horizon_days, windowed.abc_class_id, windowed.location_id, windowed.product_category_id,
            count(distinct windowed.forecast_date) as forecasts,
            sum(windowed.series_weeks) as series_weeks,
            sum(windowed.scaled_series_weeks) as scaled_series_weeks,
            sum(windowed.weight_revenue) as weight_revenue,
            sum(windowed.weighted_rmsse_sum) as weighted_rmsse_sum,
            sum(windowed.naive_weighted_rmsse_sum) as naive_weighted_rmsse_sum,
            sum(windowed.scaled_abs_error_sum) as scaled_abs_error_sum,
            sum(windowed.naive_scaled_abs_error_sum) as naive_scaled_abs_error_sum,
            sum(windowed.actual_qty) as actual_qty,
            sum(windowed.forecast_qty) as forecast_qty,
            sum(windowed.naive_qty) as naive_qty,
            sum(windowed.error_qty) as error_qty,
            sum(windowed.abs_error_qty) as abs_error_qty,
            sum(windowed.naive_abs_error_qty) as naive_abs_error_qty
        from windowed
        group by grouping sets ((), (windowed.horizon_days), (windowed.abc_class_id), (windowed.location_id),
                                (windowed.product_category_id))
    ),
    measured as (
        select
            grouped.dimension,
            grouped.horizon_days,
            coalesce(case grouped.dimension
                when 'horizon' then (grouped.horizon_days / 7)::text || ' week' || case when grouped.horizon_days > 7
                                                                                        then 's' else '' end
                when 'abc_class' then coalesce(abc_classes.code, 'unclassified')
                when 'location' then locations.erp_id || ' ' || locations.name
                when 'category' then coalesce(categories.path, 'no category')
                else 'all series'
            end, '') as label,
            jsonb_build_object(
                'forecasts', grouped.forecasts,
                'series_weeks', grouped.series_weeks,
                'scaled_series_weeks', grouped.scaled_series_weeks,
                'wrmsse', round((grouped.weighted_rmsse_sum / nullif(grouped.weight_revenue, 0))::numeric, 4),
                'naive_wrmsse',
                round((grouped.naive_weighted_rmsse_sum / nullif(grouped.weight_revenue, 0))::numeric, 4),
                'value_added_pct',
                round((100 * (1 - grouped.weighted_rmsse_sum / nullif(grouped.naive_weighted_rmsse_sum, 0)))::numeric,
                      1),
                'mase', round((grouped.scaled_abs_error_sum / nullif(grouped.scaled_series_weeks, 0))::numeric, 4),
                'naive_mase',
                round((grouped.naive_scaled_abs_error_sum / nullif(grouped.scaled_series_weeks, 0))::numeric, 4),
                'wape_pct', round((100 * grouped.abs_error_qty / nullif(grouped.actual_qty, 0))::numeric, 1),
                'naive_wape_pct', round((100 * grouped.naive_abs_error_qty / nullif(grouped.actual_qty, 0))::numeric, 1),
                'bias_pct', round((100 * grouped.error_qty / nullif(grouped.actual_qty, 0))::numeric, 1),
                'actual_qty', round(grouped.actual_qty::numeric, 1),
                'forecast_qty', round(grouped.forecast_qty::numeric, 1),
                'naive_qty', round(grouped.naive_qty::numeric, 1)
            ) as metrics,
            grouped.weight_revenue
        from grouped
        left join ${schema}.abc_classes on abc_classes.id = grouped.abc_class_id
        left join ${schema}.locations on locations.id = grouped.location_id
        left join ${schema}.product_categories as categories on categories.id = grouped.product_category_id
    ),
    report as (
        select jsonb_build_object(
            'client_code', clients.code,
            'client_name', clients.name,
            'report_date', p_report_date,
            'window_weeks', p_weeks,
            'from_date', p_report_date - 7 * p_weeks + 1,
            'to_date', p_report_date,
            'benchmark', 'seasonal naive (the same week 52 weeks earlier; the last week for series with less than '
                         || 'a year of demand history)',
            'overall', (select measured.metrics from measured where measured.dimension = 'overall'),
            'by_horizon', (select jsonb_agg(jsonb_build_object('horizon_weeks', measured.horizon_days / 7,
                                                               'label', measured.label) || measured.metrics
                                            order by measured.horizon_days)
                           from measured where measured.dimension = 'horizon'),
            'by_abc_class', (select jsonb_agg(jsonb_build_object('label', measured.label) || measured.metrics
                                              order by measured.label)
                             from measured where measured.dimension = 'abc_class'),
            'by_location', (select jsonb_agg(jsonb_build_object('label', measured.label) || measured.metrics
                                             order by measured.weight_revenue desc, measured.label)
                            from measured where measured.dimension = 'location'),
            'by_category', (select jsonb_agg(jsonb_build_object('label', measured.label) || measured.metrics
                                             order by measured.weight_revenue desc, measured.label)
                            from measured where measured.dimension = 'category')
        ) as body
        from cw_global.clients
        where clients.schema_name = '${schema}'
    )
    select report.body into v_report from report;
    return v_report;
end
$$;
comment on function ${schema}.forecast_accuracy_report(date, integer) is
'The forecast accuracy report (cw report forecast) as JSON: the forecast weeks that ended in the p_weeks weeks up to '
'p_report_date, overall, per horizon week, by ABC class at the origin, by location and by current category: weighted '
'RMSSE (M5, one week per row), MASE, WAPE and bias of our forecast and of the seasonal-naive benchmark, and the value '
'added 1 - WRMSSE / benchmark WRMSSE, from view forecast_accuracy_rollup. CW202 invalid window; CW203 no scored week '
'in the window (the hint names the latest).';

grant execute on function ${schema}.forecast_accuracy_report(date, integer) to ${ui_role};
