-- The registry rule of the raw landing, in one place for every ingest path (the Java loader `cw ingest` and the
-- in-database path of step_ingest through aws_s3): an object is loaded once; a different object under a registered
-- key is a conflict (raw data is immutable) and the registered version stays; a malformed object is registered as
-- failed with the reason and none of its records land. A caller lands one object per transaction:
--
--     select * from raw_file_begin(key, endpoint, date, size, etag)      -- action: load | skip | conflict
--     (action load) copy its records into raw_records with file_id, then
--     select raw_file_finish(file_id, sha256, records, nul_records)      -- or, after a rollback of the records,
--     select raw_file_fail(file_id, sha256, offset, reason)              -- on a fresh raw_file_begin
--     commit
--
-- Identity of an object: its ETag and size when both sides know the ETag (the loader lists the bucket). The
-- in-database path cannot ask S3 for an ETag (RDS's aws_s3 has no head or list function): it offers the size and the
-- digest of the records it read (raw_file_records_digest), compared with the registered file's records.

create or replace function ${schema}.raw_file_records_digest(p_file_id bigint)
returns text
language sql
stable
security invoker
set search_path = ${staging_schema}, pg_catalog, pg_temp
as $$
    select coalesce(md5(string_agg(raw_records.payload::text, e'\n' order by raw_records.record_no)), md5(''))
    from ${staging_schema}.raw_files
    inner join ${staging_schema}.raw_records
        on raw_records.file_date = raw_files.file_date and raw_records.file_id = raw_files.id
    where raw_files.id = p_file_id
$$;
comment on function ${schema}.raw_file_records_digest(bigint) is
'Digest of a registered raw file''s landed records: md5 of their jsonb texts in record order, one per line. The same '
'records give the same digest whichever path landed them; md5 of the empty string for a file without records.';

create or replace function ${schema}.raw_file_begin(
    p_object_key text,
    p_endpoint text,
    p_file_date date,
    p_size_bytes bigint,
    p_etag text,
    p_content_digest text default null,
    p_ingest_path text default 'loader'
)
returns table (action text, file_id bigint, registered_status text, registered_etag text)
language plpgsql
volatile
security invoker
set search_path = ${schema}, ${staging_schema}, pg_catalog, pg_temp
as $$
declare
    v_registered ${staging_schema}.raw_files;
    v_same       boolean;
begin
    if p_object_key is null
        -- Any client's prefix: cw rebuild --into lands another client's raw files into this one.
        or p_object_key !~ ('^raw-data/CW-[0-9]{6}/' || to_char(p_file_date, 'YYYY-MM-DD')
                            || '/' || coalesce(p_endpoint, '') || '\.(json|jsonl|ndjson|csv)(\.gz)?$')
        or p_endpoint !~ '^[a-z_]{1,40}$' then
        raise exception 'raw object key % is not raw-data/{client}/%/%.json[l]|csv[.gz] of this date and endpoint',
                        coalesce(p_object_key, 'null'), p_file_date, coalesce(p_endpoint, 'null')
            using errcode = 'CW140',
            hint = 'raw files of ${client_code} live under raw-data/${client_code}/{date}/{endpoint}.json (or .csv)';
    end if;
    if coalesce(p_ingest_path, '') not in ('loader', 'aws_s3') or p_size_bytes < 0
        or (p_ingest_path = 'loader' and (p_size_bytes is null or p_etag is null)) then
        raise exception 'raw object % offered without its identity (size %, ETag %, path %)',
                        p_object_key, p_size_bytes, p_etag, p_ingest_path
            using errcode = 'CW140',
            hint = 'the loader offers the object''s size and ETag; the path is loader or aws_s3';
    end if;

    select raw_files.* into v_registered
    from ${staging_schema}.raw_files
    where raw_files.object_key = p_object_key
    for update;

    if not found then
        call ${schema}.ensure_raw_partition(p_file_date);
        insert into ${staging_schema}.raw_files (object_key, endpoint, file_date, size_bytes, etag, content_digest,
                                                 status, record_count, loaded_at, ingest_path)
        values (p_object_key, p_endpoint, p_file_date, p_size_bytes, p_etag, p_content_digest, 'loaded', 0,
                clock_timestamp(), p_ingest_path)
        returning raw_files.id into file_id;
        action := 'load';
        return next;
        return;
    end if;

    -- Both sides know the ETag: it decides, with the size. An offer without ETag and digest is an object the
    -- in-database path could not read: the same as a registered failure, else a change. Otherwise one side came
    -- through the in-database path: the size, and the records' digest when the offer has one.
    v_same := case
        when v_registered.etag is not null and p_etag is not null then
            v_registered.size_bytes = p_size_bytes and v_registered.etag = p_etag
        when p_etag is null and p_content_digest is null then v_registered.status = 'failed'
        when p_content_digest is null or v_registered.status = 'failed' then
            v_registered.size_bytes is not distinct from p_size_bytes
        else v_registered.size_bytes = p_size_bytes
            and coalesce(v_registered.content_digest, ${schema}.raw_file_records_digest(v_registered.id))
            = p_content_digest
    end;
    file_id := v_registered.id;
    registered_status := v_registered.status;
    registered_etag := v_registered.etag;
    if coalesce(v_same, false) then
        if v_registered.etag is null and p_etag is not null then
            -- The loader meets a file the in-database path loaded: remember its ETag from now on.
            update ${staging_schema}.raw_files set etag = p_etag where raw_files.id = v_registered.id;
        end if;
        action := 'skip';
    else
        insert into ${staging_schema}.raw_load_conflicts (object_key, loaded_etag, offered_etag, offered_size_bytes,
                                                          loaded_content_digest, offered_content_digest)
        values (p_object_key, v_registered.etag, p_etag, p_size_bytes,
                v_registered.content_digest, p_content_digest);
        action := 'conflict';
    end if;
    return next;
end
$$;
comment on function ${schema}.raw_file_begin(text, text, date, bigint, text, text, text) is
'Registry rule of the raw landing, step 1 of 3 for one object (then raw_file_finish or raw_file_fail, one '
'transaction). action = load: the object is new, registered now (creating its monthly raw_records partition) with '
'file_id, its records may be copied in; skip: the same object is registered already (loaded or failed); conflict: '
'a different object under a registered key, recorded in raw_load_conflicts, the registered version stays. Identity: '
'ETag and size, or size and records digest when one side has no ETag (the in-database path; an offer with neither '
'is an object it could not read, the same as a registered failure). CW140 on a key of another date or endpoint, or a '
'loader offer without size and ETag (another client''s prefix is allowed: cw rebuild --into).';

create or replace function ${schema}.raw_file_finish(
    p_file_id bigint,
    p_sha256 text,
    p_record_count bigint,
    p_nul_records bigint default 0,
    p_content_digest text default null
)
returns bigint
language plpgsql
volatile
security invoker
set search_path = ${schema}, ${staging_schema}, pg_catalog, pg_temp
as $$
declare
    v_file_date date;
    v_landed    bigint;
begin
    select raw_files.file_date into v_file_date
    from ${staging_schema}.raw_files
    where raw_files.id = p_file_id and raw_files.status = 'loaded' and raw_files.record_count = 0
        and raw_files.sha256 is null
    for update;
    if not found then
        raise exception 'raw file % was not begun in this transaction (no fresh registry row for it)', p_file_id
            using errcode = 'CW141', hint = 'call raw_file_begin first and use the file_id it returns';
    end if;
    -- The records are numbered from 1 without gaps: the highest number is their count (one probe of the index).
    select max(raw_records.record_no) into v_landed
    from ${staging_schema}.raw_records
    where raw_records.file_date = v_file_date and raw_records.file_id = p_file_id;
    if coalesce(v_landed, 0) <> p_record_count then
        raise exception 'raw file % reports % records but % landed', p_file_id, p_record_count, coalesce(v_landed, 0)
            using errcode = 'CW141', hint = 'roll back and land the object again';
    end if;
    update ${staging_schema}.raw_files
    set sha256 = p_sha256,
        record_count = p_record_count,
        nul_records = coalesce(p_nul_records, 0),
        content_digest = coalesce(p_content_digest, raw_files.content_digest),
        loaded_at = clock_timestamp()
    where raw_files.id = p_file_id;
    return p_file_id;
end
$$;
comment on function ${schema}.raw_file_finish(bigint, text, bigint, bigint, text) is
'Registry rule, step 2 of 3: the records of a begun object have landed; records its count (checked against the '
'landed records: CW141), SHA-256 of the bytes (loader), records digest (in-database path) and NUL count.';

create or replace function ${schema}.raw_file_fail(
    p_file_id bigint,
    p_sha256 text,
    p_error_offset bigint,
    p_error text
)
returns bigint
language plpgsql
volatile
security invoker
set search_path = ${schema}, ${staging_schema}, pg_catalog, pg_temp
as $$
declare
    v_file_date date;
begin
    select raw_files.file_date into v_file_date
    from ${staging_schema}.raw_files
    where raw_files.id = p_file_id and raw_files.status = 'loaded' and raw_files.record_count = 0
        and raw_files.sha256 is null;
    if not found then
        raise exception 'raw file % was not begun in this transaction (no fresh registry row for it)', p_file_id
            using errcode = 'CW141', hint = 'call raw_file_begin first and use the file_id it returns';
    end if;
    if exists (select from ${staging_schema}.raw_records
               where raw_records.file_date = v_file_date and raw_records.file_id = p_file_id) then
        raise exception 'raw file % cannot be registered as failed: some of its records landed', p_file_id
            using errcode = 'CW142', hint = 'roll back the records, then raw_file_begin and raw_file_fail again';
    end if;
    update ${staging_schema}.raw_files
    set status = 'failed',
        sha256 = p_sha256,
        record_count = null,
        loaded_at = null,
        error_offset = p_error_offset,
        error = coalesce(nullif(p_error, ''), 'failed without a reason')
    where raw_files.id = p_file_id;
    return p_file_id;
end
$$;
comment on function ${schema}.raw_file_fail(bigint, text, bigint, text) is
'Registry rule, step 3 of 3 for a malformed object: registers the begun object as failed with the byte offset (when '
'known) and the reason; none of its records may have landed (CW142). It is not loaded again: its content cannot '
'change under its key.';
