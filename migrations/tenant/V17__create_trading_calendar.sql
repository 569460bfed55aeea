-- Trading calendar per location: the weekdays a location does not trade on (learned from its sales, or set by the
-- UI), whether it closes on public holidays (learned or set by the UI), closed and exceptionally open dates (set by
-- the UI or a DBA), and the public holidays of its country
-- (cw_global.public_holidays). trading_calendar(from, to) combines them; the gate, the demand history and the
-- forecast ask it, not these tables.

create table ${schema}.location_weekday_closures (
    location_id integer not null,
    isodow smallint not null,
    is_learned_closed boolean not null default false,
    sales_days integer not null default 0,
    weeks_observed integer not null default 0,
    learned_from date,
    learned_to date,
    is_closed_override boolean,
    override_reason text,
    updated_at timestamptz not null default now(),
    constraint location_weekday_closures_pkey primary key (location_id, isodow),
    constraint location_weekday_closures_location_id_fkey foreign key (location_id)
    references ${schema}.locations (id),
    constraint location_weekday_closure_isodow_check check (isodow between 1 and 7),
    constraint location_weekday_closure_counts_check check (sales_days >= 0 and weeks_observed >= 0),
    constraint location_weekday_closure_override_reason_check check (
        is_closed_override is null or coalesce(override_reason, '') != ''
    )
);
comment on table ${schema}.location_weekday_closures is
'One row per location and ISO weekday (1 Monday ... 7 Sunday): whether the location is closed that weekday, learned '
'from its sales (learn_trading_weekdays, run by the quality gate) and optionally overridden by the UI. The location '
'is closed on the weekday when coalesce(is_closed_override, is_learned_closed). Read it through trading_calendar().';
comment on column ${schema}.location_weekday_closures.location_id is 'The location (locations.id).';
comment on column ${schema}.location_weekday_closures.isodow is 'ISO weekday: 1 Monday ... 7 Sunday.';
comment on column ${schema}.location_weekday_closures.is_learned_closed is
'Pipeline: true when the location sold on other weekdays of the learning window but never on this one, over at '
'least calendar.learning_min_weeks occurrences of it.';
comment on column ${schema}.location_weekday_closures.sales_days is
'Pipeline: days of this weekday with at least one sale at the location in the learning window.';
comment on column ${schema}.location_weekday_closures.weeks_observed is
'Pipeline: occurrences of this weekday in the learning window since the location''s first sale in it.';
comment on column ${schema}.location_weekday_closures.learned_from is 'Pipeline: first day of the learning window.';
comment on column ${schema}.location_weekday_closures.learned_to is 'Pipeline: last day of the learning window.';
comment on column ${schema}.location_weekday_closures.is_closed_override is
'UI: true closes the location on this weekday, false opens it, whatever was learned; null follows the learning.';
comment on column ${schema}.location_weekday_closures.override_reason is
'UI: why the weekday was overridden (required with an override); shown as the reason of a closure.';
comment on column ${schema}.location_weekday_closures.updated_at is 'When the row was last learned or overridden.';

create table ${schema}.location_holiday_observance (
    location_id integer not null,
    holidays_in_window integer not null default 0,
    holidays_with_sales integer not null default 0,
    is_learned_trading boolean not null default false,
    learned_from date,
    learned_to date,
    is_trading_override boolean,
    override_reason text,
    updated_at timestamptz not null default now(),
    constraint location_holiday_observance_pkey primary key (location_id),
    constraint location_holiday_observance_location_id_fkey foreign key (location_id)
    references ${schema}.locations (id),
    constraint location_holiday_observance_counts_check check (
        holidays_with_sales between 0 and holidays_in_window
    ),
    constraint location_holiday_observance_override_reason_check check (
        is_trading_override is null or coalesce(override_reason, '') != ''
    )
);
comment on table ${schema}.location_holiday_observance is
'Whether a location closes on the public holidays of its country, per location with sales history (a location '
'without a row is not judged by holidays yet): learned from its sales (it trades on holidays when it sold on one in '
'the learning window) and optionally overridden by the UI. Read it through trading_calendar().';
comment on column ${schema}.location_holiday_observance.location_id is 'The location (locations.id).';
comment on column ${schema}.location_holiday_observance.holidays_in_window is
'Pipeline: public holidays of the location''s country in the learning window since its first sale in it.';
comment on column ${schema}.location_holiday_observance.holidays_with_sales is
'Pipeline: those of the holidays on which the location sold.';
comment on column ${schema}.location_holiday_observance.is_learned_trading is
'Pipeline: true when the location sold on a public holiday in the window: it is not closed on holidays.';
comment on column ${schema}.location_holiday_observance.learned_from is 'Pipeline: first day of the learning window.';
comment on column ${schema}.location_holiday_observance.learned_to is 'Pipeline: last day of the learning window.';
comment on column ${schema}.location_holiday_observance.is_trading_override is
'UI: true opens the location on public holidays, false closes it, whatever was learned; null follows the learning.';
comment on column ${schema}.location_holiday_observance.override_reason is
'UI: why (required with an override).';
comment on column ${schema}.location_holiday_observance.updated_at is 'When the row was last learned or overridden.';

create table ${schema}.location_calendar_dates (
    id bigint generated always as identity,
    location_id integer,
    calendar_date date not null,
    is_closed boolean not null default true,
    reason text not null,
    created_by text not null default current_user,
    created_at timestamptz not null default now(),
    constraint location_calendar_dates_pkey primary key (id),
    constraint location_calendar_dates_location_id_fkey foreign key (location_id)
    references ${schema}.locations (id),
    constraint location_calendar_date_reason_check check (reason != '')
);
-- One row per location (or all locations) and day.
create unique index location_calendar_dates_location_date_key
on ${schema}.location_calendar_dates (coalesce(location_id, 0), calendar_date);
comment on table ${schema}.location_calendar_dates is
'Configured exceptions of the trading calendar, set by the UI or a DBA: a date a location is closed (stocktaking, '
'renovation, a local holiday) or, with is_closed false, open although its weekday or a public holiday says closed. '
'A row without location applies to every location; a location''s own row wins over it.';
comment on column ${schema}.location_calendar_dates.location_id is
'The location (locations.id); null for every location of the client.';
comment on column ${schema}.location_calendar_dates.calendar_date is 'The day.';
comment on column ${schema}.location_calendar_dates.is_closed is
'True: closed that day; false: open that day despite a weekly closure or a public holiday.';
comment on column ${schema}.location_calendar_dates.reason is 'Why, shown as the reason of a closure.';
comment on column ${schema}.location_calendar_dates.created_by is 'Database role that entered the row.';
comment on column ${schema}.location_calendar_dates.created_at is 'When the row was entered.';

insert into ${schema}.field_ownership (table_name, column_name, owner)
values
('location_weekday_closures', 'location_id', 'pipeline'),
('location_weekday_closures', 'isodow', 'pipeline'),
('location_weekday_closures', 'is_learned_closed', 'pipeline'),
('location_weekday_closures', 'sales_days', 'pipeline'),
('location_weekday_closures', 'weeks_observed', 'pipeline'),
('location_weekday_closures', 'learned_from', 'pipeline'),
('location_weekday_closures', 'learned_to', 'pipeline'),
('location_weekday_closures', 'is_closed_override', 'ui'),
('location_weekday_closures', 'override_reason', 'ui'),
('location_weekday_closures', 'updated_at', 'pipeline'),
('location_holiday_observance', 'location_id', 'pipeline'),
('location_holiday_observance', 'holidays_in_window', 'pipeline'),
('location_holiday_observance', 'holidays_with_sales', 'pipeline'),
('location_holiday_observance', 'is_learned_trading', 'pipeline'),
('location_holiday_observance', 'learned_from', 'pipeline'),
('location_holiday_observance', 'learned_to', 'pipeline'),
('location_holiday_observance', 'is_trading_override', 'ui'),
('location_holiday_observance', 'override_reason', 'ui'),
('location_holiday_observance', 'updated_at', 'pipeline');

grant select on ${schema}.location_weekday_closures, ${schema}.location_holiday_observance,
${schema}.location_calendar_dates to ${ui_role};
grant update (is_trading_override, override_reason) on ${schema}.location_holiday_observance to ${ui_role};
grant update (is_closed_override, override_reason) on ${schema}.location_weekday_closures to ${ui_role};
-- Configured dates are entered and removed as a whole (a correction is a delete and an insert).
grant insert (location_id, calendar_date, is_closed, reason), delete on ${schema}.location_calendar_dates
to ${ui_role};
