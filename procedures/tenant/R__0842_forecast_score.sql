-- Forecast accuracy tracked in the database: scores every stored forecast week that has passed against the demand
-- that came, with a seasonal-naive benchmark from the same origin. Idempotent and incremental; called by
-- step_forecast (step 7, after demand_history has written the run date). Definitions: docs/forecast.md "Accuracy".
create or replace procedure ${schema}.forecast_score(p_run_date date)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_config      jsonb := ${schema}.settings('forecast_accuracy');
    v_weight_days integer := (v_config ->> 'weight_days')::integer;
    v_keep_weeks  integer := (v_config ->> 'keep_weeks')::integer;
    v_run_id      bigint;
    v_seen_run_id bigint;
    v_dates       date [];
    v_forecast    record;
    v_series      bigint;
    v_rows        bigint;
    v_rescored    bigint;
    v_total_rows  bigint := 0;
    v_total_fixed bigint := 0;
    v_dropped     date [];
begin
    -- The settings are validated by settings('forecast_accuracy') against the catalog (CW200).
    if p_run_date is null then
        raise exception 'forecast scoring needs a run date, got null'
            using errcode = 'CW201', hint = 'call forecast_score(date) with the run date of the pipeline run';
    end if;
    select max(runs.id) into v_run_id from ${schema}.demand_history_runs as runs;
    -- The late-actuals watermark: null while nothing is scored (there is nothing to correct yet).
    select coalesce(max(scorings.demand_history_run_id), 0) into v_seen_run_id
    from ${schema}.demand_forecast_scorings as scorings
    having count(*) > 0;

    -- 1. Late actuals: scored weeks holding a day that demand_history rewrote since the last scoring get their actual
    --    demand again (only where it differs). One statement per affected forecast, so that it reads one partition.
    if v_seen_run_id is not null then
        select array_agg(distinct rewritten.day) into v_dates
        from ${schema}.demand_history_runs as runs
        cross join lateral unnest(runs.dates_rewritten) as rewritten (day)
        where runs.id > v_seen_run_id and rewritten.day <= p_run_date;
    end if;
    for v_forecast in
        select scorings.demand_forecast_id, scorings.forecast_date,
               array_agg(distinct ((rewritten.day - scorings.forecast_date + 6) / 7 * 7)::smallint) as horizons
        from ${schema}.demand_forecast_scorings as scorings
        cross join unnest(coalesce(v_dates, '{}')) as rewritten (day)
        where rewritten.day > scorings.forecast_date
          and (rewritten.day - scorings.forecast_date + 6) / 7 * 7 <= scorings.scored_through_days
        group by scorings.demand_forecast_id, scorings.forecast_date
        order by scorings.forecast_date
    loop
        with recomputed as (
            select accuracy.product_id, accuracy.location_id, accuracy.horizon_days,
                   coalesce(sum(history.demand_qty), 0) as actual_qty
            from ${schema}.demand_forecast_accuracy as accuracy
            left join ${schema}.demand_history as history
                on history.product_id = accuracy.product_id and history.location_id = accuracy.location_id
                and history.demand_date between v_forecast.forecast_date + accuracy.horizon_days - 6
                and v_forecast.forecast_date + accuracy.horizon_days
            where accuracy.forecast_date = v_forecast.forecast_date
              and accuracy.demand_forecast_id = v_forecast.demand_forecast_id
              and accuracy.horizon_days = any(v_forecast.horizons)
            group by accuracy.product_id, accuracy.location_id, accuracy.horizon_days
        )
        update ${schema}.demand_forecast_accuracy as accuracy
        set actual_qty = recomputed.actual_qty, scored_on = p_run_date
        from recomputed
        where accuracy.forecast_date = v_forecast.forecast_date
          and accuracy.demand_forecast_id = v_forecast.demand_forecast_id
          and accuracy.product_id = recomputed.product_id and accuracy.location_id = recomputed.location_id
          and accuracy.horizon_days = recomputed.horizon_days
          and accuracy.actual_qty <> recomputed.actual_qty;
        get diagnostics v_rescored = row_count;
        if v_rescored > 0 then
            update ${schema}.demand_forecast_scorings
            set rows_rescored = demand_forecast_scorings.rows_rescored + v_rescored, last_scored_on = p_run_date
            where demand_forecast_scorings.demand_forecast_id = v_forecast.demand_forecast_id;
            raise notice 'forecast_score: forecast % of %: % scored weeks corrected (late demand_history changes)',
                v_forecast.demand_forecast_id, v_forecast.forecast_date, v_rescored;
        end if;
        v_total_fixed := v_total_fixed + v_rescored;
    end loop;

    -- 2. New weeks: per forecast (the one already being scored for its date, else the date's latest completed
    --    forecast), the horizon weeks that ended on or before the run date and are not scored yet.
    for v_forecast in
        with scored as (
            select forecasts.id, forecasts.forecast_date, forecasts.metadata, scorings.scored_through_days
            from ${schema}.demand_forecast_scorings as scorings
            inner join ${schema}.demand_forecasts as forecasts on forecasts.id = scorings.demand_forecast_id
        ),
        latest as (
            select distinct on (forecasts.forecast_date)
                forecasts.id, forecasts.forecast_date, forecasts.metadata, 0 as scored_through_days
            from ${schema}.demand_forecasts as forecasts
            inner join ${schema}.demand_forecast_statuses as statuses
                on statuses.id = forecasts.demand_forecast_status_id
            where statuses.name = 'completed'
              and forecasts.forecast_date <= p_run_date - 7
              and forecasts.forecast_date > p_run_date - 7 * v_keep_weeks
              and not exists (select from ${schema}.demand_forecast_scorings as scorings
                              where scorings.forecast_date = forecasts.forecast_date)
            order by forecasts.forecast_date, forecasts.created_at desc, forecasts.id desc
        ),
        candidates as (
            select * from scored
            union all
            select * from latest
        ),
        todo as (
            select candidates.id as demand_forecast_id, candidates.forecast_date,
                   candidates.scored_through_days as done_days,
                   least((p_run_date - candidates.forecast_date) / 7 * 7,
                         coalesce((candidates.metadata #>> '{settings,horizon_weeks}')::integer, 104) * 7)
                   as through_days,
                   coalesce((candidates.metadata #>> '{settings,history_weeks}')::integer, 104) as history_weeks
            from candidates
        )
        select * from todo
        where todo.through_days > todo.done_days
        order by todo.forecast_date
    loop
        v_series := 0;
        if v_forecast.done_days = 0 then
            call ${schema}.forecast_accuracy_ensure_partition(v_forecast.forecast_date);
            -- What the forecast's errors are scaled and weighted with, fixed at its origin.
            insert into ${schema}.demand_forecast_accuracy_series (
                forecast_date, demand_forecast_id, product_id, location_id, abc_class_id, history_weeks,
                scale_sq_qty, scale_abs_qty, weight_revenue, season_qty, is_seasonal_naive
            )
            with pairs as (
                select rows.product_id, rows.location_id
                from ${schema}.demand_forecast_products as rows
                where rows.forecast_date = v_forecast.forecast_date
                  and rows.demand_forecast_id = v_forecast.demand_forecast_id
                  and rows.horizon_days = 7
            ),
            weekly as (
                select history.product_id, history.location_id,
                       (v_forecast.forecast_date - history.demand_date) / 7 as week_index,
                       sum(history.demand_qty)::double precision as demand_qty
                from pairs
                inner join ${schema}.demand_history as history
                    on history.product_id = pairs.product_id and history.location_id = pairs.location_id
                    and history.demand_date between v_forecast.forecast_date - 7 * v_forecast.history_weeks + 1
                    and v_forecast.forecast_date
                group by history.product_id, history.location_id, 3
            ),
            dense as (
                select pairs.product_id, pairs.location_id, weeks.week_index,
                       coalesce(weekly.demand_qty, 0) as demand_qty
                from pairs
                cross join generate_series(0, v_forecast.history_weeks - 1) as weeks (week_index)
                left join weekly
                    on weekly.product_id = pairs.product_id and weekly.location_id = pairs.location_id
                    and weekly.week_index = weeks.week_index
            ),
            first_demand as (
                select weekly.product_id, weekly.location_id, max(weekly.week_index) as week_index
                from weekly
                where weekly.demand_qty > 0
                group by weekly.product_id, weekly.location_id
            ),
            changes as (
                select dense.product_id, dense.location_id, dense.week_index, dense.demand_qty,
                       first_demand.week_index as first_index,
                       dense.demand_qty - lead(dense.demand_qty) over (
                           partition by dense.product_id, dense.location_id order by dense.week_index
                       ) as change_qty
                from dense
                left join first_demand
                    on first_demand.product_id = dense.product_id and first_demand.location_id = dense.location_id
            ),
            scales as (
                select changes.product_id, changes.location_id,
                       coalesce(max(changes.first_index) + 1, 0) as history_weeks,
                       sum(changes.change_qty ^ 2) filter (where changes.week_index < changes.first_index)
                       / nullif(max(changes.first_index), 0) as scale_sq_qty,
                       sum(abs(changes.change_qty)) filter (where changes.week_index < changes.first_index)
                       / nullif(max(changes.first_index), 0) as scale_abs_qty,
                       array_agg(changes.demand_qty::real order by changes.week_index desc)
                       filter (where changes.week_index < 52) as season_qty
                from changes
                group by changes.product_id, changes.location_id
            ),
            revenue as (
                select history.product_id, history.location_id, sum(history.revenue) as weight_revenue
                from pairs
                inner join ${schema}.demand_history as history
                    on history.product_id = pairs.product_id and history.location_id = pairs.location_id
                    and history.demand_date between v_forecast.forecast_date - v_weight_days + 1
                    and v_forecast.forecast_date
                group by history.product_id, history.location_id
            ),
            scored_series as (
                select v_forecast.forecast_date as forecast_date, v_forecast.demand_forecast_id as demand_forecast_id,
                       scales.product_id, scales.location_id, classes.abc_class_id,
                       scales.history_weeks::smallint as history_weeks,
                       nullif(scales.scale_sq_qty, 0) as scale_sq_qty,
                       nullif(scales.scale_abs_qty, 0) as scale_abs_qty,
                       coalesce(revenue.weight_revenue, 0) as weight_revenue, scales.season_qty,
                       scales.history_weeks >= 52 and cardinality(scales.season_qty) = 52 as is_seasonal_naive
                from scales
                left join revenue
                    on revenue.product_id = scales.product_id and revenue.location_id = scales.location_id
                left join lateral (
                    select behaviors.abc_class_id
                    from ${schema}.product_location_behaviors as behaviors
                    where behaviors.product_id = scales.product_id and behaviors.location_id = scales.location_id
                      and behaviors.snapshot_date <= v_forecast.forecast_date
                    order by behaviors.snapshot_date desc
                    limit 1
                ) as classes on true
            )
            select * from scored_series;
            get diagnostics v_series = row_count;
        end if;

        -- The passed weeks: our forecast, the benchmark's and the demand that came.
        insert into ${schema}.demand_forecast_accuracy (
            forecast_date, demand_forecast_id, product_id, location_id, horizon_days, demand_source_type_id,
            forecast_qty, naive_qty, actual_qty, scored_on
        )
        with weeks as (
            select rows.product_id, rows.location_id, rows.horizon_days, rows.demand_source_type_id,
                   rows.predicted_qty
            from ${schema}.demand_forecast_products as rows
            where rows.forecast_date = v_forecast.forecast_date
              and rows.demand_forecast_id = v_forecast.demand_forecast_id
              and rows.horizon_days > v_forecast.done_days and rows.horizon_days <= v_forecast.through_days
        ),
        actuals as (
            select weeks.product_id, weeks.location_id, weeks.horizon_days,
                   coalesce(sum(history.demand_qty), 0) as actual_qty
            from weeks
            left join ${schema}.demand_history as history
                on history.product_id = weeks.product_id and history.location_id = weeks.location_id
                and history.demand_date between v_forecast.forecast_date + weeks.horizon_days - 6
                and v_forecast.forecast_date + weeks.horizon_days
            group by weeks.product_id, weeks.location_id, weeks.horizon_days
        ),
        scored_weeks as (
            select v_forecast.forecast_date as forecast_date, v_forecast.demand_forecast_id as demand_forecast_id,
                   weeks.product_id, weeks.location_id, weeks.horizon_days, weeks.demand_source_type_id,
                   weeks.predicted_qty as forecast_qty,
                   case when series.is_seasonal_naive
                            then series.season_qty[52 - (52 - (weeks.horizon_days / 7) % 52) % 52]
                        else series.season_qty[cardinality(series.season_qty)]
                   end as naive_qty,
                   actuals.actual_qty, p_run_date as scored_on
            from weeks
            inner join actuals
                on actuals.product_id = weeks.product_id and actuals.location_id = weeks.location_id
                and actuals.horizon_days = weeks.horizon_days
            inner join ${schema}.demand_forecast_accuracy_series as series
                on series.forecast_date = v_forecast.forecast_date
                and series.demand_forecast_id = v_forecast.demand_forecast_id
                and series.product_id = weeks.product_id and series.location_id = weeks.location_id
        )
        select * from scored_weeks
        on conflict on constraint demand_forecast_accuracy_pkey do nothing;
        get diagnostics v_rows = row_count;

        continue when v_forecast.done_days = 0 and v_series = 0; -- a forecast without rows: nothing to record
        insert into ${schema}.demand_forecast_scorings as scorings (
            demand_forecast_id, forecast_date, scored_through_days, series_scored, rows_scored, rows_rescored,
            demand_history_run_id, first_scored_on, last_scored_on
        ) values (
            v_forecast.demand_forecast_id, v_forecast.forecast_date, v_forecast.through_days, v_series, v_rows, 0,
            v_run_id, p_run_date, p_run_date
        )
        on conflict on constraint demand_forecast_scorings_pkey do update
        set scored_through_days = excluded.scored_through_days,
            rows_scored = scorings.rows_scored + excluded.rows_scored,
            demand_history_run_id = excluded.demand_history_run_id,
            last_scored_on = excluded.last_scored_on;
        raise notice 'forecast_score: forecast % of %: weeks % to % scored (% rows%)', v_forecast.demand_forecast_id,
            v_forecast.forecast_date, v_forecast.done_days / 7 + 1, v_forecast.through_days / 7, v_rows,
            case when v_series > 0 then ', ' || v_series || ' series' else '' end;
        v_total_rows := v_total_rows + v_rows;
    end loop;

    -- 3. The late-actuals watermark moves only when there was something to check, so that a re-run writes nothing.
    if v_dates is not null then
        update ${schema}.demand_forecast_scorings
        set demand_history_run_id = v_run_id
        where demand_forecast_scorings.demand_history_run_id is distinct from v_run_id;
    end if;

    call ${schema}.forecast_accuracy_drop_expired(p_run_date, v_keep_weeks, v_dropped);
    if cardinality(v_dropped) > 0 then
        raise notice 'forecast_score: scores of % dropped (forecast_accuracy.keep_weeks = %)', v_dropped, v_keep_weeks;
    end if;
end
$$;
comment on procedure ${schema}.forecast_score(date) is
'Scores stored demand forecasts against the demand that came (docs/forecast.md "Accuracy"): for the latest completed '
'forecast of each date (or the one already being scored), every horizon week that ended on or before the run date and '
'is not scored yet gets a demand_forecast_accuracy row (our forecast, the seasonal-naive one, the week''s '
'demand_history.demand_qty); the first scoring of a forecast fixes its series'' M5 scale, MASE scale, revenue weight '
'and ABC class (demand_forecast_accuracy_series). Weeks holding a day that demand_history rewrote later get their '
'actual corrected. A second call writes nothing. Drops scores older than forecast_accuracy.keep_weeks. Settings '
'forecast_accuracy.* (CW200); CW201 without a run date. Called by step_forecast.';
