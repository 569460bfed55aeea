-- behaviors_measure builds behavior_stats from the temporary window sums (behavior_sums) with a per-product aggregate
-- (location count, n_stores). Without statistics on behavior_sums the planner guessed a few hundred rows, nested that
-- aggregate under the measured rows and ran it again for each of them: quadratic in the pairs (374-517 s instead of
-- ~30 s for a full run at 1,000 x 20 x 730, docs/benchmarks.md "fc12"). behaviors_measure analyses the sums first;
-- the measures it builds stay the same.
begin;
select plan(3);

-- 300 products QS1..QS300 with demand at WEB from 6 to 10 May (product id mod 5 a day), all computed on 10 May.
select tests.behaviors_web_demand('QS', 300, 5, '2011-05-06', '2011-05-10', '2011-05-10');

call cw_000901.behaviors_measure('2011-05-10', cw_000901.settings('behaviors'), null);

select is((select pg_class.reltuples::integer from pg_class where pg_class.oid = 'pg_temp.behavior_sums'::regclass),
          (select count(*)::integer from behavior_sums),
          'behavior_sums is analysed (its row count known to the planner) before behavior_stats is built');
select ok(exists(select from pg_stats where pg_stats.tablename = 'behavior_sums'
                     and pg_stats.schemaname like 'pg_temp%' and pg_stats.attname = 'product_id'),
          'behavior_sums has column statistics (the distinct products the aggregate groups by)');

-- The per-product figures equal a count over the sums: one location per product at WEB, and n_stores counts the
-- pairs with a daily row on the run date.
select is((select count(*)::integer from behavior_stats as stats
           where stats.level = 'product'
               and (stats.location_count <> 1
                    or stats.n_stores <> (select count(*) from cw_000901.demand_history as history
                                          where history.product_id = stats.product_id
                                              and history.demand_date = '2011-05-10'))),
          0, 'every product''s location count and n_stores equal a direct count');

select * from finish();
rollback;
