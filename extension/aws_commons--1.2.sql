-- aws_commons as on Amazon RDS: the composite types aws_s3 takes and their constructors.
\echo Use "CREATE EXTENSION aws_commons" to load this file. \quit

create type aws_commons._s3_uri_1 as (bucket text, file_path text, region text);
comment on type aws_commons._s3_uri_1 is
'An S3 object: bucket, key (file_path) and the AWS region of the bucket. Built by aws_commons.create_s3_uri.';

create type aws_commons._aws_credentials_1 as (access_key text, secret_key text, session_token text);
comment on type aws_commons._aws_credentials_1 is
'Explicit AWS credentials for aws_s3 (instead of the instance''s IAM role; locally instead of the aws_s3.* settings). '
'Built by aws_commons.create_aws_credentials.';

create function aws_commons.create_s3_uri(s3_bucket text, s3_path text, s3_region text)
returns aws_commons._s3_uri_1
language sql
immutable
set search_path = pg_catalog, pg_temp
as $$
    select row(s3_bucket, s3_path, s3_region)::aws_commons._s3_uri_1
$$;
comment on function aws_commons.create_s3_uri(text, text, text) is
'The aws_commons._s3_uri_1 of bucket, key and region (as on RDS).';

create function aws_commons.create_aws_credentials(access_key text, secret_key text, session_token text)
returns aws_commons._aws_credentials_1
language sql
immutable
set search_path = pg_catalog, pg_temp
as $$
    select row(access_key, secret_key, session_token)::aws_commons._aws_credentials_1
$$;
comment on function aws_commons.create_aws_credentials(text, text, text) is
'The aws_commons._aws_credentials_1 of an access key, secret key and optional session token (as on RDS).';
