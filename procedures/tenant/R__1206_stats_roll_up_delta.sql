-- Step 12 helper: the incremental roll-up by difference. A changed daily row is added to its week, month and year as
-- the difference of its new and old values, so a night reads one row per changed daily row instead of the 7, 31 or
-- 12 rows of each period it touches. Definitions: docs/stats.md "Refresh".
create or replace procedure ${schema}.stats_roll_up_delta(p_metric text, p_grain text, inout p_rows bigint default null)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_target    text := p_metric || '_' || p_grain;
    v_unit      text := case p_grain when 'weekly' then 'week' when 'monthly' then 'month' else 'year' end;
    v_days      text;
    -- Additive columns: {daily expression, period column}; a nullable one (null in the period when unknown on any
    -- day) is also in v_nullable; closing figures (the value of through_date): {daily column, period column}.
    v_sums      text [];
    v_nullable  text [];
    v_closing   text [] := '{}';
    v_period    text := '';
    v_targets   text := '';
    v_columns   text;
    v_new       text;
    v_unknown   text := 'false';
    v_stale     text := 'false';
    v_count     bigint;
    v_index     integer;
begin
    if p_metric = 'sales' then
        v_days := 'selling_days';
        v_sums := array[array['sold_qty', 'sold_qty'], array['revenue', 'revenue'], array['cost', 'cost']];
        v_nullable := array['cost', 'cost'];
    elsif p_metric = 'service' then
        v_days := 'listed_days';
        v_sums := array[array['demand_qty', 'demand_qty'], array['sold_qty', 'sold_qty'],
                        array['lost_sales_qty', 'lost_sales_qty'], array['stockout_days', 'stockout_days'],
                        array['unimputed_stockout_days', 'unimputed_stockout_days']];
    elsif p_metric = 'inventory' then
        v_days := 'stocked_days';
        v_sums := array[array['on_hand_qty', 'on_hand_qty_days'], array['stock_value', 'stock_value_days'],
                        array['is_out_of_stock::integer', 'out_of_stock_days']];
        v_nullable := array['stock_value', 'stock_value_days'];
        v_closing := array[array['on_hand_qty', 'closing_on_hand_qty'], array['stock_value', 'closing_stock_value']];
    else
        raise exception 'stats_roll_up_delta: metric % has no daily difference (only sales, service, inventory)',
            p_metric
            using errcode = 'CW120', hint = 'the forecast tables are rolled up by re-reading their periods';
    end if;

    -- One aggregation of the changed daily rows per period. Each changed day has one new row (sign +1, a new day),
    -- one old and one new (a changed day) or one old (a removed day), so a period's figures need no per-day step:
    -- its day count changes by the sum of the signs, each sum by the signed sum, it lost or changed a day if it has
    -- an old row, its latest new day is the latest +1 row, and the closing figures are those of that row.
    for v_index in 1 .. array_length(v_sums, 1) loop
        v_period := v_period || format(', sum(delta.sign * delta.%s) as d_%s', v_sums[v_index][1],
                                       v_sums[v_index][2]);
        v_targets := v_targets || format(', target.%1$I as t_%1$s', v_sums[v_index][2]);
    end loop;
    for v_index in 1 .. coalesce(array_length(v_closing, 1), 0) loop
        v_period := v_period || format(
            ', (array_agg(delta.%1$I order by delta.stat_date desc) filter (where delta.sign = 1))[1] as c_%2$s',
            v_closing[v_index][1], v_closing[v_index][2]);
        v_targets := v_targets || format(', target.%1$I as t_%1$s', v_closing[v_index][2]);
    end loop;
    if v_nullable is not null then
        -- A null on a changed day, or a period whose sum is already null: the sum cannot be decided by difference.
        v_period := v_period || format(', bool_or(delta.%I is null) as has_unknown', v_nullable[1]);
        v_unknown := format('period_delta.has_unknown or period_delta.t_%s is null and period_delta.has_target',
                            v_nullable[2]);
    else
        v_period := v_period || ', false as has_unknown';
    end if;

    -- Per period: the differences, the latest new day, the latest day with an old value, and the stored row.
    call ${schema}.load_drop_temp('stats_period_delta');
    execute format($sql$
        create temp table stats_period_delta on commit drop as
        with periods as (
            select delta.product_id, delta.location_id, date_trunc(%2$L, delta.stat_date)::date as period_start,
                   sum(delta.sign) as d_days, bool_or(delta.sign = -1) as has_old,
                   max(delta.stat_date) filter (where delta.sign = 1) as new_through,
                   max(delta.stat_date) filter (where delta.sign = -1) as old_day_through %3$s
            from pg_temp.%1$I as delta
            group by delta.product_id, delta.location_id, date_trunc(%2$L, delta.stat_date)::date
        )

        select periods.*, target.product_id is not null as has_target, target.through_date as old_through,
               target.%4$I as t_days %5$s
        from periods
        left join %6$I.%7$I as target
            on target.product_id = periods.product_id and target.location_id = periods.location_id
                and target.period_start = periods.period_start
    $sql$, 'stats_delta_' || p_metric, v_unit, v_period, v_days, v_targets, '${stats_schema}', v_target);
    -- Analysed: the statements below join it to the stored periods, and an unanalysed temporary table is planned
    -- from its size on disk alone.
    analyze pg_temp.stats_period_delta;

    -- Undecidable by difference, re-read by stats_roll_up: an unknown (null) figure; a stored row missing while
    -- days existed; the period's last day removed without a later one (its through date and closing figures): the
    -- stored last day has an old value and no new day reaches it (then that day has no new value: it was removed).
    v_stale := format($sql$
        (%1$s)
        or not period_delta.has_target and period_delta.has_old
        or period_delta.has_target and period_delta.t_days + period_delta.d_days < 0
        or coalesce(period_delta.old_day_through = period_delta.old_through, false)
            and coalesce(period_delta.new_through < period_delta.old_through, true)
    $sql$, v_unknown);
    call ${schema}.load_drop_temp('stats_period_keys');
    execute format($sql$
        create temp table stats_period_keys on commit drop as
        select period_delta.product_id, period_delta.location_id, period_delta.period_start
        from pg_temp.stats_period_delta as period_delta
        where %s
    $sql$, v_stale);

    -- The new figures: stored + difference; through date the later of the stored one and the latest new day; the
    -- closing figures of that new day when it is the period's last, else the stored ones.
    v_columns := format('through_date, %I', v_days);
    v_new := 'greatest(period_delta.old_through, period_delta.new_through), '
             'coalesce(period_delta.t_days, 0) + period_delta.d_days';
    for v_index in 1 .. array_length(v_sums, 1) loop
        v_columns := v_columns || format(', %I', v_sums[v_index][2]);
        v_new := v_new || format(', coalesce(period_delta.t_%1$s, 0) + coalesce(period_delta.d_%1$s, 0)',
                                 v_sums[v_index][2]);
    end loop;
    for v_index in 1 .. coalesce(array_length(v_closing, 1), 0) loop
        v_columns := v_columns || format(', %I', v_closing[v_index][2]);
        v_new := v_new || format(
            ', case when period_delta.new_through >= coalesce(period_delta.old_through, period_delta.new_through) '
            'then period_delta.c_%1$s else period_delta.t_%1$s end', v_closing[v_index][2]);
    end loop;

    -- One pass over the stored rows: delete the periods emptied, update the changed ones where a figure differs,
    -- insert the new ones (a single MERGE joins the periods to their stored rows once; three statements joined
    -- them three times).
    execute format($sql$
        merge into %1$I.%2$I as target
        using pg_temp.stats_period_delta as period_delta
            on target.product_id = period_delta.product_id and target.location_id = period_delta.location_id
                and target.period_start = period_delta.period_start
        when matched and period_delta.t_days + period_delta.d_days = 0 and not (%5$s) then
            delete
        when matched and period_delta.t_days + period_delta.d_days > 0 and not (%5$s)
                and (%6$s) is distinct from (%4$s) then
            update set (%3$s) = (%4$s)
        when not matched and period_delta.d_days > 0 and not (%5$s) then
            insert (product_id, location_id, period_start, %3$s)
            values (period_delta.product_id, period_delta.location_id, period_delta.period_start, %4$s)
    $sql$, '${stats_schema}', v_target, v_columns, v_new, v_stale,
        (select string_agg('target.' || btrim(name), ', ') from unnest(string_to_array(v_columns, ',')) as name));
    get diagnostics v_count = row_count;
    p_rows := v_count;
end
$$;
comment on procedure ${schema}.stats_roll_up_delta(text, text, bigint) is
'Step 12 helper of stats_roll_up (incremental sales, service, inventory): adds the difference of the changed daily '
'rows (temporary table stats_delta_<metric>: old values with sign -1, new values with +1) to the stored '
'weekly/monthly/yearly rows of p_metric: sums and day counts plus the difference, through date the later of the '
'stored one and the latest new day, closing figures from the new last day; a period emptied is deleted, a new one '
'inserted. Leaves in the temporary table stats_period_keys the periods it cannot decide (a null figure, the last '
'day removed), which stats_roll_up re-reads. Returns the rows written. CW120 for the forecast metric.';
