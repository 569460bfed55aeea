-- Step 12 helper: one coarser statistics table (weekly, monthly, yearly) from the next finer one: every period on a
-- full rebuild; incrementally by difference (R__1206) and a re-read of the periods the difference cannot decide.
create or replace procedure ${schema}.stats_roll_up(
    p_metric text, p_grain text, p_full boolean, inout p_rows bigint default null
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_target   text := p_metric || '_' || p_grain;
    v_source   text := p_metric || case when p_grain = 'yearly' then '_monthly' else '_daily' end;
    v_date     text := case when p_grain = 'yearly' then 'period_start' else 'stat_date' end;
    v_unit     text := case p_grain when 'weekly' then 'week' when 'monthly' then 'month' else 'year' end;
    v_columns  text;
    v_select   text;
    v_keys     text;
    v_written  bigint := 0;
    v_count    bigint;
    v_deleted  bigint := 0;
begin
    if p_metric not in ('sales', 'inventory', 'service', 'forecast') or p_grain not in ('weekly', 'monthly', 'yearly') then
        raise exception 'stats_roll_up: unknown metric % or granularity %', p_metric, p_grain
            using errcode = 'CW120', hint = 'metrics: sales, inventory, service, forecast; granularities: weekly, monthly, '
                                            'yearly (docs/stats.md)';
    end if;
    -- What a period is made of. Daily rows carry day counts of 1, so the yearly sums of monthly rows use the same
    -- shape as the sums of daily rows; only the closing figures and day counts differ by source.
    if p_metric = 'sales' then
        v_columns := 'through_date, sold_qty, revenue, cost, selling_days';
        v_select := format($sql$
            max(src.%1$s), sum(src.sold_qty), sum(src.revenue),
            case when count(src.cost) = count(*) then sum(src.cost) end, %2$s
        $sql$, case when p_grain = 'yearly' then 'through_date' else 'stat_date' end,
            case when p_grain = 'yearly' then 'sum(src.selling_days)' else 'count(*)' end);
    elsif p_metric = 'service' then
        v_columns := 'through_date, demand_qty, sold_qty, lost_sales_qty, listed_days, stockout_days, '
                     'unimputed_stockout_days';
        v_select := format($sql$
            max(src.%1$s), sum(src.demand_qty), sum(src.sold_qty), sum(src.lost_sales_qty), sum(src.listed_days),
            sum(src.stockout_days), sum(src.unimputed_stockout_days)
        $sql$, case when p_grain = 'yearly' then 'through_date' else 'stat_date' end);
    elsif p_metric = 'forecast' then
        v_columns := 'through_date, forecast_qty, demand_qty, abs_error_qty, bias_qty, recommended_order_qty';
        v_select := format($sql$
            max(src.%1$s), sum(src.forecast_qty), sum(src.demand_qty), sum(src.abs_error_qty), sum(src.bias_qty),
            sum(src.recommended_order_qty)
        $sql$, case when p_grain = 'yearly' then 'through_date' else 'stat_date' end);
    elsif p_grain = 'yearly' then
        v_columns := 'through_date, stocked_days, out_of_stock_days, on_hand_qty_days, stock_value_days, '
                     'closing_on_hand_qty, closing_stock_value';
        v_select := $sql$
            max(src.through_date), sum(src.stocked_days), sum(src.out_of_stock_days), sum(src.on_hand_qty_days),
            case when count(src.stock_value_days) = count(*) then sum(src.stock_value_days) end,
            (array_agg(src.closing_on_hand_qty order by src.period_start desc))[1],
            (array_agg(src.closing_stock_value order by src.period_start desc))[1]
        $sql$;
    else
        v_columns := 'through_date, stocked_days, out_of_stock_days, on_hand_qty_days, stock_value_days, '
                     'closing_on_hand_qty, closing_stock_value';
        v_select := $sql$
            max(src.stat_date), count(*), count(*) filter (where src.is_out_of_stock), sum(src.on_hand_qty),
            case when count(src.stock_value) = count(*) then sum(src.stock_value) end,
            (array_agg(src.on_hand_qty order by src.stat_date desc))[1],
            (array_agg(src.stock_value order by src.stat_date desc))[1]
        $sql$;
    end if;

    if p_full then
        execute format('truncate %I.%I', '${stats_schema}', v_target);
        execute format($sql$
            insert into %1$I.%2$I (product_id, location_id, period_start, %3$s)
            select src.product_id, src.location_id, date_trunc(%4$L, src.%5$I)::date, %6$s
            from %1$I.%7$I as src
            group by src.product_id, src.location_id, date_trunc(%4$L, src.%5$I)::date
        $sql$, '${stats_schema}', v_target, v_columns, v_unit, v_date, v_select, v_source);
        get diagnostics p_rows = row_count;
        return;
    end if;

    if p_metric = 'forecast' then
        -- Forecast: the periods of the changed daily rows (temporary table stats_changed: metric, pair, day) are
        -- re-read; a night changes one forecast day per pair.
        call ${schema}.load_drop_temp('stats_period_keys');
        create temp table stats_period_keys on commit drop as
        select distinct changed.product_id, changed.location_id,
                        date_trunc(v_unit, changed.stat_date)::date as period_start
        from pg_temp.stats_changed as changed
        where changed.metric = p_metric;
    else
        -- Sales, service, inventory: add the difference of the changed daily rows (stats_delta_<metric>: old
        -- values with sign -1, new ones with +1) to the stored period; the periods it cannot decide by difference
        -- are left in stats_period_keys and re-read below.
        call ${schema}.stats_roll_up_delta(p_metric, p_grain, v_written);
    end if;
    analyze pg_temp.stats_period_keys;

    v_keys := format($sql$
        select src.product_id, src.location_id, keys.period_start, %1$s
        from pg_temp.stats_period_keys as keys
        inner join %2$I.%3$I as src
            on src.product_id = keys.product_id and src.location_id = keys.location_id
                and src.%4$I >= keys.period_start and src.%4$I < keys.period_start + %5$L::interval
        group by src.product_id, src.location_id, keys.period_start
    $sql$, v_select, '${stats_schema}', v_source, v_date, '1 ' || v_unit);

    execute format($sql$
        insert into %1$I.%2$I as target (product_id, location_id, period_start, %3$s)
        %4$s
        on conflict (product_id, location_id, period_start) do update
        set (%3$s) = (%5$s)
        where (%6$s) is distinct from (%5$s)
    $sql$, '${stats_schema}', v_target, v_columns, v_keys,
        (select string_agg('excluded.' || btrim(name), ', ') from unnest(string_to_array(v_columns, ',')) as name),
        (select string_agg('target.' || btrim(name), ', ') from unnest(string_to_array(v_columns, ',')) as name));
    get diagnostics v_count = row_count;
    v_written := coalesce(v_written, 0) + v_count;

    execute format($sql$
        delete from %1$I.%2$I as target
        using pg_temp.stats_period_keys as keys
        where target.product_id = keys.product_id and target.location_id = keys.location_id
            and target.period_start = keys.period_start
            and not exists (
                select from %1$I.%3$I as src
                where src.product_id = keys.product_id and src.location_id = keys.location_id
                    and src.%4$I >= keys.period_start and src.%4$I < keys.period_start + %5$L::interval
            )
    $sql$, '${stats_schema}', v_target, v_source, v_date, '1 ' || v_unit);
    get diagnostics v_deleted = row_count;

    p_rows := v_written + v_deleted;
end
$$;
comment on procedure ${schema}.stats_roll_up(text, text, boolean, bigint) is
'Step 12 helper: rebuilds the p_metric (sales, inventory, service, forecast) table of granularity p_grain (weekly, '
'monthly from the daily table; yearly from the monthly table). Full: truncate and aggregate everything. '
'Incremental: sales, service and inventory add the difference of their changed daily rows (stats_roll_up_delta) '
'and re-read only the periods it cannot decide; forecast re-reads the periods holding a row of the temporary table '
'stats_changed (metric, product_id, location_id, stat_date); changed rows are written and emptied periods deleted. '
'Returns the rows written. CW120 on an unknown metric or grain.';
