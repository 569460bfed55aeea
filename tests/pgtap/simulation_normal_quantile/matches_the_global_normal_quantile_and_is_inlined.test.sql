begin;
select plan(4);

-- The simulation's inverse normal is the same approximation as cw_global.normal_quantile, written to be inlined:
-- the same values over the centre and both tails (the branches switch at 0.02425 and 0.97575).
select cmp_ok((select max(abs(cw_000901.simulation_normal_quantile(probabilities.p)
                          - cw_global.normal_quantile(probabilities.p)))
           from (select (draws.i + 0.5) / 4000 as p from generate_series(0, 3999) as draws (i)
                 union all select 1e-12 * 10 ^ exponents.e from generate_series(0, 11) as exponents (e)
                 union all select 1 - 1e-9 * 10 ^ exponents.e from generate_series(0, 7) as exponents (e))
               as probabilities),
              '<', 1e-10::float8,
              'simulation_normal_quantile equals cw_global.normal_quantile (to 1e-10) in the centre and both tails');
select ok(abs(cw_000901.simulation_normal_quantile(0.975) - 1.959964) < 1e-6, 'Phi^-1(0.975) = 1.959964');
select is(array[cw_000901.simulation_normal_quantile(0), cw_000901.simulation_normal_quantile(1),
                cw_000901.simulation_normal_quantile(null)],
          array[null, null, null]::float8 [], 'null outside (0, 1)');
-- Inlined into a query: the plan shows its expression, not a call (cw_global.normal_quantile, with a sub-select per
-- branch, cost about 17 x as much a call in the simulation's day statements).
create temporary table quantile_plan (line text);
do $$
declare
    v_line text;
begin
    for v_line in execute 'explain verbose select cw_000901.simulation_normal_quantile(draws.i / 100.0) '
                          'from generate_series(1, 99) as draws (i)' loop
        insert into quantile_plan values (v_line);
    end loop;
end
$$;
select is((select count(*)::integer from quantile_plan where line like '%simulation_normal_quantile%'), 0,
          'the planner inlines simulation_normal_quantile (no function call left in the plan)');

select * from finish();
rollback;
