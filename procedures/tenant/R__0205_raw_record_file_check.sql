-- Referential integrity of the raw landing: every raw_records row belongs to a raw_files row. A foreign key checked
-- each landed record with its own query, which cost half of the COPY time; these statement-level triggers check the
-- same rule once per statement, set-based over the statement's transition table (a COPY of one object is one
-- statement). Like the foreign key they do not guard TRUNCATE of raw_files alone.

create or replace function ${staging_schema}.raw_records_check_file_ids()
returns trigger
language plpgsql
security invoker
set search_path = ${staging_schema}, pg_catalog, pg_temp
as $$
declare
    v_file_id bigint;
begin
    with offered as (
        select distinct new_records.file_id from new_records
    )

    select offered.file_id into v_file_id
    from offered
    where not exists (select from ${staging_schema}.raw_files where raw_files.id = offered.file_id)
    limit 1;
    if found then
        raise exception 'raw record of file_id % has no raw_files row', v_file_id
            using errcode = 'foreign_key_violation',
            hint = 'register the object in raw_files in the same transaction before its records (raw_file_begin does, for cw ingest and step_ingest)';
    end if;
    return null;
end
$$;
comment on function ${staging_schema}.raw_records_check_file_ids() is
'Trigger (after insert, per statement): every inserted raw_records row references an existing raw_files row; '
'raises foreign_key_violation (23503) otherwise. Replaces a per-row foreign key.';

create or replace function ${staging_schema}.raw_files_check_no_records()
returns trigger
language plpgsql
security invoker
set search_path = ${staging_schema}, pg_catalog, pg_temp
as $$
declare
    v_file_id bigint;
begin
    select old_files.id into v_file_id
    from old_files
    where not exists (select from ${staging_schema}.raw_files where raw_files.id = old_files.id)
        and exists (
            select from ${staging_schema}.raw_records
            where raw_records.file_date = old_files.file_date and raw_records.file_id = old_files.id
        )
    limit 1;
    if found then
        raise exception 'raw_files row % still has raw records', v_file_id
            using errcode = 'foreign_key_violation',
            hint = 'drop the raw records first (their monthly raw_records partition, or delete them by file_id)';
    end if;
    return null;
end
$$;
comment on function ${staging_schema}.raw_files_check_no_records() is
'Trigger (after delete or update, per statement): a raw_files row that goes away must not leave raw_records rows '
'behind; raises foreign_key_violation (23503) otherwise.';

create or replace trigger raw_records_file_check
after insert on ${staging_schema}.raw_records
referencing new table as new_records
for each statement execute function ${staging_schema}.raw_records_check_file_ids();

create or replace trigger raw_files_delete_check
after delete on ${staging_schema}.raw_files
referencing old table as old_files
for each statement execute function ${staging_schema}.raw_files_check_no_records();

create or replace trigger raw_files_update_check
after update on ${staging_schema}.raw_files
referencing old table as old_files
for each statement execute function ${staging_schema}.raw_files_check_no_records();
