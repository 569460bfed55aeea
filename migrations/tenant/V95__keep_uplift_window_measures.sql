-- Step 13 (uplift), issue 15 point 4 (up15c): the sums a measurement read over one unit window are kept, so that a
-- re-measure reads only the windows it has not read yet. Most re-measures of an ordinary night are a target whose
-- control set changed (a control's later episode turned out followed inside the comparison: it drops out, the next
-- nearest comes in); before, each re-read the target's and all its up to max_controls controls' windows from
-- demand_history and inventory_daily. A kept window is forgotten when its evidence changes (the same queue as the
-- measurements: uplift_evidence_changes), on a full re-measure, and episode_max_days + respect_window_days after it
-- was read. docs/uplift.md "Cost: measure once, re-measure on changed evidence".
create table ${schema}.uplift_window_measures (
    side text not null,
    product_id integer not null,
    location_id integer not null,
    from_location_id integer,
    target_stock numeric,
    start_date date not null,
    end_date date not null,
    revenue numeric,
    sold_qty numeric,
    demand_qty numeric,
    listed_days bigint,
    stockout_days bigint,
    lost_margin numeric,
    stock_value_days numeric,
    overstock_qty_days numeric,
    computed_on date not null,
    constraint uplift_window_measure_side_check check (side in ('po', 'to')),
    constraint uplift_window_measure_dates_check check (start_date <= end_date)
);
-- One row per window; a purchase order's window has no sending location and a window may have no target stock, so
-- nulls count as equal. A unique index, not a constraint: sqlfluff 1.4 cannot parse "unique nulls not distinct".
create unique index uplift_window_measures_window_key on ${schema}.uplift_window_measures (
    side, product_id, location_id, start_date, end_date, from_location_id, target_stock
) nulls not distinct; -- noqa: PRS
comment on index ${schema}.uplift_window_measures_window_key is
'One row per window read: product, root location, days, sending location and target stock (null: none, equal).';
create index uplift_window_measures_computed_on_idx on ${schema}.uplift_window_measures (side, computed_on);
comment on index ${schema}.uplift_window_measures_computed_on_idx is
'The windows read before a day (forgotten episode_max_days + respect_window_days after they were read).';
comment on table ${schema}.uplift_window_measures is
'Step uplift: the sums of demand_history and inventory_daily over one unit window (a target''s or a control''s '
'product at the served locations of a buying or receiving location, and a transfer''s sending location, over the '
'days of a before or after window), as the measurement that first needed them read them. A re-measure reuses a '
'kept window instead of reading it again. Forgotten by step uplift when a sales or stock day inside it or the '
'product''s price or cost changes (uplift_evidence_changes), on a full re-measure (no state, measure settings or '
'location tree changed), and episode_max_days + respect_window_days after computed_on. Null sums: no row read.';
comment on column ${schema}.uplift_window_measures.side is 'po or to, as uplift_measurements.side.';
comment on column ${schema}.uplift_window_measures.product_id is 'The unit''s product.';
comment on column ${schema}.uplift_window_measures.location_id is
'The buying (po) or receiving (to) location: the root of the served locations read.';
comment on column ${schema}.uplift_window_measures.from_location_id is
'A transfer''s sending location (its stock is counted too); null for a purchase order.';
comment on column ${schema}.uplift_window_measures.target_stock is
'The recommendation''s target stock the overstock is measured against (null: none).';
comment on column ${schema}.uplift_window_measures.start_date is 'First day of the window.';
comment on column ${schema}.uplift_window_measures.end_date is 'Last day of the window.';
comment on column ${schema}.uplift_window_measures.revenue is 'Sum of demand_history.revenue at the served locations.';
comment on column ${schema}.uplift_window_measures.sold_qty is 'Sum of demand_history.quantity (units sold).';
comment on column ${schema}.uplift_window_measures.demand_qty is 'Sum of demand_history.demand_qty (sold + missed).';
comment on column ${schema}.uplift_window_measures.listed_days is 'demand_history rows (pair-days listed).';
comment on column ${schema}.uplift_window_measures.stockout_days is 'demand_history rows not in stock.';
comment on column ${schema}.uplift_window_measures.lost_margin is
'Sum of imputed missed units x max(0, price - cost) at the product''s price and cost when read.';
comment on column ${schema}.uplift_window_measures.stock_value_days is
'Sum over the days of on-hand units x the product''s cost when read (served locations and sending location).';
comment on column ${schema}.uplift_window_measures.overstock_qty_days is
'Sum over the days of max(0, on-hand at the location - target_stock).';
comment on column ${schema}.uplift_window_measures.computed_on is 'Run date of the step that read the window.';
