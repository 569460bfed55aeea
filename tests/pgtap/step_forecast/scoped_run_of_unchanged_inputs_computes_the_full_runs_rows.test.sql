begin;
select plan(5);

-- A closed day in the history and one in the horizon at store TF-S1: the weeks' open shares depend on the location's
-- calendar and weekday shares, which a scoped run reads from the forecast it rewrites.
select tests.forecast_world('2024-06-30');
insert into cw_000901.location_calendar_dates (location_id, calendar_date, is_closed, reason)
select locations.id, closed.calendar_date, true, 'stocktake'
from cw_000901.locations
cross join (values (date '2024-06-12'), (date '2024-07-10')) as closed (calendar_date)
where locations.erp_id = 'TF-S1';
call cw_000901.step_forecast('2024-06-30', null);
create temporary table tap_full as select * from fc_out_rows;
create temporary table tap_stored as
select rows.id, rows.xmin::text as row_version from cw_000901.demand_forecast_products as rows;

select is(
    (select array_agg(locations.erp_id || ':' || stored.closed_dates::text order by locations.erp_id)
     from cw_000901.demand_forecast_locations as stored
     inner join cw_000901.locations on locations.id = stored.location_id
     where locations.erp_id like 'TF-S%'),
    array['TF-S1:{2024-06-12,2024-07-10}', 'TF-S2:{}'],
    'the full run stores the calendar it used per location (the closed days of its history and horizon)'
);

-- Every product of the world, one scoped run each; each run's computed rows are kept for the comparison.
create temporary table tap_scoped as select * from tap_full where false;
call cw_000901.step_forecast('2024-06-30', '{"products": ["TF-STEADY"]}');
insert into tap_scoped select * from fc_out_rows;
call cw_000901.step_forecast('2024-06-30', '{"products": ["TF-LUMPY"]}');
insert into tap_scoped select * from fc_out_rows;
call cw_000901.step_forecast('2024-06-30', '{"products": ["TF-NEW"]}');
insert into tap_scoped select * from fc_out_rows;
call cw_000901.step_forecast('2024-06-30', '{"products": ["TF-DROP"]}');
insert into tap_scoped select * from fc_out_rows;
call cw_000901.step_forecast('2024-06-30', '{"products": ["TF-ONLINE"]}');
insert into tap_scoped select * from fc_out_rows;
call cw_000901.step_forecast('2024-06-30', '{"products": ["TF-DEAD"]}');
insert into tap_scoped select * from fc_out_rows;

select is(
    (select count(*)::integer from tap_scoped), (select count(*)::integer from tap_full),
    'the scoped runs compute as many rows as the full run'
);
-- Equal up to the order of floating-point sums (the scoped run aggregates fewer rows).
select is_empty(
    $$ select * from tests.forecast_scoped_mismatches() $$,
    'a scoped run of unchanged inputs computes the full run''s rows for its product (closed days included)'
);
select is_empty($$ select * from tests.forecast_rewritten_rows() $$, 'so none of the stored rows is rewritten');
select ok(
    (select not (metadata ? 'scoped_runs') from cw_000901.demand_forecasts),
    'and the forecast records no scoped rewrite'
);

select * from finish();
rollback;
