-- Raw hashes for step load's unchanged-row skip (docs/production.md "Step load", docs/benchmarks.md#load): the hash
-- of the staging values a production row was last loaded from, compared before any typing, mapping, FK resolution
-- or sorting, so that a day-over-day reload costs in proportion to what changed. Null = not known yet (rows loaded
-- before this migration, or a document with a rejected line): such a row is prepared in full, as before.

alter table ${schema}.suppliers add column raw_hash bigint;
alter table ${schema}.locations add column raw_hash bigint;
alter table ${schema}.products add column raw_hash bigint;
alter table ${schema}.price_lists add column raw_hash bigint;
alter table ${schema}.prices add column raw_hash bigint;
alter table ${schema}.sales_orders add column raw_hash bigint;
alter table ${schema}.purchase_orders add column raw_hash bigint;
alter table ${schema}.store_orders add column raw_hash bigint;
alter table ${schema}.transfer_orders add column raw_hash bigint;
alter table ${schema}.receiving_orders add column raw_hash bigint;
alter table ${schema}.inventory_balances add column raw_hash bigint;
alter table ${schema}.inventory_snapshots add column raw_hash bigint;

comment on column ${schema}.suppliers.raw_hash is
'64-bit hash of the staging values the row was last loaded from (every staging column but the file and record '
'number, seeded with load_raw_hash_seed()): an active row with the same hash is skipped by load before any typing.';
comment on column ${schema}.locations.raw_hash is
'64-bit hash of the staging values the row was last loaded from (every staging column but the file and record '
'number, seeded with load_raw_hash_seed()): an active row with the same hash is skipped by load before any typing.';
comment on column ${schema}.products.raw_hash is
'64-bit hash of the staging values the row was last loaded from (every staging column but the file and record '
'number, seeded with load_raw_hash_seed()): an active row with the same hash is skipped by load before any typing.';
comment on column ${schema}.price_lists.raw_hash is
'64-bit hash of the whole list as last loaded (the number of staging lines and the sum of the hashes of every '
'line''s values, seeded with load_raw_hash_seed()); null while a line of it is rejected. A list with the same hash '
'is skipped by load, prices included.';
comment on column ${schema}.prices.raw_hash is
'64-bit hash of the staging price line the row was last loaded from (its list''s header values included, the line '
'number not, seeded with load_raw_hash_seed()): an active price with the same hash is skipped by load.';
comment on column ${schema}.sales_orders.raw_hash is
'64-bit hash of the whole document as last loaded (the number of staging lines and the sum of the hashes of every '
'line''s values, seeded with load_raw_hash_seed()); null while a line of it is rejected. A document with the same '
'hash is skipped by load, lines included.';
comment on column ${schema}.purchase_orders.raw_hash is
'64-bit hash of the whole document as last loaded (the number of staging lines and the sum of the hashes of every '
'line''s values, seeded with load_raw_hash_seed()); null while a line of it is rejected. A document with the same '
'hash is skipped by load, lines included.';
comment on column ${schema}.store_orders.raw_hash is
'64-bit hash of the whole document as last loaded (the number of staging lines and the sum of the hashes of every '
'line''s values, seeded with load_raw_hash_seed()); null while a line of it is rejected. A document with the same '
'hash is skipped by load, lines included.';
comment on column ${schema}.transfer_orders.raw_hash is
'64-bit hash of the whole document as last loaded (the number of staging lines and the sum of the hashes of every '
'line''s values, seeded with load_raw_hash_seed()); null while a line of it is rejected. A document with the same '
'hash is skipped by load, lines included.';
comment on column ${schema}.receiving_orders.raw_hash is
'64-bit hash of the whole document as last loaded (the number of staging lines and the sum of the hashes of every '
'line''s values, seeded with load_raw_hash_seed()); null while a line of it is rejected. A document with the same '
'hash is skipped by load, lines included.';
comment on column ${schema}.inventory_balances.raw_hash is
'64-bit hash of the staging balance the row was last loaded from (seeded with load_raw_hash_seed()): a balance of '
'the same pair and date with the same hash is skipped by load before any typing.';
comment on column ${schema}.inventory_snapshots.raw_hash is
'64-bit hash of every staging balance of the date in the batch that last touched it (their number and the sum of '
'their hashes, seeded with load_raw_hash_seed()); null while one of them is rejected. A batch whose balances of '
'the date hash the same is skipped by load for that date.';

-- The new columns are bookkeeping of the pipeline, like row_hash.
insert into ${schema}.field_ownership (table_name, column_name, owner)
select
    columns.table_name,
    columns.column_name,
    'pipeline' as column_owner
from information_schema.columns
where columns.table_schema = '${schema}'
    and columns.column_name = 'raw_hash'
    and columns.table_name in (
        'suppliers', 'locations', 'products', 'price_lists', 'prices', 'sales_orders', 'purchase_orders',
        'store_orders', 'transfer_orders', 'receiving_orders', 'inventory_balances', 'inventory_snapshots'
    );
