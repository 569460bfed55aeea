-- One registry rule for two ingest paths (procedures/tenant/R__0210_raw_file_registry.sql): the Java loader knows an
-- object's ETag from the bucket listing; the in-database path of step_ingest (aws_s3.table_import_from_s3, as on RDS)
-- cannot ask S3 for it and identifies an object by its size and the digest of its records instead.

alter table ${staging_schema}.raw_files alter column etag drop not null;
alter table ${staging_schema}.raw_files alter column size_bytes drop not null;
alter table ${staging_schema}.raw_files add column content_digest text;
alter table ${staging_schema}.raw_files add column ingest_path text not null default 'loader';
alter table ${staging_schema}.raw_files add constraint raw_file_ingest_path_check
check (ingest_path in ('loader', 'aws_s3'));
alter table ${staging_schema}.raw_files add constraint raw_file_identity_check
check (etag is not null or content_digest is not null or status = 'failed' or record_count = 0);
comment on column ${staging_schema}.raw_files.etag is
'S3 ETag at load time: identity of the object''s content. Null when the in-database path (aws_s3) loaded it, which '
'cannot read ETags; the loader fills it in when it next meets the object with the same size.';
comment on column ${staging_schema}.raw_files.content_digest is
'Digest of the landed records (raw_file_records_digest: md5 of their jsonb texts in order), written by the '
'in-database path, which identifies an object by it; null for files the loader landed (computed when needed).';
comment on column ${staging_schema}.raw_files.ingest_path is
'Which ingest path registered the object: loader (cw ingest, Java, COPY) or aws_s3 (step_ingest in the database).';
comment on column ${staging_schema}.raw_files.size_bytes is
'Size of the S3 object in bytes (as stored); null only for an object the in-database path failed to read.';
comment on column ${staging_schema}.raw_files.started_at is 'When the object was registered.';
comment on column ${staging_schema}.raw_files.loaded_at is 'When its records finished landing (loaded files only).';
comment on column ${staging_schema}.raw_files.id is 'Registry id; raw_records.file_id refers to it.';

alter table ${staging_schema}.raw_load_conflicts alter column loaded_etag drop not null;
alter table ${staging_schema}.raw_load_conflicts alter column offered_etag drop not null;
alter table ${staging_schema}.raw_load_conflicts add column loaded_content_digest text;
alter table ${staging_schema}.raw_load_conflicts add column offered_content_digest text;
comment on column ${staging_schema}.raw_load_conflicts.object_key is 'The S3 key offered again.';
comment on column ${staging_schema}.raw_load_conflicts.loaded_etag is
'ETag of the registered (kept) version; null when the in-database path loaded it.';
comment on column ${staging_schema}.raw_load_conflicts.offered_etag is
'ETag of the refused version; null when the in-database path offered it.';
comment on column ${staging_schema}.raw_load_conflicts.offered_size_bytes is 'Size of the refused version.';
comment on column ${staging_schema}.raw_load_conflicts.loaded_content_digest is
'Records digest of the kept version, when known.';
comment on column ${staging_schema}.raw_load_conflicts.offered_content_digest is
'Records digest of the refused version (in-database path only).';
comment on column ${staging_schema}.raw_load_conflicts.detected_at is 'When the re-delivery was refused.';
