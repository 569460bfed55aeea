-- A scoped behaviours run counts n_stores (the product's locations with a demand_history row on the run date) with
-- one probe of the (product_id, location_id, demand_date) key per pair. The days loaded since demand_history's last
-- analyze are estimated at one row (at M-scale about ten nights stay under autovacuum's threshold), and with the plain
-- equality on the date the planner read the whole day through the date index and hashed it (196k rows at 10k x 50,
-- 210-250 ms of a one-product run), or scanned the day once per pair (3.3 s; docs/benchmarks.md "scoped16b"). The
-- scoped run writes the date as a one-key range that only the key can take: it reads no row of the day but its own,
-- and its figures stay the full run's.
begin;
select plan(4);

-- 300 products QS1..QS300 at WEB from 6 to 9 May, analysed; then 10 May loaded after the analyze (QS2 without a row
-- that day), autovacuum off for the table so that nothing refreshes the statistics during the test.
select tests.behaviors_web_demand('QS', 300, 5, '2011-05-06', '2011-05-09', '2011-05-10');
alter table cw_000901.demand_history set (autovacuum_enabled = false);
analyze cw_000901.demand_history;
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, is_in_stock,
                                      is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select products.id, locations.id, date '2011-05-10', products.id % 5, products.id % 5, true, false, products.id % 5,
       1, date '2011-05-10'
from cw_000901.products
cross join cw_000901.locations
where locations.erp_id = 'WEB' and products.erp_id like 'QS%' and products.erp_id <> 'QS2';

select ok((select coalesce(bool_and(not ('2011-05-10' = any (pg_stats.histogram_bounds::text::date []))
                                    and not ('2011-05-10' = any (pg_stats.most_common_vals::text::date []))), true)
           from pg_stats
           where pg_stats.schemaname = 'cw_000901' and pg_stats.tablename = 'demand_history'
               and pg_stats.attname = 'demand_date'),
          'demand_history''s statistics do not know the run date (a production table between analyzes)');

-- The full run of the date, written; its measured rows kept for the comparison.
call cw_000901.behaviors_measure('2011-05-10', cw_000901.settings('behaviors'), null);
create temp table tap_full on commit drop as
select * from behavior_stats where product_id in (select id from cw_000901.products where erp_id in ('QS1', 'QS2'));
call cw_000901.behaviors_write('2011-05-10', 90, null, null, null);

-- The scoped run of QS1 and QS2: how many rows of demand_history it read through the date index or a sequential scan
-- (pg_stat's counters of this transaction, before and after).
create temp table tap_reads on commit drop as
select 'before' as moment,
       pg_stat_get_xact_tuples_returned('cw_000901.demand_history_demand_date_idx'::regclass) as date_index_rows,
       pg_stat_get_xact_tuples_returned('cw_000901.demand_history'::regclass) as seq_rows;
select array_agg(id order by id) as ids from cw_000901.products where erp_id in ('QS1', 'QS2') \gset
call cw_000901.behaviors_measure('2011-05-10', cw_000901.settings('behaviors'), :'ids'::integer []);
insert into tap_reads
select 'after', pg_stat_get_xact_tuples_returned('cw_000901.demand_history_demand_date_idx'::regclass),
       pg_stat_get_xact_tuples_returned('cw_000901.demand_history'::regclass);

select is((select after.date_index_rows - before.date_index_rows + after.seq_rows - before.seq_rows
           from tap_reads as before
           cross join tap_reads as after
           where before.moment = 'before' and after.moment = 'after'),
          0::bigint,
          'the scoped run reads no other product''s rows of the run date (n_stores probes the key per pair)');

select is((select array_agg(products.erp_id || ':' || stats.n_stores order by products.erp_id)
           from behavior_stats as stats
           inner join cw_000901.products on products.id = stats.product_id
           where stats.level = 'product'),
          array['QS1:1', 'QS2:0'],
          'n_stores counts the locations with a row on the run date (QS2 has none)');
select is_empty($$
    (select * from behavior_stats except all select * from tap_full)
    union all
    (select * from tap_full except all select * from behavior_stats)
$$, 'the scoped run measures QS1 and QS2 as the full run did (every column, both ways)');

select * from finish();
rollback;
