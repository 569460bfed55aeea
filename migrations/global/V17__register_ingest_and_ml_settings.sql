-- Step 1's settings (docs/aws_s3.md): which path ingests a client's raw files, and where the in-database path
-- (step_ingest through aws_s3) reads them. RDS cannot list a bucket from SQL, so the key of each endpoint's file is
-- built from the suffix.
insert into cw_global.setting_sections (section, errcode, stored_in, docs_page, description) values
('ingest', 'CW144', 'client_registry', 'docs/aws_s3.md',
 'Step 1 (ingest): the Java loader or the in-database path through aws_s3, and where that path reads.');

insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, allowed_values,
    element_pattern, unit, description) values
('ingest.path', 'ingest', 'text', '"loader"', '{loader,aws_s3}', null, null,
 'loader: cw ingest moves the raw files before the run and step_ingest reports them; aws_s3: step_ingest imports '
 'the run date''s files itself through the aws_s3 extension (the nightly pg_cron job alone runs the night).'),
('ingest.s3_bucket', 'ingest', 'text', '"catwing-masters"', null, '^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$', null,
 'Bucket holding raw-data/{client}/{date}/ for the in-database path.'),
('ingest.s3_region', 'ingest', 'text', '""', null, '^([a-z]{2}(-[a-z]+)+-[0-9]{1,2})?$', null,
 'AWS region of that bucket; empty: the server''s aws_s3.region setting, else us-east-1.'),
('ingest.file_suffix', 'ingest', 'text', '".json"',
 '{.json,.jsonl,.ndjson,.json.gz,.jsonl.gz,.ndjson.gz}', null, null,
 'File name after the endpoint of each raw file the in-database path imports (gzip objects need '
 'Content-Encoding gzip).');

-- The training data cw ml export writes for an external model (docs/ml.md).
insert into cw_global.setting_sections (section, errcode, stored_in, docs_page, description) values
('ml', 'CW145', 'client_registry', 'docs/ml.md', 'The training data cw ml export writes for an external model.');

insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value, max_value,
    unit, description) values
('ml.feature_days', 'ml', 'integer', '56', 1, 3650, 'days',
 'Days up to the run date that features.parquet and targets.parquet hold (one row per product, location and day).'),
('ml.horizon_days', 'ml', 'integer', '28', 1, 365, 'days',
 'Days after the run date an external model is asked to predict (written to config.json).');
