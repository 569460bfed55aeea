-- A nightly run sums again, from their whole window, the products whose older days changed (behavior_changed_pairs).
-- When that is more than half of the products, one read of the window by date is cheaper than the per-product probes:
-- the run rebuilds the sums instead, with the same result.
begin;
select plan(5);

-- 10 products RB1..RB10 with demand at WEB from 1 to 9 May (product id mod 4 a day), each computed on its day.
select tests.behaviors_web_demand('RB', 10, 4, '2011-05-01', '2011-05-09');
delete from cw_000901.behavior_window_state;
call cw_000901.behaviors_window_sums('2011-05-09', cw_000901.settings('behaviors'), null);

-- Day 10 arrives, and step 5 corrects day 5 of two products (20 %): the night stays incremental.
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, is_in_stock,
                                      is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select products.id, locations.id, date '2011-05-10', 2, 2, true, false, 2, 1, date '2011-05-10'
from cw_000901.products cross join cw_000901.locations
where locations.erp_id = 'WEB' and products.erp_id like 'RB%';
update cw_000901.demand_history set quantity = quantity + 1, demand_qty = demand_qty + 1
where demand_date = '2011-05-05'
    and product_id in (select products.id from cw_000901.products where products.erp_id in ('RB1', 'RB2'));
insert into cw_000901.behavior_changed_pairs (product_id, location_id)
select history.product_id, history.location_id from cw_000901.demand_history as history
where history.demand_date = '2011-05-05'
    and history.product_id in (select products.id from cw_000901.products where products.erp_id in ('RB1', 'RB2'));
call cw_000901.behaviors_window_sums('2011-05-10', cw_000901.settings('behaviors'), null);
select is(current_setting('cw.behavior_window_sums_mode'), 'incremental', 'two products of ten: incremental');
create temp table sums_incremental on commit drop as select * from cw_000901.behavior_window_sums;

-- Day 11 arrives, and step 5 corrects day 6 of six products (60 %): the night rebuilds.
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, is_in_stock,
                                      is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select products.id, locations.id, date '2011-05-11', 3, 3, true, false, 3, 1, date '2011-05-11'
from cw_000901.products cross join cw_000901.locations
where locations.erp_id = 'WEB' and products.erp_id like 'RB%';
update cw_000901.demand_history set quantity = quantity + 1, demand_qty = demand_qty + 1
where demand_date = '2011-05-06' and product_id in (
    select products.id from cw_000901.products where products.erp_id in ('RB1', 'RB2', 'RB3', 'RB4', 'RB5', 'RB6')
);
insert into cw_000901.behavior_changed_pairs (product_id, location_id)
select history.product_id, history.location_id from cw_000901.demand_history as history
where history.demand_date = '2011-05-06' and history.product_id in (
    select products.id from cw_000901.products where products.erp_id in ('RB1', 'RB2', 'RB3', 'RB4', 'RB5', 'RB6')
);
call cw_000901.behaviors_window_sums('2011-05-11', cw_000901.settings('behaviors'), null);
select is(current_setting('cw.behavior_window_sums_mode'), 'rebuild', 'six products of ten: rebuild');
select is((select count(*)::integer from cw_000901.behavior_changed_pairs), 0, 'the change log is consumed');
create temp table sums_night on commit drop as select * from cw_000901.behavior_window_sums;

-- Both nights equal a rebuild from demand_history.
delete from cw_000901.behavior_window_state;
call cw_000901.behaviors_window_sums('2011-05-11', cw_000901.settings('behaviors'), null);
select set_eq('select * from sums_night', 'select * from cw_000901.behavior_window_sums',
              'the night''s sums equal a rebuild');
delete from cw_000901.behavior_window_state;
select set_config('cw.demand_history_writer', 'step', true);
delete from cw_000901.demand_history where demand_date = '2011-05-11';
update cw_000901.demand_history set quantity = quantity - 1, demand_qty = demand_qty - 1
where demand_date = '2011-05-06' and product_id in (
    select products.id from cw_000901.products where products.erp_id in ('RB1', 'RB2', 'RB3', 'RB4', 'RB5', 'RB6')
);
call cw_000901.behaviors_window_sums('2011-05-10', cw_000901.settings('behaviors'), null);
select set_eq('select * from sums_incremental', 'select * from cw_000901.behavior_window_sums',
              'the incremental night''s sums equal a rebuild');

select * from finish();
rollback;
