begin;
select plan(4);

-- A forecast a day from 2024-05-01 to 2024-06-30: 61 daily partitions.
insert into cw_000901.demand_forecasts (forecast_date, demand_forecast_status_id, metadata, created_at)
select day::date, 3, '{}', day
from generate_series(date '2024-05-01', date '2024-06-30', interval '1 day') as day;
do $$
declare
    v_day date;
begin
    for v_day in select generate_series(date '2024-05-01', date '2024-06-30', interval '1 day')::date loop
        call cw_000901.forecast_ensure_partition(v_day);
    end loop;
end
$$;
create temporary view tap_partitions as
select to_date(right(child.relname::text, 8), 'YYYYMMDD') as day
from pg_inherits
inner join pg_class as child on child.oid = pg_inherits.inhrelid
where pg_inherits.inhparent = 'cw_000901.demand_forecast_products'::regclass;

select is((select count(*)::integer from tap_partitions), 61, 'one partition per forecast date');
do $$ declare v_dropped date []; begin call cw_000901.forecast_drop_expired('2024-06-30', 14, 4, v_dropped); end $$;
select results_eq(
    $$ select day from tap_partitions order by day $$,
    $$ values (date '2024-06-03'), (date '2024-06-10'), (date '2024-06-17'), (date '2024-06-18'), (date '2024-06-19'), (date '2024-06-20'), (date '2024-06-21'),
              (date '2024-06-22'), (date '2024-06-23'), (date '2024-06-24'), (date '2024-06-25'), (date '2024-06-26'), (date '2024-06-27'), (date '2024-06-28'),
              (date '2024-06-29'), (date '2024-06-30') $$,
    'the last 14 days are kept, before them the first date of each ISO week of the last 4 weeks, the rest dropped'
);
select is(
    (select count(*)::integer from cw_000901.demand_forecasts), 16,
    'the headers of dropped dates go with their partitions'
);
select is(
    (select count(*)::integer from pg_inherits
     where inhparent = 'cw_000901.demand_forecast_series'::regclass), 16,
    'the series diagnostics are dropped with the same dates'
);

select * from finish();
rollback;
