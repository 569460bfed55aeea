-- A nightly run writes a new snapshot date, then removes the rows of that date that are not in the measured set
-- (behaviors_write: an anti join against the temporary behavior_stats). The planner knows nothing of a new date (~1
-- row) nor of an unanalyzed temporary table (~13 rows), and chose a nested loop that scanned behavior_stats once per
-- snapshot row: quadratic in the pairs (61 s of a 75 s night at 7,591 pairs). behaviors_measure now gives the table
-- its key and statistics; the removal still deletes exactly the rows that no longer apply.
begin;
select plan(5);

-- 300 products QS1..QS300 with demand at WEB from 6 to 10 May (product id mod 5 a day), all computed on 10 May.
select tests.behaviors_web_demand('QS', 300, 5, '2011-05-06', '2011-05-10', '2011-05-10');

call cw_000901.behaviors_measure('2011-05-10', cw_000901.settings('behaviors'), null);
call cw_000901.behaviors_write('2011-05-10', 90, null, null, null);
select is((select count(*)::integer from cw_000901.product_location_behaviors where snapshot_date = '2011-05-10'),
          300, 'the new snapshot has a row per pair');

select ok(exists(select from pg_indexes
                 where pg_indexes.tablename = 'behavior_stats' and pg_indexes.schemaname like 'pg_temp%'
                     and pg_indexes.indexdef like '%(product_id, location_id)%'),
          'behavior_stats has a (product_id, location_id) key for the removal''s anti join');
select is((select pg_class.reltuples::integer from pg_class where pg_class.oid = 'pg_temp.behavior_stats'::regclass),
          (select count(*)::integer from behavior_stats), 'behavior_stats is analyzed');

-- The removal's anti join, as behaviors_write runs it against a snapshot the planner has no statistics of: never a
-- nested loop over a sequential scan of behavior_stats.
create function pg_temp.removal_plan() returns jsonb language plpgsql as $$
declare
    v_plan jsonb;
begin
    execute 'explain (format json) select from cw_000901.product_location_behaviors as behaviors
             where behaviors.snapshot_date = date ''2011-05-10''
                 and not exists (select from behavior_stats as stats
                                 where stats.level = ''pair'' and stats.is_merchandise
                                     and stats.product_id = behaviors.product_id
                                     and stats.location_id = behaviors.location_id)' into v_plan;
    return v_plan;
end
$$;
select ok(not jsonb_path_exists(pg_temp.removal_plan(),
                                '$.** ? (@."Node Type" == "Nested Loop" && @.Plans[1]."Node Type" == "Seq Scan"
                                         && @.Plans[1]."Relation Name" == "behavior_stats")'),
          'the removal does not scan behavior_stats once per snapshot row');

-- A product without demand any more loses its row of the date on a re-run; the others keep theirs. (Written as a
-- DBA would: the guard drops the window state, so the re-run sums the window again.)
select set_config('cw.demand_history_writer', '', true);
delete from cw_000901.demand_history
where product_id = (select products.id from cw_000901.products where products.erp_id = 'QS7');
call cw_000901.behaviors_measure('2011-05-10', cw_000901.settings('behaviors'), null);
call cw_000901.behaviors_write('2011-05-10', 90, null, null, null);
select is((select string_agg(products.erp_id, ',') from cw_000901.products
           where products.erp_id like 'QS%' and not exists (
               select from cw_000901.product_location_behaviors as behaviors
               where behaviors.product_id = products.id and behaviors.snapshot_date = '2011-05-10')),
          'QS7', 'a re-run removes exactly the pair without demand');

select * from finish();
rollback;
