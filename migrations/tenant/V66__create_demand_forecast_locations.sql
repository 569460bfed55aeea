-- Issue 12 point 6: what a full forecast used of each location (its trading calendar over the history and the
-- horizon, and the weekday shares of its normal week), so that a scoped re-forecast reads them instead of computing
-- the calendar again, and writes exactly the rows the full run wrote for unchanged inputs (docs/forecast.md "Re-runs,
-- scope, retention").

create table ${schema}.demand_forecast_locations (
    demand_forecast_id bigint not null,
    location_id integer not null,
    calendar_from date not null,
    calendar_to date not null,
    closed_dates date [] not null,
    weekday_shares float8 [] not null,
    constraint demand_forecast_locations_pkey primary key (demand_forecast_id, location_id),
    constraint demand_forecast_locations_demand_forecast_id_fkey foreign key (demand_forecast_id)
    references ${schema}.demand_forecasts (id) on delete cascade,
    constraint demand_forecast_location_calendar_check check (calendar_to >= calendar_from),
    constraint demand_forecast_location_weekday_check check (cardinality(weekday_shares) = 7)
);
comment on table ${schema}.demand_forecast_locations is
'Per full forecast and location, what the forecast used of the location: its trading calendar from the history '
'window''s first day to the horizon''s last (the closed days) and the weekday shares of its normal week. A scoped '
're-forecast of the date reads them (with the pools, demand_forecast_pools) instead of computing the calendar again, '
'so that its rows equal the full run''s for unchanged inputs. Deleted with the forecast.';
comment on column ${schema}.demand_forecast_locations.demand_forecast_id is 'The forecast (demand_forecasts).';
comment on column ${schema}.demand_forecast_locations.location_id is 'The store, webshop or other location.';
comment on column ${schema}.demand_forecast_locations.calendar_from is
'First day of the calendar the forecast used: the history window''s first day.';
comment on column ${schema}.demand_forecast_locations.calendar_to is
'Last day of the calendar the forecast used: the last day of the last horizon week.';
comment on column ${schema}.demand_forecast_locations.closed_dates is
'Days from calendar_from to calendar_to on which the location did not trade (trading_calendar: configured dates, '
'public holidays it observes, closed weekdays, before opening or after closing), in date order.';
comment on column ${schema}.demand_forecast_locations.weekday_shares is
'Share of the location''s demand on each weekday (Monday first) over the last 26 weeks of every product, 1/7 each '
'without demand: how much of a normal week a day is (a closed day''s week loses its share).';
comment on constraint demand_forecast_location_calendar_check on ${schema}.demand_forecast_locations is
'The calendar covers at least one day.';
comment on constraint demand_forecast_location_weekday_check on ${schema}.demand_forecast_locations is
'One share per ISO weekday, Monday first.';

grant select on ${schema}.demand_forecast_locations to ${ui_role};
