-- synthetic step-6 world in cw_900313: :P products x :L stores x 90 days (bulkscope micro-bench)
\set ON_ERROR_STOP 1
insert into cw_900313.locations (erp_id, name, location_type, echelon, country_id, erp_status, first_seen_date, row_hash)
select 'BL' || n, 'Store BL' || n, 'store', 1, countries.id, 'active', date '2011-01-01', gen_random_uuid()
from generate_series(1, :L) as n cross join (select id from cw_global.countries where code = 'GB') as countries;
insert into cw_900313.products (erp_id, name, erp_currency_id, erp_status, first_seen_date, row_hash)
select 'BP' || lpad(n::text, 6, '0'), 'Product BP' || n, currencies.id, 'active', date '2011-01-01', gen_random_uuid()
from generate_series(1, :P) as n cross join (select id from cw_global.currencies where code = 'GBP') as currencies;
select set_config('cw.demand_history_writer', 'step', false);
set session_replication_role = replica;
insert into cw_900313.demand_history (product_id, location_id, demand_date, quantity, revenue, is_in_stock,
                                      is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select p.id, l.id, day::date, q, q * (1 + p.id % 17), true, false, q, 1, date '2025-06-08'
from (select id from cw_900313.products where erp_id like 'BP%') as p
cross join (select id from cw_900313.locations where erp_id like 'BL%') as l
cross join generate_series(date '2025-03-11', date '2025-06-08', interval '1 day') as day
cross join lateral (select ((p.id * 7 + l.id * 13 + (day::date - date '2025-01-01') * 3) % 11)::numeric as q) as qq;
reset session_replication_role;
vacuum analyze cw_900313.demand_history;
begin;
call cw_900313.behaviors_measure('2025-06-08', cw_900313.settings('behaviors'), null);
call cw_900313.behaviors_write('2025-06-08', 90, null, null, null);
commit;
vacuum analyze cw_900313.product_location_behaviors, cw_900313.product_behaviors;
select count(*) as pairs from cw_900313.product_location_behaviors where snapshot_date = '2025-06-08';
