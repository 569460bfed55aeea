-- Step 6's window sums follow demand_history only through step 5's change log: any other writer drops the window
-- state, so the next behaviors run rebuilds the sums instead of moving sums that no longer match.
begin;
select plan(3);

insert into cw_000901.behavior_window_state (window_end, settings) values ('2011-05-10', '{"window_days": 90}');
select tests.calendar_web_shop();
insert into cw_000901.products (erp_id, name, erp_currency_id, erp_status, first_seen_date, row_hash)
select 'P1', 'Product P1', currencies.id, 'active', date '2011-01-01', gen_random_uuid()
from cw_global.currencies where currencies.code = 'GBP';

select set_config('cw.demand_history_writer', 'step', true);
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, is_in_stock,
                                      is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select products.id, locations.id, date '2011-05-10', 1, 1, true, false, 1, 1, date '2011-05-10'
from cw_000901.products cross join cw_000901.locations;
select is((select count(*)::integer from cw_000901.behavior_window_state), 1,
          'a write by step demand_history keeps the window state');

select set_config('cw.demand_history_writer', '', true);
update cw_000901.demand_history set quantity = 2, demand_qty = 2;
select is((select count(*)::integer from cw_000901.behavior_window_state), 0,
          'a write outside step demand_history drops the window state');

call cw_000901.behaviors_window_sums('2011-05-10', cw_000901.settings('behaviors'), null);
select is(current_setting('cw.behavior_window_sums_mode'), 'rebuild', 'the next behaviors run rebuilds the sums');

select * from finish();
rollback;
