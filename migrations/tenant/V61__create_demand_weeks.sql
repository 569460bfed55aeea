-- Issue 12 point 6: a weekly aggregate of demand_history per product x location x ISO week, so that step forecast
-- and the demand-profile vectors read one row per pair and week instead of seven daily rows. Kept exact by statement
-- triggers on demand_history (demand_weeks_capture, R__0608), which also fills it from the history already computed
-- when the table is empty and the history is not (the first migrate after this one).
-- Layout and use: docs/demand.md "Weekly aggregate", docs/forecast.md.

create table ${schema}.demand_weeks (
    product_id integer not null,
    location_id integer not null,
    week_start date not null,
    listed_mask smallint not null,
    demand_qty_cum numeric [] not null,
    sold_revenue_cum numeric [] not null,
    sold_qty_cum numeric [] not null,
    changed_at timestamptz not null,
    refreshed_at timestamptz not null default clock_timestamp(),
    constraint demand_weeks_pkey primary key (product_id, location_id, week_start),
    constraint demand_weeks_monday_check check ((week_start - date '1900-01-01') % 7 = 0),
    constraint demand_weeks_listed_mask_check check (listed_mask between 1 and 127),
    constraint demand_weeks_arrays_check check (
        cardinality(demand_qty_cum) = 7 and cardinality(sold_revenue_cum) = 7 and cardinality(sold_qty_cum) = 7
    )
);
comment on table ${schema}.demand_weeks is
'demand_history summed per product x location x ISO week (Monday .. Sunday), one row per pair and week with at least '
'one daily row: which days the pair was listed, and running sums of demand, sold revenue and sold units from Monday, '
'so that any 7-day week ending on any weekday is the sum of two rows (days 1..d of one week, d+1..7 of the week '
'before). Read by step forecast (weekly buckets, weekday profiles, input watermark) and the demand-profile vectors '
'instead of the daily rows. Kept exact by statement triggers on demand_history (demand_weeks_capture): every write, '
'by step demand_history or anyone else, recomputes the weeks it touched; demand_weeks_rebuild() recomputes all.';
comment on column ${schema}.demand_weeks.product_id is 'The product (products.id), as in demand_history.';
comment on column ${schema}.demand_weeks.location_id is 'The store or webshop (locations.id), as in demand_history.';
comment on column ${schema}.demand_weeks.week_start is 'Monday of the ISO week.';
comment on column ${schema}.demand_weeks.listed_mask is
'Days of the week with a demand_history row (the pair listed): bit 7 - ISO weekday, i.e. 64 = Monday .. 1 = Sunday '
'(bit k: the day k days before the Sunday).';
comment on column ${schema}.demand_weeks.demand_qty_cum is
'Running sum of demand_history.demand_qty from Monday: element k = Monday .. ISO weekday k (element 7 = the week). '
'A day without a row counts 0.';
comment on column ${schema}.demand_weeks.sold_revenue_cum is
'Running sum from Monday of revenue + returned_revenue on the days with units sold (quantity > 0): with '
'sold_qty_cum the realized selling price of any range of days (promotions).';
comment on column ${schema}.demand_weeks.sold_qty_cum is
'Running sum from Monday of demand_history.quantity (units sold; days without sales add 0).';
comment on column ${schema}.demand_weeks.changed_at is 'Latest demand_history.updated_at of the week''s rows.';
comment on column ${schema}.demand_weeks.refreshed_at is 'When this row was last written.';
