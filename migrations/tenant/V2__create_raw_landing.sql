-- Raw landing (step ingest): the registry of S3 objects and their records as jsonb, durable and partitioned by
-- the snapshot date so old raw rows can be dropped a month at a time (S3 keeps the originals).

create table ${staging_schema}.raw_files (
    id bigint generated always as identity,
    object_key text not null,
    endpoint text not null,
    file_date date not null,
    size_bytes bigint not null,
    etag text not null,
    sha256 text,
    status text not null,
    record_count bigint,
    nul_records bigint not null default 0,
    error_offset bigint,
    error text,
    started_at timestamptz not null default clock_timestamp(),
    loaded_at timestamptz,
    constraint raw_files_pkey primary key (id),
    constraint raw_files_object_key_key unique (object_key),
    constraint raw_file_status_check check (status in ('loaded', 'failed')),
    constraint raw_file_loaded_check check ((status = 'loaded') = (loaded_at is not null and record_count is not null)),
    constraint raw_file_failed_check check ((status = 'failed') = (error is not null)),
    constraint raw_file_size_check check (size_bytes >= 0),
    constraint raw_file_endpoint_check check (endpoint ~ '^[a-z_]{1,40}$')
);
create index raw_files_file_date_endpoint_idx on ${staging_schema}.raw_files (file_date, endpoint);
comment on table ${staging_schema}.raw_files is
'Registry of every raw S3 object the loader has seen: key, size, ETag and SHA-256, status. A loaded object is never '
'loaded again; a different object under a loaded key is refused (raw data is immutable). A failed object keeps the '
'byte offset and reason; none of its records reach raw_records.';
comment on column ${staging_schema}.raw_files.object_key is 'S3 key: raw-data/{client}/{date}/{endpoint}.json[.gz].';
comment on column ${staging_schema}.raw_files.endpoint is 'ERP endpoint the file holds (products, sales_orders, ...).';
comment on column ${staging_schema}.raw_files.file_date is 'Snapshot date of the folder the object lives in.';
comment on column ${staging_schema}.raw_files.etag is 'S3 ETag at load time: identity of the object''s content.';
comment on column ${staging_schema}.raw_files.sha256 is 'SHA-256 of the object''s bytes as streamed by the loader.';
comment on column ${staging_schema}.raw_files.status is 'loaded (all records landed) or failed (none landed).';
comment on column ${staging_schema}.raw_files.record_count is 'Records landed from the object.';
comment on column ${staging_schema}.raw_files.nul_records is
'Records holding U+0000, which jsonb cannot store: landed with U+FFFD instead (the S3 original is untouched).';
comment on column ${staging_schema}.raw_files.error_offset is
'Byte offset (of the uncompressed JSON) where parsing failed.';
comment on column ${staging_schema}.raw_files.error is 'Why the object failed to load.';

create table ${staging_schema}.raw_records (
    file_id bigint not null,
    file_date date not null,
    endpoint text not null,
    record_no integer not null,
    payload jsonb not null,
    constraint raw_records_pkey primary key (file_date, file_id, record_no),
    constraint raw_record_no_check check (record_no >= 1),
    constraint raw_records_file_id_fkey foreign key (file_id) references ${staging_schema}.raw_files (id)
) partition by range (file_date);
comment on table ${staging_schema}.raw_records is
'Raw landing rows: one jsonb payload per record of a raw file, exactly as the ERP sent it. Partitioned by month of '
'file_date (partitions created by ensure_raw_partition); rows of a file land in one transaction with its registry row.';
comment on column ${staging_schema}.raw_records.file_id is 'The raw_files row the record came from.';
comment on column ${staging_schema}.raw_records.file_date is 'Snapshot date (partition key).';
comment on column ${staging_schema}.raw_records.record_no is 'Position of the record in its file, from 1.';
comment on column ${staging_schema}.raw_records.payload is
'The record as sent by the ERP (array element or JSON line).';

create table ${staging_schema}.raw_load_conflicts (
    id bigint generated always as identity,
    object_key text not null,
    loaded_etag text not null,
    offered_etag text not null,
    offered_size_bytes bigint not null,
    detected_at timestamptz not null default clock_timestamp(),
    constraint raw_load_conflicts_pkey primary key (id)
);
comment on table ${staging_schema}.raw_load_conflicts is
'Critical: an object under an already loaded key had different content (raw data must be immutable). The loaded '
'version stays; the quality gate fails while a conflict for the run date is unresolved.';
