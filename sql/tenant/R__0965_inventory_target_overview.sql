-- Each inventory target next to the stock on hand of its pair: what cw demo prints after step 8.
create or replace view ${schema}.inventory_target_overview as
with latest_stock as (
    select distinct on (inventory_balances.product_id, inventory_balances.location_id)
        inventory_balances.product_id,
        inventory_balances.location_id,
        inventory_balances.balance_date,
        inventory_balances.qty_available
    from ${schema}.inventory_balances
    order by inventory_balances.product_id asc, inventory_balances.location_id asc,
        inventory_balances.balance_date desc
),

final as (
    select
        inventory_targets.snapshot_date,
        products.erp_id as product_erp_id,
        locations.erp_id as location_erp_id,
        locations.echelon,
        inventory_strategies.name as strategy,
        inventory_targets.strategy_source,
        latest_stock.qty_available as on_hand_qty,
        latest_stock.balance_date as on_hand_date,
        inventory_targets.reorder_point,
        inventory_targets.safety_stock,
        inventory_targets.target_stock,
        inventory_targets.fill_rate_simulated,
        inventory_targets.zero_reason,
        coalesce(latest_stock.qty_available, 0) <= inventory_targets.reorder_point
        and inventory_targets.zero_reason is null as is_at_or_below_reorder_point
    from ${schema}.inventory_targets
    inner join ${schema}.products on products.id = inventory_targets.product_id
    inner join ${schema}.locations on locations.id = inventory_targets.location_id
    inner join ${schema}.inventory_strategies on inventory_strategies.id = inventory_targets.inventory_strategy_id
    left join latest_stock
        on
            latest_stock.product_id = inventory_targets.product_id
            and latest_stock.location_id = inventory_targets.location_id
            and latest_stock.balance_date <= inventory_targets.snapshot_date
)

select * from final;
comment on view ${schema}.inventory_target_overview is
'Each inventory target (step 8) with its strategy and the latest stock on hand of the pair at or before the target''s '
'date (no open orders counted: the purchase recommendations do that). e.g. select * from inventory_target_overview '
'where snapshot_date = ''2024-03-31'' and is_at_or_below_reorder_point.';
comment on column ${schema}.inventory_target_overview.snapshot_date is 'Run date of the target.';
comment on column ${schema}.inventory_target_overview.product_erp_id is 'The product''s ERP id.';
comment on column ${schema}.inventory_target_overview.location_erp_id is 'The location''s ERP id.';
comment on column ${schema}.inventory_target_overview.echelon is '1 store, 2 DC, 3 warehouse, 4 central.';
comment on column ${schema}.inventory_target_overview.strategy is 'Strategy that set the target.';
comment on column ${schema}.inventory_target_overview.strategy_source is 'override, class or echelon.';
comment on column ${schema}.inventory_target_overview.on_hand_qty is
'Units available in the latest inventory balance at or before the date; null when none was reported.';
comment on column ${schema}.inventory_target_overview.on_hand_date is 'Date of that balance.';
comment on column ${schema}.inventory_target_overview.reorder_point is 'Reorder point s in units.';
comment on column ${schema}.inventory_target_overview.safety_stock is 'Safety stock in units.';
comment on column ${schema}.inventory_target_overview.target_stock is 'Order-up-to level S in units.';
comment on column ${schema}.inventory_target_overview.fill_rate_simulated is 'Expected fill rate of the policy.';
comment on column ${schema}.inventory_target_overview.zero_reason is 'Why the target is zero, if it is.';
comment on column ${schema}.inventory_target_overview.is_at_or_below_reorder_point is
'True when stock on hand (no open orders counted) is at or below the reorder point of a regular target.';
grant select on ${schema}.inventory_target_overview to ${ui_role};
