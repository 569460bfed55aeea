-- A scoped behaviours run measures only its products when the run date's snapshot has rows of other products to rank
-- them against. It asked with an exists, which the planner ran as a sequential scan for the first row: with the run
-- date's rows written last (they are: each night appends its date), it read every older snapshot date first (40,000
-- rows, 56 ms of a one-product pass at 10k products and 5 dates; a year of snapshots would be 3.6 M rows). It takes
-- the first other product of the (product_id, snapshot_date) key instead, and reads no row of an older date.
begin;
select plan(4);

-- 300 products SD1..SD300 at WEB, 30 days of demand; the full run of 10 May written.
select tests.behaviors_web_demand('SD', 300, 5, '2011-04-11', '2011-05-10');
call cw_000901.step_behaviors('2011-05-10', null);

-- Four older snapshot dates (6 .. 9 May: copies of 10 May's product rows; a fifth of the table is the run date's, as
-- at M with five dates, so that a sequential scan looks cheapest for a first row), then the table rewritten in date
-- order: 10 May's rows at the end of the heap, where a night's append puts them; analysed, as autovacuum would.
do $$
declare
    v_columns text;
begin
    select string_agg(quote_ident(columns.column_name), ', ' order by columns.ordinal_position) into v_columns
    from information_schema.columns
    where columns.table_schema = 'cw_000901' and columns.table_name = 'product_behaviors'
        and columns.column_name not in ('id', 'snapshot_date') and columns.is_generated = 'NEVER';
    execute format('insert into cw_000901.product_behaviors (snapshot_date, %s) '
                   'select day::date, %s from cw_000901.product_behaviors '
                   'cross join generate_series(date ''2011-05-06'', date ''2011-05-09'', interval ''1 day'') as day '
                   'where product_behaviors.snapshot_date = date ''2011-05-10''', v_columns, v_columns);
end
$$;
-- In date order, compact (no dead rows of the writes), as a table of appended nights is.
cluster cw_000901.product_behaviors using product_behaviors_snapshot_date_idx;
create temp table tap_day on commit drop as
select * from cw_000901.product_behaviors where snapshot_date = '2011-05-10';
analyze cw_000901.product_behaviors;

select ok((select min(ctid) from cw_000901.product_behaviors where snapshot_date = '2011-05-10')
          > (select max(ctid) from cw_000901.product_behaviors where snapshot_date < '2011-05-10'),
          'the run date''s rows come after the 1,200 rows of the older dates in the heap');

-- The scoped run of SD1: the rows of product_behaviors it read by sequential scans (this transaction's counters).
create temp table tap_reads on commit drop as
select 'before' as moment, pg_stat_get_xact_tuples_returned('cw_000901.product_behaviors'::regclass) as seq_rows;
call cw_000901.step_behaviors('2011-05-10', '{"products": ["SD1"]}');
insert into tap_reads
select 'after', pg_stat_get_xact_tuples_returned('cw_000901.product_behaviors'::regclass);

select is((select after.seq_rows - before.seq_rows
           from tap_reads as before
           cross join tap_reads as after
           where before.moment = 'before' and after.moment = 'after'),
          0::bigint,
          'the scoped run reads no row of product_behaviors by a sequential scan (no older snapshot date)');
select is((select array_agg(distinct products.erp_id)
           from behavior_stats as stats
           inner join cw_000901.products on products.id = stats.product_id),
          array['SD1'],
          'it measured SD1 alone (the snapshot has other products to rank it against)');
select is_empty($$
    (select * from cw_000901.product_behaviors where snapshot_date = '2011-05-10' except all select * from tap_day)
    union all
    (select * from tap_day except all select * from cw_000901.product_behaviors where snapshot_date = '2011-05-10')
$$, 'the snapshot''s product rows are the full run''s (SD1 rewritten as it was, the others untouched)');

select * from finish();
rollback;
