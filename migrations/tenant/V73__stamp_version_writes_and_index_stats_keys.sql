-- Step stats (docs/stats.md "Refresh"): the incremental refresh finds the product and customer versions written
-- since its previous run by their write time (a version corrected in place on a date before the previous horizon was
-- missed when they were found by id and valid_from). Existing rows get the migration's time: the first refresh after
-- it compares every version once.
alter table ${schema}.product_versions add column written_at timestamptz not null default clock_timestamp();
comment on column ${schema}.product_versions.written_at is 'When this version row was last inserted or updated '
'(trigger product_versions_written_at; the migration time for rows older than the column). Step stats re-reads the '
'versions written since its previous refresh.';
create index product_versions_written_at_idx on ${schema}.product_versions (written_at);
alter table ${schema}.customer_versions add column written_at timestamptz not null default clock_timestamp();
comment on column ${schema}.customer_versions.written_at is 'When this version row was last inserted or updated '
'(trigger customer_versions_written_at; the migration time for rows older than the column). Step stats re-reads the '
'versions written since its previous refresh.';
create index customer_versions_written_at_idx on ${schema}.customer_versions (written_at);
-- Bookkeeping of the pipeline, like version_hash.
insert into ${schema}.field_ownership (table_name, column_name, owner)
values ('product_versions', 'written_at', 'pipeline'), ('customer_versions', 'written_at', 'pipeline');

-- The fact refresh looks up the version of each line's order date per product and customer (a lateral "latest
-- version on or before the date" per line): an index range instead of a scan of the dimension per line.
create index dim_products_product_id_effective_date_idx on ${stats_schema}.dim_products (product_id, effective_date);
create index dim_customers_customer_id_effective_date_idx on ${stats_schema}.dim_customers (
    customer_id, effective_date
);
