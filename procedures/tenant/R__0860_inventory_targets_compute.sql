-- Step 8, the computation: every target of the run date in one set-based statement, into the temp table
-- inventory_targets_computed (one row per product x location, its parameters as JSON). Formulas: docs/inventory.md.
create or replace procedure ${schema}.inventory_targets_compute(
    p_run_date date, p_product_ids integer [], p_location_ids integer []
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_settings       jsonb := ${schema}.settings('inventory_targets');
    v_planning       jsonb := ${schema}.settings('planning');
    v_forecast_id    bigint;
    v_forecast_date  date;
    v_volatility     integer := (v_settings ->> 'volatility_days')::integer;
    v_recent         integer := (v_settings ->> 'recent_volatility_days')::integer;
    v_moving         integer := (v_settings ->> 'moving_average_days')::integer;
    v_correlation    float8 := (v_settings ->> 'pooling_correlation')::float8;
    v_network_days   integer := (${schema}.settings('to_recommendations') ->> 'network_history_days')::integer;
    v_last_date      date;
begin
    select active.id, active.forecast_date into v_forecast_id, v_forecast_date
    from ${schema}.active_demand_forecast as active;

    drop table if exists pg_temp.inventory_targets_computed, pg_temp.inventory_store_inputs,
        pg_temp.inventory_store_forecast, pg_temp.inventory_store_volatility, pg_temp.inventory_store_moving,
        pg_temp.inventory_supply_tree, pg_temp.inventory_upper_inputs, pg_temp.inventory_upper_members,
        pg_temp.inventory_product_supply, pg_temp.inventory_not_stocked;
    create temp table inventory_targets_computed (
        product_id integer not null,
        location_id integer not null,
        inventory_strategy_id smallint not null,
        target_stock numeric(14, 3) not null,
        reorder_point numeric(14, 3) not null,
        safety_stock numeric(14, 3) not null,
        fill_rate_simulated numeric(6, 4),
        zero_reason text,
        strategy_source text not null,
        params jsonb not null,
        primary key (product_id, location_id)
    ) on commit drop;
    if v_forecast_id is null then
        return;
    end if;
    v_last_date := v_forecast_date + ${schema}.demand_forecast_last_horizon(v_forecast_id); -- recorded: no scan

    -- The supply tree of the run date (supply network with the planner's overrides, the same steps 10 and 11 read):
    -- per supplier (tree_key; -1 = the parent_location_id tree of a product without an active primary supplier),
    -- every location with every location below it. A product-scoped run builds only the trees of its products' primary
    -- suppliers (and the parent_location_id tree): the others' are never joined.
    create temp table inventory_supply_tree on commit drop as
    select coalesce(tree.supplier_id, -1) as tree_key, tree.location_id, tree.descendant_location_id, tree.depth
    from ${schema}.supply_tree_as_of(
        p_run_date, v_network_days,
        case when p_product_ids is not null
             then array(select distinct products.primary_supplier_id
                        from ${schema}.products
                        where products.id = any (p_product_ids) and products.primary_supplier_id is not null) end
    ) as tree;
    create index on inventory_supply_tree (tree_key, descendant_location_id);
    analyze inventory_supply_tree;

    -- Each product's terms from its primary supplier, resolved once for stores and upper echelons: pack size, MOQ,
    -- lead time (product override -> supplier override -> measured mean -> ERP -> default_lead_time_days), its
    -- deviation (measured p90 and mean; 0 under an override) and the supplier's review cycle. A location that buys
    -- from the supplier uses the lead time and review cycle; one supplied by transfer only pack size and MOQ.
    create temp table inventory_product_supply on commit drop as
    with latest_supplier_behaviors as (
        select distinct on (supplier_behaviors.supplier_id)
            supplier_behaviors.supplier_id, supplier_behaviors.avg_lead_time_days, supplier_behaviors.lead_time_p90
        from ${schema}.supplier_behaviors
        where supplier_behaviors.snapshot_date <= p_run_date
        order by supplier_behaviors.supplier_id, supplier_behaviors.snapshot_date desc
    ),

    final as (
        select products.id as product_id,
               greatest(coalesce(product_suppliers.pack_size_qty, products.pack_size_qty, 1), 0.001) as pack_size_qty,
               coalesce(product_suppliers.moq_qty_override, suppliers.moq_qty_override, suppliers.moq_qty, 0)
               as moq_qty,
               coalesce(product_suppliers.lead_time_days_override, suppliers.lead_time_days_override,
                        latest_supplier_behaviors.avg_lead_time_days, suppliers.lead_time_days,
                        (v_settings ->> 'default_lead_time_days')::integer)::float8 as supplier_lead_time_days,
               case
                   when product_suppliers.lead_time_days_override is null
                       and suppliers.lead_time_days_override is null
                       and latest_supplier_behaviors.lead_time_p90 > latest_supplier_behaviors.avg_lead_time_days
                       -- p90 of a normal lead time is its mean + 1.2816 sigma.
                       then ((latest_supplier_behaviors.lead_time_p90 - latest_supplier_behaviors.avg_lead_time_days)
                             / 1.2816)::float8
                   else 0
               end as supplier_lead_time_sd_days,
               coalesce(suppliers.review_cycle_days, (v_planning ->> 'review_cycle_days')::integer)
               as supplier_review_days
        from ${schema}.products
        left join ${schema}.suppliers on suppliers.id = products.primary_supplier_id
        left join ${schema}.product_suppliers
            on product_suppliers.product_id = products.id and product_suppliers.supplier_id = suppliers.id
        left join latest_supplier_behaviors on latest_supplier_behaviors.supplier_id = suppliers.id
        where p_product_ids is null or products.id = any (p_product_ids)
    )

    select * from final;
    alter table inventory_product_supply add primary key (product_id);
    analyze inventory_product_supply;

    -- Step 9's effective NOT-STOCK pairs (client status, else the CW status decided before the run date;
    -- products.assortment_override too), materialised with statistics: joined as a set-returning function the planner
    -- estimates 1,000 rows whatever the client holds, and may join it as a nested loop over every NOT-STOCK pair per
    -- forecast pair (quadratic in the client's size; step 10 had exactly that).
    -- A product-scoped run reads only its products' assortment rows (p_product_ids).
    create temp table inventory_not_stocked on commit drop as
    select distinct status.product_id, status.location_id
    from ${schema}.assortment_effective_status(p_run_date, true, true, p_product_ids) as status;
    alter table inventory_not_stocked add primary key (product_id, location_id);
    analyze inventory_not_stocked;

    -- Store pairs with a forecast, their supply (transfer from their source in the supply tree, else the primary
    -- supplier) and the protection period P = lead time + review cycle in whole days. A location scope also takes the
    -- stores below a scoped upper echelon (its pooled demand needs them) but computes targets only for the scope.
    create temp table inventory_store_inputs on commit drop as
    with forecast_pairs as (
        select distinct on (rows.product_id, rows.location_id)
            rows.product_id, rows.location_id, demand_source_types.name as source_type,
            coalesce(case when suppliers.is_active then suppliers.id end, -1) as tree_key
        from ${schema}.demand_forecast_products as rows
        inner join ${schema}.demand_source_types on demand_source_types.id = rows.demand_source_type_id
        inner join ${schema}.locations on locations.id = rows.location_id
        inner join ${schema}.products on products.id = rows.product_id
        left join ${schema}.suppliers on suppliers.id = products.primary_supplier_id
        where rows.demand_forecast_id = v_forecast_id and rows.forecast_date = v_forecast_date
            and locations.echelon = 1
            and (p_product_ids is null or rows.product_id = any (p_product_ids))
        order by rows.product_id, rows.location_id, rows.horizon_days
    ),

    scoped as (
        select forecast_pairs.*,
               p_location_ids is null or forecast_pairs.location_id = any (p_location_ids) as is_in_scope,
               sources.location_id as source_location_id
        from forecast_pairs
        left join inventory_supply_tree as sources
            on sources.tree_key = forecast_pairs.tree_key
            and sources.descendant_location_id = forecast_pairs.location_id and sources.depth = 1
        where p_location_ids is null or forecast_pairs.location_id = any (p_location_ids)
            or exists (select from inventory_supply_tree as above
                       where above.tree_key = forecast_pairs.tree_key
                           and above.descendant_location_id = forecast_pairs.location_id
                           and above.depth >= 1 and above.location_id = any (p_location_ids))
    ),

    supplied as (
        select forecast_pairs.product_id, forecast_pairs.location_id, forecast_pairs.source_type,
               forecast_pairs.tree_key, forecast_pairs.is_in_scope, forecast_pairs.source_location_id,
               locations.is_enabled and locations.is_active as is_location_enabled,
               products.is_discontinued,
               -- Step 9's effective NOT-STOCK (client status, else the CW status decided before the run date;
               -- products.assortment_override too).
               case when not_stocked.product_id is not null then 'NOT-STOCK' else products.assortment_override end
               as assortment_override,
               products.price, products.cost, supply.pack_size_qty, supply.moq_qty,
               -- transfer: the lane's transit time and the client's review cycle; else the primary supplier's terms
               case when forecast_pairs.source_location_id is not null
                    then coalesce(location_lanes.transit_days_override,
                                  (v_settings ->> 'transfer_lead_time_days')::integer)::float8
                    else supply.supplier_lead_time_days end as lead_time_days,
               case when forecast_pairs.source_location_id is null then supply.supplier_lead_time_sd_days else 0 end
               as lead_time_sd_days,
               case when forecast_pairs.source_location_id is not null
                    then (v_planning ->> 'review_cycle_days')::integer
                    else supply.supplier_review_days end as review_days
        from scoped as forecast_pairs
        inner join ${schema}.locations on locations.id = forecast_pairs.location_id
        inner join ${schema}.products on products.id = forecast_pairs.product_id
        inner join inventory_product_supply as supply on supply.product_id = forecast_pairs.product_id
        left join inventory_not_stocked as not_stocked
            on not_stocked.product_id = forecast_pairs.product_id
            and not_stocked.location_id = forecast_pairs.location_id
        left join ${schema}.location_lanes
            on location_lanes.from_location_id = forecast_pairs.source_location_id
            and location_lanes.to_location_id = locations.id
    ),

    final as (
        select supplied.*,
               ceil(supplied.lead_time_days)::integer + supplied.review_days as protection_days
        from supplied
    )

    select * from final;
    -- Statistics for the joins below: a scoped run has a handful of rows (index lookups), a full run thousands.
    analyze inventory_store_inputs;

    -- Demand over the protection period from the active forecast (pro-rated by the weekday profile).
    create temp table inventory_store_forecast on commit drop as
    select accumulated.product_id, accumulated.location_id, accumulated.demand_qty
    from ${schema}.forecast_accumulate(
        array(select inputs.product_id from inventory_store_inputs as inputs order by inputs.product_id, inputs.location_id),
        array(select inputs.location_id from inventory_store_inputs as inputs order by inputs.product_id, inputs.location_id),
        array(select v_forecast_date + 1 from inventory_store_inputs as inputs order by inputs.product_id, inputs.location_id),
        array(select v_forecast_date + inputs.protection_days from inventory_store_inputs as inputs
              order by inputs.product_id, inputs.location_id)
    ) as accumulated;

    -- Weekly demand of the trailing windows (weeks without a row are weeks without demand).
    create temp table inventory_store_volatility on commit drop as
    with weeks as (
        select inputs.product_id, inputs.location_id, week.week_no
        from inventory_store_inputs as inputs
        cross join generate_series(0, v_volatility / 7 - 1) as week (week_no)
    ),

    -- The window's days from the weekly aggregate (demand_weeks, kept exact by its triggers: docs/demand.md "Weekly
    -- aggregate"): ~14 rows a pair instead of 91 daily rows. A trailing week (week_no, ending on the run
    -- date's weekday) spans at most two ISO weeks; each ISO week row is split into its (at most two) trailing weeks,
    -- a piece summing days first_day .. last_day as the difference of two running sums (a day without a row counts
    -- 0, as a missing daily row does). Exact (numeric): the same weekly sums as the daily rows.
    window_rows as (
        select week_rows.product_id, week_rows.location_id, week_rows.week_start, week_rows.demand_qty_cum,
               (p_run_date - least(week_rows.week_start + 6, p_run_date)) / 7 + half.step_no as week_no
        from ${schema}.demand_weeks as week_rows
        inner join inventory_store_inputs as inputs
            on inputs.product_id = week_rows.product_id and inputs.location_id = week_rows.location_id
        cross join (values (0), (1)) as half (step_no)
        where week_rows.week_start > p_run_date - (v_volatility / 7) * 7 - 6
            and week_rows.week_start <= p_run_date
    ),

    weekly_demand as (
        select window_rows.product_id, window_rows.location_id, window_rows.week_no,
               sum(window_rows.demand_qty_cum[least(window_rows.week_start + 6, p_run_date - 7 * window_rows.week_no)
                                              - window_rows.week_start + 1]
                   - coalesce(window_rows.demand_qty_cum[greatest(window_rows.week_start,
                                                                  p_run_date - 7 * window_rows.week_no - 6)
                                                         - window_rows.week_start], 0))::float8 as demand_qty
        from window_rows
        where window_rows.week_no <= (p_run_date - window_rows.week_start) / 7
            and window_rows.week_no < v_volatility / 7
        group by 1, 2, 3
    ),

    series as (
        select weeks.product_id, weeks.location_id, weeks.week_no,
               coalesce(weekly_demand.demand_qty, 0) as demand_qty,
               coalesce(weekly_demand.demand_qty, 0) - lead(coalesce(weekly_demand.demand_qty, 0))
                   over (partition by weeks.product_id, weeks.location_id order by weeks.week_no) as change_qty
        from weeks
        left join weekly_demand
            on weekly_demand.product_id = weeks.product_id and weekly_demand.location_id = weeks.location_id
            and weekly_demand.week_no = weeks.week_no
    ),

    final as (
        select series.product_id, series.location_id,
               avg(series.demand_qty) as mean_week_qty,
               coalesce(var_samp(series.demand_qty), 0) as var_week_qty,
               avg(series.demand_qty) filter (where series.week_no < v_recent / 7) as recent_mean_week_qty,
               coalesce(var_samp(series.demand_qty) filter (where series.week_no < v_recent / 7), 0)
               as recent_var_week_qty,
               sqrt(coalesce(avg(series.change_qty * series.change_qty), 0)) as naive_scale_qty
        from series
        group by series.product_id, series.location_id
    )

    select * from final;

    analyze inventory_store_forecast;
    analyze inventory_store_volatility;
    -- The moving average of the last moving_average_days from demand_weeks too: each ISO week row overlapping the
    -- window gives the days of it inside (first_day .. last_day) as a difference of running sums. A pair gets a row
    -- when it has a daily row in the window (listed_mask: the bit of day d of the week is 1 << (6 - d), Monday = 0),
    -- as the sum over the daily rows gave.
    create temp table inventory_store_moving on commit drop as
    with window_rows as (
        select week_rows.product_id, week_rows.location_id, week_rows.week_start, week_rows.listed_mask,
               week_rows.demand_qty_cum,
               greatest(week_rows.week_start, p_run_date - v_moving + 1) as first_day,
               least(week_rows.week_start + 6, p_run_date) as last_day
        from ${schema}.demand_weeks as week_rows
        inner join inventory_store_inputs as inputs
            on inputs.product_id = week_rows.product_id and inputs.location_id = week_rows.location_id
        where week_rows.week_start > p_run_date - v_moving - 6
            and week_rows.week_start <= p_run_date
    ),

    final as (
        select window_rows.product_id, window_rows.location_id,
               sum(window_rows.demand_qty_cum[window_rows.last_day - window_rows.week_start + 1]
                   - coalesce(window_rows.demand_qty_cum[window_rows.first_day - window_rows.week_start], 0))::float8
               / v_moving as demand_per_day
        from window_rows
        where window_rows.first_day <= window_rows.last_day
        group by window_rows.product_id, window_rows.location_id
        having bool_or(window_rows.listed_mask
                       & (((1 << (window_rows.last_day - window_rows.first_day + 1)) - 1)
                          << (6 - (window_rows.last_day - window_rows.week_start))) <> 0)
    )

    select * from final;
    analyze inventory_store_moving;

    insert into inventory_targets_computed
    with classes as (
        select distinct on (behaviors.product_id, behaviors.location_id)
            behaviors.product_id, behaviors.location_id, abc_classes.code as abc, xyz_classes.code as xyz,
            fmr_classes.code as fmr
        from ${schema}.product_location_behaviors as behaviors
        inner join inventory_store_inputs as inputs
            on inputs.product_id = behaviors.product_id and inputs.location_id = behaviors.location_id
        inner join ${schema}.abc_classes on abc_classes.id = behaviors.abc_class_id
        inner join ${schema}.xyz_classes on xyz_classes.id = behaviors.xyz_class_id
        inner join ${schema}.fmr_classes on fmr_classes.id = behaviors.fmr_class_id
        where behaviors.snapshot_date <= p_run_date
        order by behaviors.product_id, behaviors.location_id, behaviors.snapshot_date desc
    ),

    class_rules as (
        select split_part(rule.value, '=', 1) as class_code, split_part(rule.value, '=', 2) as strategy_name
        from jsonb_array_elements_text(v_settings -> 'class_strategies') as rule (value)
    ),

    chosen as (
        select inputs.*, classes.abc, classes.xyz, classes.fmr,
               coalesce(overridden.name, class_rules.strategy_name, v_settings ->> 'store_strategy') as strategy_name,
               case when overridden.name is not null then 'override'
                    when class_rules.strategy_name is not null then 'class' else 'echelon' end as strategy_source,
               coalesce(forecast.demand_qty, 0) / inputs.protection_days as forecast_per_day,
               coalesce(moving.demand_per_day, 0) as moving_per_day,
               volatility.mean_week_qty / 7 as history_per_day,
               -- Demand counts are at least Poisson-dispersed: variance >= mean.
               sqrt(greatest(volatility.var_week_qty, volatility.mean_week_qty) / 7) as demand_sd_per_day,
               sqrt(greatest(volatility.recent_var_week_qty, volatility.recent_mean_week_qty, 0) / 7)
               as recent_sd_per_day,
               series.backtest_rmsse * volatility.naive_scale_qty / sqrt(7) as forecast_sd_per_day,
               series.backtest_rmsse
        from inventory_store_inputs as inputs
        left join classes on classes.product_id = inputs.product_id and classes.location_id = inputs.location_id
        left join class_rules on class_rules.class_code = classes.abc || classes.xyz
        left join (select overrides.product_id, overrides.location_id, strategies.name
                   from ${schema}.inventory_strategy_overrides as overrides
                   inner join ${schema}.inventory_strategies as strategies
                       on strategies.id = overrides.inventory_strategy_id) as overridden
            on overridden.product_id = inputs.product_id and overridden.location_id = inputs.location_id
        left join inventory_store_forecast as forecast
            on forecast.product_id = inputs.product_id and forecast.location_id = inputs.location_id
        left join inventory_store_moving as moving
            on moving.product_id = inputs.product_id and moving.location_id = inputs.location_id
        left join inventory_store_volatility as volatility
            on volatility.product_id = inputs.product_id and volatility.location_id = inputs.location_id
        left join ${schema}.demand_forecast_series as series
            on series.demand_forecast_id = v_forecast_id and series.forecast_date = v_forecast_date
            and series.product_id = inputs.product_id and series.location_id = inputs.location_id
        where inputs.is_in_scope
    ),

    serviced as (
        select chosen.*,
               case chosen.strategy_name
                   when 'abc_xyz_matrix' then
                       coalesce((v_settings ->> ('csl_' || lower(chosen.abc || chosen.xyz) || '_pct'))::float8,
                                (v_planning ->> 'service_level_pct')::float8) / 100
                   when 'fmr_abc_quantile' then
                       coalesce((v_settings ->> ('quantile_' || lower(chosen.fmr || chosen.abc) || '_pct'))::float8,
                                (v_planning ->> 'service_level_pct')::float8) / 100
                   when 'margin_weighted' then
                       ((v_settings ->> 'margin_csl_min_pct')::float8
                        + ((v_settings ->> 'margin_csl_max_pct')::float8 - (v_settings ->> 'margin_csl_min_pct')::float8)
                        * least(1, greatest(0, coalesce((chosen.price - chosen.cost) / nullif(chosen.price, 0), 0)
                                               * 100 / (v_settings ->> 'margin_full_pct')::float8))) / 100
                   when 'newsvendor' then
                       -- Underage: the margin lost per unit short; overage: holding one unit for a review cycle.
                       coalesce((chosen.price - chosen.cost)
                                / nullif((chosen.price - chosen.cost) + chosen.cost
                                         * (v_settings ->> 'holding_cost_pct')::float8 / 100
                                         * chosen.review_days / 365, 0),
                                (v_planning ->> 'service_level_pct')::float8 / 100)
                   else (v_planning ->> 'service_level_pct')::float8 / 100
               end as service_probability,
               case when chosen.strategy_name = 'moving_average' then chosen.moving_per_day
                    else chosen.forecast_per_day end as demand_per_day,
               case chosen.strategy_name
                   when 'dynamic_safety' then sqrt(0.5 * chosen.recent_sd_per_day ^ 2 + 0.5 * chosen.demand_sd_per_day ^ 2)
                   when 'seasonal_trend' then
                       chosen.demand_sd_per_day
                       * coalesce(chosen.forecast_per_day / nullif(chosen.history_per_day, 0), 1)
                   when 'forecast_based' then coalesce(chosen.forecast_sd_per_day, chosen.demand_sd_per_day)
                   else chosen.demand_sd_per_day
               end as used_sd_per_day
        from chosen
    ),

    -- Materialised: z (an inverse normal with sub-selects) is read by several later expressions.
    sized as materialized (
        select serviced.*,
               serviced.demand_per_day * serviced.protection_days as protection_demand_qty,
               sqrt(serviced.protection_days * coalesce(serviced.used_sd_per_day, 0) ^ 2
                    + serviced.demand_per_day ^ 2 * serviced.lead_time_sd_days ^ 2) as protection_sd_qty,
               sqrt(serviced.lead_time_days * coalesce(serviced.used_sd_per_day, 0) ^ 2
                    + serviced.demand_per_day ^ 2 * serviced.lead_time_sd_days ^ 2) as lead_time_sd_qty,
               cw_global.normal_quantile(least(greatest(serviced.service_probability, 0.5), 0.9999)) as z
        from serviced
    ),

    levels as (
        select sized.*,
               case
                   when sized.strategy_name = 'base_stock' then greatest(0, coalesce(
                       cw_global.normal_loss_inverse((1 - (v_settings ->> 'fill_rate_pct')::float8 / 100)
                                                     * sized.demand_per_day * sized.review_days
                                                     / nullif(sized.protection_sd_qty, 0)), 0)) * sized.protection_sd_qty
                   when sized.strategy_name in ('product_level', 'buffer_min_qty') then 0
                   else sized.z * sized.protection_sd_qty
               end as safety_qty
        from sized
    ),

    policies as (
        select levels.*,
               case levels.strategy_name
                   when 'product_level' then
                       levels.demand_per_day * (levels.lead_time_days + (v_settings ->> 'cover_days')::integer)
                   when 'buffer_min_qty' then
                       greatest((v_settings ->> 'buffer_min_qty')::float8, levels.pack_size_qty, levels.moq_qty)
                   else levels.protection_demand_qty + levels.safety_qty
               end as order_up_to_qty,
               case levels.strategy_name
                   when 'product_level' then levels.demand_per_day * levels.lead_time_days
                   when 'buffer_min_qty' then
                       greatest(0, greatest((v_settings ->> 'buffer_min_qty')::float8, levels.pack_size_qty,
                                            levels.moq_qty) - levels.pack_size_qty)
                   when 'periodic_review' then levels.protection_demand_qty + levels.safety_qty
                   when 'base_stock' then levels.demand_per_day * levels.lead_time_days
                       + levels.safety_qty * levels.lead_time_sd_qty / nullif(levels.protection_sd_qty, 0)
                   else levels.demand_per_day * levels.lead_time_days + levels.z * levels.lead_time_sd_qty
               end as reorder_qty,
               case
                   when levels.assortment_override = 'NOT-STOCK' then 'not_stocked'
                   when levels.is_discontinued then 'discontinued'
                   when not levels.is_location_enabled then 'location_disabled'
                   when levels.source_type = 'dead_product' then 'dead_product'
                   when levels.demand_per_day = 0 and levels.strategy_name <> 'buffer_min_qty' then 'no_demand'
               end as zero_reason
        from levels
    ),

    -- Materialised, so that the normal loss below gets plain columns as arguments: given the inlined expressions of
    -- target_qty and the rest, the planner refused to inline it and ran it as a statement per call (twice a pair).
    rounded as materialized (
        select policies.*,
               case when policies.zero_reason is null
                    then ceil(round((greatest(policies.order_up_to_qty, 0) / policies.pack_size_qty)::numeric, 6))
                         * policies.pack_size_qty
                    else 0 end as target_qty
        from policies
    ),

    final as (
        select rounded.product_id, rounded.location_id, strategies.id as inventory_strategy_id,
               round(rounded.target_qty::numeric, 3) as target_stock,
               case when rounded.zero_reason is null
                    then least(round(greatest(coalesce(rounded.reorder_qty, 0), 0)::numeric, 3),
                               round(rounded.target_qty::numeric, 3))
                    else 0 end as reorder_point,
               case when rounded.zero_reason is null then round(greatest(rounded.safety_qty, 0)::numeric, 3)
                    else 0 end as safety_stock,
               case
                   when rounded.zero_reason is not null then null
                   when rounded.demand_per_day * rounded.review_days <= 0 then 1
                   when rounded.protection_sd_qty <= 0 then
                       case when rounded.target_qty >= rounded.protection_demand_qty then 1
                            else rounded.target_qty / rounded.protection_demand_qty end
                   -- Expected units short per review cycle of the order-up-to level S (normal loss): shortage
                   -- by the end of L + R minus the shortage already there at the end of L, over a cycle's demand.
                   else greatest(0, least(1, 1 - (rounded.protection_sd_qty
                        * cw_global.normal_loss((rounded.target_qty - rounded.protection_demand_qty)
                                                / rounded.protection_sd_qty)
                        - case when rounded.lead_time_sd_qty > 0
                               then rounded.lead_time_sd_qty
                                    * cw_global.normal_loss((rounded.target_qty
                                                             - rounded.demand_per_day * rounded.lead_time_days)
                                                            / rounded.lead_time_sd_qty)
                               else greatest(0, rounded.demand_per_day * rounded.lead_time_days - rounded.target_qty)
                          end)
                        / (rounded.demand_per_day * rounded.review_days)))
               end::numeric(6, 4) as fill_rate_simulated,
               rounded.zero_reason,
               rounded.strategy_source,
               jsonb_strip_nulls(jsonb_build_object(
                   'lead_time_days', round(rounded.lead_time_days::numeric, 4),
                   'lead_time_sd_days', round(rounded.lead_time_sd_days::numeric, 4),
                   'review_days', rounded.review_days,
                   'protection_days', rounded.protection_days,
                   'demand_per_day', round(rounded.demand_per_day::numeric, 6),
                   'demand_sd_per_day', round(rounded.used_sd_per_day::numeric, 6),
                   'protection_demand_qty', round(rounded.protection_demand_qty::numeric, 4),
                   'protection_sd_qty', round(rounded.protection_sd_qty::numeric, 4),
                   'pack_size_qty', rounded.pack_size_qty,
                   'moq_qty', rounded.moq_qty,
                   case when rounded.strategy_name = 'base_stock' then 'fill_rate_target'
                        when rounded.strategy_name = 'newsvendor' then 'critical_ratio'
                        when rounded.strategy_name in ('product_level', 'buffer_min_qty') then 'unused_service'
                        else 'cycle_service_level' end,
                   round(case when rounded.strategy_name = 'base_stock'
                              then (v_settings ->> 'fill_rate_pct')::float8 / 100
                              else rounded.service_probability end::numeric, 6),
                   'safety_factor_z', case when rounded.strategy_name not in ('base_stock', 'product_level', 'buffer_min_qty')
                             then round(rounded.z::numeric, 6) end,
                   'safety_factor_k', case when rounded.strategy_name = 'base_stock'
                             then round((rounded.safety_qty / nullif(rounded.protection_sd_qty, 0))::numeric, 6) end,
                   'forecast_rmsse', case when rounded.strategy_name = 'forecast_based'
                                          then round(rounded.backtest_rmsse::numeric, 6) end,
                   'cover_days', case when rounded.strategy_name = 'product_level'
                                      then (v_settings ->> 'cover_days')::integer end,
                   'buffer_min_qty', case when rounded.strategy_name = 'buffer_min_qty'
                                          then (v_settings ->> 'buffer_min_qty')::float8 end
               ) - 'unused_service') as params
        from rounded
        inner join ${schema}.inventory_strategies as strategies on strategies.name = rounded.strategy_name
    )

    select * from final;

    -- Upper echelons (DC, warehouse, central): installation-stock targets on the pooled demand of every store and
    -- webshop below them in the supply tree (a warehouse: its DCs' stores and what it supplies directly), over the
    -- upper echelon's own protection period. Means add up; variances add (independent demand: risk pooling), with
    -- the setting pooling_correlation rho between two locations: var = (1 - rho) sum sd^2 + rho (sum sd)^2. Never a
    -- sum of targets. A NOT-STOCK or disabled store is not pooled (it is not supplied). docs/inventory.md.
    create temp table inventory_upper_members on commit drop as
    select tree.location_id, inputs.product_id, inputs.tree_key, inputs.location_id as member_location_id, tree.depth,
           sqrt(greatest(coalesce(volatility.var_week_qty, 0), coalesce(volatility.mean_week_qty, 0)) / 7)
           as demand_sd_per_day
    from inventory_store_inputs as inputs
    inner join inventory_supply_tree as tree
        on tree.tree_key = inputs.tree_key and tree.descendant_location_id = inputs.location_id and tree.depth >= 1
    inner join ${schema}.locations as uppers on uppers.id = tree.location_id
    left join inventory_store_volatility as volatility
        on volatility.product_id = inputs.product_id and volatility.location_id = inputs.location_id
    where uppers.echelon >= 2 and inputs.is_location_enabled
        and inputs.assortment_override is distinct from 'NOT-STOCK'
        and (p_location_ids is null or tree.location_id = any (p_location_ids));
    analyze inventory_upper_members;

    -- The upper echelon's own supply, by the rules of a store: from its source in the supply tree by transfer (lane
    -- transit time, else transfer_lead_time_days; the client's review cycle), else from the primary supplier
    -- (overrides, measured mean and p90, ERP lead time, default; the supplier's review cycle).
    create temp table inventory_upper_inputs on commit drop as
    with pooled as (
        select members.location_id, members.product_id, members.tree_key,
               count(*) as store_count, max(members.depth) as pooled_depth,
               sum(members.demand_sd_per_day ^ 2) as sum_variance_per_day,
               sum(members.demand_sd_per_day) as sum_sd_per_day
        from inventory_upper_members as members
        group by members.location_id, members.product_id, members.tree_key
    ),

    supplied as (
        select pooled.*, locations.echelon, sources.location_id as source_location_id,
               locations.is_enabled and locations.is_active as is_location_enabled, products.is_discontinued,
               supply.pack_size_qty, supply.moq_qty,
               case when sources.location_id is not null
                    then coalesce(location_lanes.transit_days_override,
                                  (v_settings ->> 'transfer_lead_time_days')::integer)::float8
                    else supply.supplier_lead_time_days end as lead_time_days,
               case when sources.location_id is null then supply.supplier_lead_time_sd_days else 0 end
               as lead_time_sd_days,
               case when sources.location_id is not null then (v_planning ->> 'review_cycle_days')::integer
                    else supply.supplier_review_days end as review_days,
               -- The pooled daily deviation: independent (rho = 0) variances add; rho = 1 adds deviations.
               sqrt((1 - v_correlation) * pooled.sum_variance_per_day + v_correlation * pooled.sum_sd_per_day ^ 2)
               as demand_sd_per_day
        from pooled
        inner join ${schema}.locations on locations.id = pooled.location_id
        inner join ${schema}.products on products.id = pooled.product_id
        inner join inventory_product_supply as supply on supply.product_id = pooled.product_id
        left join inventory_supply_tree as sources
            on sources.tree_key = pooled.tree_key and sources.descendant_location_id = pooled.location_id
            and sources.depth = 1
        left join ${schema}.location_lanes
            on location_lanes.from_location_id = sources.location_id and location_lanes.to_location_id = locations.id
    ),

    final as (
        select supplied.*,
               ceil(supplied.lead_time_days)::integer + supplied.review_days as protection_days,
               -- the forecast's last day bounds the accumulation (a protection period beyond the horizon is scaled up
               -- from the days the forecast covers)
               least(ceil(supplied.lead_time_days)::integer + supplied.review_days, v_last_date - v_forecast_date)
               as accumulated_days
        from supplied
    )

    select * from final;
    analyze inventory_upper_inputs;

    insert into inventory_targets_computed
    with member_ranges as (
        select members.location_id, members.product_id, members.member_location_id, uppers.accumulated_days,
               row_number() over (order by members.location_id, members.product_id, members.member_location_id)
               as position
        from inventory_upper_members as members
        inner join inventory_upper_inputs as uppers
            on uppers.location_id = members.location_id and uppers.product_id = members.product_id
        where uppers.accumulated_days >= 1
    ),

    -- Each pooled store's forecast over the upper echelon's protection period (its own weekday profile).
    member_demand as (
        select accumulated.position, accumulated.demand_qty
        from ${schema}.forecast_accumulate(
            array(select ranges.product_id from member_ranges as ranges order by ranges.position),
            array(select ranges.member_location_id from member_ranges as ranges order by ranges.position),
            array(select v_forecast_date + 1 from member_ranges as ranges order by ranges.position),
            array(select v_forecast_date + ranges.accumulated_days from member_ranges as ranges
                  order by ranges.position)
        ) with ordinality as accumulated (product_id, location_id, from_date, to_date, demand_qty, position)
    ),

    demand as (
        select ranges.location_id, ranges.product_id, sum(coalesce(member_demand.demand_qty, 0)) as accumulated_qty
        from member_ranges as ranges
        left join member_demand on member_demand.position = ranges.position
        group by ranges.location_id, ranges.product_id
    ),

    sized as (
        select uppers.*,
               coalesce(demand.accumulated_qty, 0) / greatest(uppers.accumulated_days, 1) as demand_per_day,
               (v_planning ->> 'service_level_pct')::float8 / 100 as service_probability,
               cw_global.normal_quantile((v_planning ->> 'service_level_pct')::float8 / 100) as z
        from inventory_upper_inputs as uppers
        left join demand on demand.location_id = uppers.location_id and demand.product_id = uppers.product_id
    ),

    spread as (
        select sized.*,
               sized.demand_per_day * sized.protection_days as protection_demand_qty,
               sqrt(sized.protection_days * sized.demand_sd_per_day ^ 2
                    + sized.demand_per_day ^ 2 * sized.lead_time_sd_days ^ 2) as protection_sd_qty,
               sqrt(sized.lead_time_days * sized.demand_sd_per_day ^ 2
                    + sized.demand_per_day ^ 2 * sized.lead_time_sd_days ^ 2) as lead_time_sd_qty,
               case when not sized.is_location_enabled then 'location_disabled'
                    when sized.is_discontinued then 'discontinued'
                    when sized.demand_per_day <= 0 then 'no_demand' end as zero_reason
        from sized
    ),

    -- Materialised, as for stores: the normal loss below gets plain columns and is inlined.
    rounded as materialized (
        select spread.*,
               case when spread.zero_reason is null then spread.z * spread.protection_sd_qty else 0 end as safety_qty,
               case when spread.zero_reason is null
                    then ceil(round(((spread.protection_demand_qty + spread.z * spread.protection_sd_qty)
                                     / spread.pack_size_qty)::numeric, 6)) * spread.pack_size_qty
                    else 0 end as target_qty
        from spread
    ),

    final as (
        select rounded.product_id, rounded.location_id, strategies.id,
               round(rounded.target_qty::numeric, 3),
               case when rounded.zero_reason is null
                    then least(round(greatest(rounded.demand_per_day * rounded.lead_time_days
                                              + rounded.z * rounded.lead_time_sd_qty, 0)::numeric, 3),
                               round(rounded.target_qty::numeric, 3))
                    else 0 end,
               round(greatest(rounded.safety_qty, 0)::numeric, 3),
               case
                   when rounded.zero_reason is not null then null
                   when rounded.protection_sd_qty <= 0 then
                       case when rounded.target_qty >= rounded.protection_demand_qty then 1
                            else rounded.target_qty / rounded.protection_demand_qty end
                   -- as for a store: units short by the end of L + R minus those short at the end of L, over R's demand
                   else greatest(0, least(1, 1 - (rounded.protection_sd_qty
                        * cw_global.normal_loss((rounded.target_qty - rounded.protection_demand_qty)
                                                / rounded.protection_sd_qty)
                        - case when rounded.lead_time_sd_qty > 0
                               then rounded.lead_time_sd_qty
                                    * cw_global.normal_loss((rounded.target_qty
                                                             - rounded.demand_per_day * rounded.lead_time_days)
                                                            / rounded.lead_time_sd_qty)
                               else greatest(0, rounded.demand_per_day * rounded.lead_time_days - rounded.target_qty)
                          end)
                        / (rounded.demand_per_day * rounded.review_days)))
               end::numeric(6, 4),
               rounded.zero_reason,
               'echelon',
               jsonb_build_object(
                   'lead_time_days', round(rounded.lead_time_days::numeric, 4),
                   'lead_time_sd_days', round(rounded.lead_time_sd_days::numeric, 4),
                   'review_days', rounded.review_days, 'protection_days', rounded.protection_days,
                   'store_count', rounded.store_count, 'pooled_depth', rounded.pooled_depth,
                   'demand_per_day', round(rounded.demand_per_day::numeric, 6),
                   'demand_sd_per_day', round(rounded.demand_sd_per_day::numeric, 6),
                   'unpooled_sd_per_day', round(rounded.sum_sd_per_day::numeric, 6),
                   'pooling_correlation', v_correlation,
                   'protection_demand_qty', round(rounded.protection_demand_qty::numeric, 4),
                   'protection_sd_qty', round(rounded.protection_sd_qty::numeric, 4),
                   'cycle_service_level', round(rounded.service_probability::numeric, 6),
                   'safety_factor_z', round(rounded.z::numeric, 6), 'pack_size_qty', rounded.pack_size_qty,
                   'moq_qty', rounded.moq_qty) as params
        from rounded
        inner join ${schema}.inventory_strategies as strategies on strategies.name = 'downstream_aggregate'
    )

    select * from final;
end
$$;
comment on procedure ${schema}.inventory_targets_compute(date, integer [], integer []) is
'Computes the inventory targets of p_run_date (optionally only some products/locations) from the active forecast, '
'demand history, classes, supply and settings into the temp table inventory_targets_computed. Called by '
'step_inventory_targets; formulas in docs/inventory.md.';
