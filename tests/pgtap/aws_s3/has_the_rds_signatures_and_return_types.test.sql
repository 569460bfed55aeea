begin;
select plan(12);

-- Code written against Amazon RDS's aws_s3 must run unchanged on the local implementation: the same schemas, types,
-- overloads (argument names, types and defaults) and return types. These are the signatures RDS documents.
select has_extension('aws_commons', 'aws_commons is installed');
select has_extension('aws_s3', 'aws_s3 is installed');

select is((select string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' order by attnum)
           from pg_attribute where attrelid = 'aws_commons._s3_uri_1'::regclass and attnum > 0),
          'bucket text, file_path text, region text', 'aws_commons._s3_uri_1 is (bucket, file_path, region)');
select is((select string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' order by attnum)
           from pg_attribute where attrelid = 'aws_commons._aws_credentials_1'::regclass and attnum > 0),
          'access_key text, secret_key text, session_token text',
          'aws_commons._aws_credentials_1 is (access_key, secret_key, session_token)');

create temporary table signatures as
select pg_proc.oid::regprocedure::text as routine, pg_get_function_arguments(pg_proc.oid) as arguments,
       pg_get_function_result(pg_proc.oid) as result
from pg_proc
where pg_proc.pronamespace in ('aws_s3'::regnamespace, 'aws_commons'::regnamespace)
    and pg_proc.proname !~ '^_';

select is((select arguments || ' -> ' || result from signatures
           where routine = 'aws_commons.create_s3_uri(text,text,text)'),
          's3_bucket text, s3_path text, s3_region text -> aws_commons._s3_uri_1',
          'aws_commons.create_s3_uri(bucket, path, region) returns an _s3_uri_1');
select is((select arguments || ' -> ' || result from signatures
           where routine = 'aws_commons.create_aws_credentials(text,text,text)'),
          'access_key text, secret_key text, session_token text -> aws_commons._aws_credentials_1',
          'aws_commons.create_aws_credentials(access_key, secret_key, session_token) returns an _aws_credentials_1');
select is((select arguments || ' -> ' || result from signatures
           where routine = 'aws_s3.table_import_from_s3(text,text,text,aws_commons._s3_uri_1,'
                           'aws_commons._aws_credentials_1)'),
          'table_name text, column_list text, options text, s3_info aws_commons._s3_uri_1, '
          'credentials aws_commons._aws_credentials_1 DEFAULT NULL::aws_commons._aws_credentials_1 -> text',
          'table_import_from_s3 with s3_info, with or without credentials, returns text');
select is((select arguments || ' -> ' || result from signatures
           where routine = 'aws_s3.table_import_from_s3(text,text,text,text,text,text,text,text,text)'),
          'table_name text, column_list text, options text, bucket text, file_path text, region text, '
          'access_key text DEFAULT NULL::text, secret_key text DEFAULT NULL::text, '
          'session_token text DEFAULT NULL::text -> text',
          'table_import_from_s3 with bucket, file_path, region (and optional keys) returns text');
select is((select arguments || ' -> ' || result from signatures
           where routine = 'aws_s3.query_export_to_s3(text,aws_commons._s3_uri_1,text,text)'),
          'query text, s3_info aws_commons._s3_uri_1, options text DEFAULT NULL::text, '
          'kms_key text DEFAULT NULL::text, OUT rows_uploaded bigint, OUT files_uploaded bigint, '
          'OUT bytes_uploaded bigint -> record',
          'query_export_to_s3(query, s3_info, options, kms_key) returns rows, files and bytes uploaded');
select is((select arguments || ' -> ' || result from signatures
           where routine = 'aws_s3.query_export_to_s3(text,text,text,text,text,text)'),
          'query text, bucket text, file_path text, region text DEFAULT NULL::text, options text DEFAULT NULL::text, '
          'kms_key text DEFAULT NULL::text, OUT rows_uploaded bigint, OUT files_uploaded bigint, '
          'OUT bytes_uploaded bigint -> record',
          'query_export_to_s3(query, bucket, file_path, region, options, kms_key) returns rows, files and bytes');
select is((select count(*) from signatures), 6::bigint, 'no other public routine than the six of RDS');

select is(aws_commons.create_s3_uri('b', 'raw-data/x.json', 'eu-central-1'),
          row('b', 'raw-data/x.json', 'eu-central-1')::aws_commons._s3_uri_1,
          'create_s3_uri builds the composite from its arguments');

select * from finish();
rollback;
