-- The training data an external model reads from ml-output/{client}/{run_date}/ (cw ml export, docs/ml.md): one row
-- per product x location x day of the last ml.feature_days days up to the run date, with features computed only from
-- the days before that day (no leakage of the target), and the target itself in a second function.

create or replace function ${schema}.ml_features(p_run_date date)
returns table (
    product_id text,
    location_id text,
    feature_date date,
    day_of_week smallint,
    lag_1_qty numeric,
    lag_7_qty numeric,
    lag_14_qty numeric,
    lag_28_qty numeric,
    mean_7_qty numeric,
    mean_28_qty numeric,
    std_28_qty numeric,
    zero_share_28 numeric,
    in_stock_share_28 numeric,
    abc_class text,
    xyz_class text,
    fmr_class text,
    freq_class text,
    demand_pattern text,
    velocity numeric,
    trend numeric,
    hotness_score numeric
)
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    with feature_window as (
        select (${schema}.settings('ml') ->> 'feature_days')::integer as feature_days
    ),

    history as (
        select demand_history.product_id, demand_history.location_id, demand_history.demand_date,
               demand_history.demand_qty, demand_history.is_in_stock
        from ${schema}.demand_history
        cross join feature_window
        where demand_history.demand_date between p_run_date - feature_window.feature_days - 28 + 1 and p_run_date
    ),

    windowed as (
        select history.product_id, history.location_id, history.demand_date,
               sum(history.demand_qty) over (
                   series range between interval '1 day' preceding and interval '1 day' preceding) as lag_1_qty,
               sum(history.demand_qty) over (
                   series range between interval '7 days' preceding and interval '7 days' preceding) as lag_7_qty,
               sum(history.demand_qty) over (
                   series range between interval '14 days' preceding and interval '14 days' preceding) as lag_14_qty,
               sum(history.demand_qty) over (
                   series range between interval '28 days' preceding and interval '28 days' preceding) as lag_28_qty,
               avg(history.demand_qty) over (
                   series range between interval '7 days' preceding and interval '1 day' preceding) as mean_7_qty,
               avg(history.demand_qty) over last_28 as mean_28_qty,
               stddev_samp(history.demand_qty) over last_28 as std_28_qty,
               avg((history.demand_qty = 0)::integer) over last_28 as zero_share_28,
               avg(history.is_in_stock::integer) over last_28 as in_stock_share_28
        from history
        window series as (partition by history.product_id, history.location_id order by history.demand_date),
            last_28 as (series range between interval '28 days' preceding and interval '1 day' preceding)
    ),

    snapshot as (
        select max(behaviors.snapshot_date) as snapshot_date
        from ${schema}.product_location_behaviors as behaviors
        where behaviors.snapshot_date <= p_run_date
    ),

    features as (
        select products.erp_id as product_id, locations.erp_id as location_id, windowed.demand_date as feature_date,
               extract(isodow from windowed.demand_date)::smallint as day_of_week,
               windowed.lag_1_qty, windowed.lag_7_qty, windowed.lag_14_qty, windowed.lag_28_qty,
               round(windowed.mean_7_qty, 4) as mean_7_qty, round(windowed.mean_28_qty, 4) as mean_28_qty,
               round(windowed.std_28_qty, 4) as std_28_qty, round(windowed.zero_share_28, 4) as zero_share_28,
               round(windowed.in_stock_share_28, 4) as in_stock_share_28,
               abc_classes.code as abc_class, xyz_classes.code as xyz_class, fmr_classes.code as fmr_class,
               freq_classes.code as freq_class, behaviors.demand_pattern, behaviors.velocity, behaviors.trend,
               behaviors.hotness_score
        from windowed
        cross join feature_window
        cross join snapshot
        inner join ${schema}.products on products.id = windowed.product_id
        inner join ${schema}.locations on locations.id = windowed.location_id
        left join ${schema}.product_location_behaviors as behaviors
            on behaviors.product_id = windowed.product_id and behaviors.location_id = windowed.location_id
                and behaviors.snapshot_date = snapshot.snapshot_date
        left join ${schema}.abc_classes on abc_classes.id = behaviors.abc_class_id
        left join ${schema}.xyz_classes on xyz_classes.id = behaviors.xyz_class_id
        left join ${schema}.fmr_classes on fmr_classes.id = behaviors.fmr_class_id
        left join ${schema}.freq_classes on freq_classes.id = behaviors.freq_class_id
        where windowed.demand_date > p_run_date - feature_window.feature_days
    )

    select * from features
    order by features.product_id, features.location_id, features.feature_date
$$;
comment on function ${schema}.ml_features(date) is
'Features of an external demand model (cw ml export -> features.parquet): per product x location (ERP ids) x day of '
'the ml.feature_days days up to the run date, from the days before that day only: demand_qty (stockout-corrected) '
'1, 7, 14 and 28 days before, its mean over the previous 7 and 28 days, standard deviation, share of zero days and '
'of in-stock days over the previous 28; and the classes, demand pattern, velocity, trend and hotness of the latest '
'product_location_behaviors snapshot up to the run date (null without one).';

create or replace function ${schema}.ml_targets(p_run_date date)
returns table (
    product_id text,
    location_id text,
    target_date date,
    demand_qty numeric,
    sold_qty numeric,
    is_in_stock boolean,
    is_oos_imputed boolean
)
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    with feature_window as (
        select (${schema}.settings('ml') ->> 'feature_days')::integer as feature_days
    ),

    targets as (
        select products.erp_id as product_id, locations.erp_id as location_id,
               demand_history.demand_date as target_date, demand_history.demand_qty,
               demand_history.quantity as sold_qty, demand_history.is_in_stock, demand_history.is_oos_imputed
        from ${schema}.demand_history
        cross join feature_window
        inner join ${schema}.products on products.id = demand_history.product_id
        inner join ${schema}.locations on locations.id = demand_history.location_id
        where demand_history.demand_date > p_run_date - feature_window.feature_days
            and demand_history.demand_date <= p_run_date
    )

    select * from targets
    order by targets.product_id, targets.location_id, targets.target_date
$$;
comment on function ${schema}.ml_targets(date) is
'Targets of an external demand model (cw ml export -> targets.parquet): the rows of ml_features(run date) with the '
'demand to learn (demand_qty: sales plus imputed missed demand), the sales and the stock flags of that day.';
