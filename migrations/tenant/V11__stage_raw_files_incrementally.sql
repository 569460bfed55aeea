-- Ingest speed (docs/benchmarks.md, "ingest"): two changes to the raw landing and the typed staging tables.
--
-- 1. The foreign key raw_records.file_id -> raw_files.id checked every landed record with its own query (half of the
--    COPY time). It becomes one set-based check per statement: the triggers of raw_record_file_check, defined with
--    their functions in procedures/tenant/R__0205_raw_record_file_check.sql.
-- 2. The typed staging tables can be filled one raw file at a time (the loader maps a file while it lands the next);
--    staged_files says which files they hold, so the quality gate maps only what is missing.

alter table ${staging_schema}.raw_records drop constraint raw_records_file_id_fkey;

create unlogged table ${staging_schema}.staged_files (
    raw_file_id bigint not null,
    file_date date not null,
    endpoint text not null,
    mapping_version text not null,
    row_count bigint not null,
    staged_at timestamptz not null default clock_timestamp(),
    constraint staged_files_pkey primary key (raw_file_id),
    constraint staged_file_row_count_check check (row_count >= 0)
);
comment on table ${staging_schema}.staged_files is
'The raw files whose typed rows the staging tables hold (all of one run date, mapped with one mapping version). '
'UNLOGGED like the staging tables, so a crash empties both together. Written by map_file_to_staging; '
'map_to_staging rebuilds the staging tables when the date or the mapping version differs.';
comment on column ${staging_schema}.staged_files.raw_file_id is 'The raw_files row whose records were mapped.';
comment on column ${staging_schema}.staged_files.file_date is 'Snapshot date of the file (the run date staged).';
comment on column ${staging_schema}.staged_files.endpoint is 'Endpoint of the file.';
comment on column ${staging_schema}.staged_files.mapping_version is
'staging_mapping_version() when the file was mapped: a digest of the client''s dialect mapping and the mapper code.';
comment on column ${staging_schema}.staged_files.row_count is 'Typed staging rows the file produced.';
comment on column ${staging_schema}.staged_files.staged_at is 'When the file was mapped.';

-- Nobody plans on the content of a raw payload: no statistics for it (autovacuum's analyze of a month of raw records
-- spent two thirds of its time on them). New partitions get the same from ensure_raw_partition.
alter table ${staging_schema}.raw_records alter column payload set statistics 0;

-- The typed staging tables are truncated and refilled on every mapping, which analyzes them itself: autovacuum would
-- only vacuum and analyze them again (still done when a transaction ID wraparound requires it).
alter table ${staging_schema}.staging_products set (autovacuum_enabled = false);
alter table ${staging_schema}.staging_locations set (autovacuum_enabled = false);
alter table ${staging_schema}.staging_suppliers set (autovacuum_enabled = false);
alter table ${staging_schema}.staging_prices set (autovacuum_enabled = false);
alter table ${staging_schema}.staging_sales_orders set (autovacuum_enabled = false);
alter table ${staging_schema}.staging_purchase_orders set (autovacuum_enabled = false);
alter table ${staging_schema}.staging_receiving_orders set (autovacuum_enabled = false);
alter table ${staging_schema}.staging_store_orders set (autovacuum_enabled = false);
alter table ${staging_schema}.staging_transfer_orders set (autovacuum_enabled = false);
alter table ${staging_schema}.staging_inventory_balances set (autovacuum_enabled = false);
