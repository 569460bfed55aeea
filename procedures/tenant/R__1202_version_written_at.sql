-- Step 12 input: when a product or customer version row was last written. record_versions corrects the version of
-- a reloaded date in place (the same id, any valid_from), so neither the id nor valid_from tells the incremental
-- stats refresh that a version changed; this stamp does. A row trigger rather than code in record_versions: every
-- writer (load, recovery replay, a DBA's correction) is covered, and versions are written a few at a time.
create or replace function ${schema}.version_written_at()
returns trigger
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    -- clock_timestamp, not now(): a refresh and a correction in one transaction stay ordered (tests, replays).
    new.written_at := clock_timestamp();
    return new;
end
$$;
comment on function ${schema}.version_written_at() is
'Row trigger (before insert or update) on product_versions and customer_versions: stamps written_at with the '
'clock time of the write, so that step stats finds the versions written since its previous refresh, including a '
'version corrected in place on an old date (docs/stats.md "Refresh").';

drop trigger if exists product_versions_written_at on ${schema}.product_versions;
create trigger product_versions_written_at before insert or update on ${schema}.product_versions
for each row execute function ${schema}.version_written_at();
comment on trigger product_versions_written_at on ${schema}.product_versions is
'Stamps written_at on every insert and update (version_written_at); read by step stats.';
drop trigger if exists customer_versions_written_at on ${schema}.customer_versions;
create trigger customer_versions_written_at before insert or update on ${schema}.customer_versions
for each row execute function ${schema}.version_written_at();
comment on trigger customer_versions_written_at on ${schema}.customer_versions is
'Stamps written_at on every insert and update (version_written_at); read by step stats.';
