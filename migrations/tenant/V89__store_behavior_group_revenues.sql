-- Step 6: the revenue of every ABC group of a behaviours snapshot (a location's product x location rows, the client's
-- product rows), so that a scoped run ranks its products without summing every stored row of their groups
-- (docs/behaviors.md "Re-runs and scope"; measured at 10k x 50: docs/benchmarks.md#changes, scoped16).
create table ${schema}.behavior_group_revenues (
    snapshot_date date not null,
    level text not null,
    location_id integer,
    demand_revenue numeric not null,
    row_count integer not null,
    median_revenue numeric,
    updated_at timestamptz not null default now(),
    constraint behavior_group_revenues_level_check check (
        (level = 'pair' and location_id is not null) or (level = 'product' and location_id is null)
    ),
    constraint behavior_group_revenues_row_count_check check (row_count >= 0)
);
create unique index behavior_group_revenues_snapshot_date_level_location_id_key
on ${schema}.behavior_group_revenues (snapshot_date, level, coalesce(location_id, 0));
comment on index ${schema}.behavior_group_revenues_snapshot_date_level_location_id_key is
'One row per group of a snapshot (location_id null, the product level, counts as 0).';
comment on table ${schema}.behavior_group_revenues is
'Step 6 (behaviors): per snapshot date and ABC group, the sum of demand_revenue of the stored rows '
'(product_location_behaviors of one location, or product_behaviors). Written whole by an unscoped run, moved by the '
'difference of the rows a scoped run writes; read by a scoped run of up to 8 products to rank them without summing '
'the group. A group without a row here is summed from the stored rows (the earlier way). Only behaviors_write keeps '
'it: after any other write to the two snapshot tables delete the date''s rows here (or re-run the date unscoped).';
comment on column ${schema}.behavior_group_revenues.snapshot_date is 'The behaviours snapshot (run date).';
comment on column ${schema}.behavior_group_revenues.level is
'pair (the product x location rows of location_id) or product (the product rows).';
comment on column ${schema}.behavior_group_revenues.location_id is 'The location of a pair group; null for products.';
comment on column ${schema}.behavior_group_revenues.demand_revenue is
'Sum of demand_revenue of the group''s stored rows of the date (merchandise only: the only rows stored).';
comment on column ${schema}.behavior_group_revenues.row_count is 'Stored rows of the group.';
comment on column ${schema}.behavior_group_revenues.median_revenue is
'Median demand_revenue of the group at the last unscoped run: only chooses whether a scoped run sums the rows '
'ranked above or below its row (the smaller side); any value gives the same result.';
comment on column ${schema}.behavior_group_revenues.updated_at is 'When the row was last written.';

-- The group's rows in ranking order, so that a scoped run reads only the rows on one side of its row. Same columns
-- as the covering indexes they replace (which served index-only scans by snapshot and location): no new column is
-- indexed, so no update that was HOT before stops being HOT.
drop index ${schema}.product_location_behaviors_snapshot_date_location_id_idx;
create index product_location_behaviors_snapshot_date_location_id_revenue_idx
on ${schema}.product_location_behaviors (snapshot_date, location_id, demand_revenue, product_id);
comment on index ${schema}.product_location_behaviors_snapshot_date_location_id_revenue_idx is
'A snapshot''s rows of a location by revenue: index-only scans of a location (ranking), and of the rows above or '
'below one revenue (a scoped run''s ABC rank, with behavior_group_revenues).';
drop index ${schema}.product_behaviors_snapshot_date_idx;
create index product_behaviors_snapshot_date_revenue_idx
on ${schema}.product_behaviors (snapshot_date, demand_revenue, product_id);
comment on index ${schema}.product_behaviors_snapshot_date_revenue_idx is
'A snapshot''s product rows by revenue: index-only scans of the snapshot (ranking), and of the rows above or below '
'one revenue (a scoped run''s ABC rank, with behavior_group_revenues).';
