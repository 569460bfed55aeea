-- aws_s3 and aws_commons, the RDS API that moves data between S3 and SQL (step_ingest's in-database path uses it).
-- On RDS this creates Amazon's extension; locally the project's PL/Python + boto3 implementation of the same API
-- (extension/, installed into the server by scripts/install-deps.sh; docs/aws_s3.md). CASCADE creates aws_commons and
-- plpython3u locally (RDS has no plpython3u: its aws_s3 does not need it, so the statement names neither). Run through
-- EXECUTE only because sqlfluff cannot parse CASCADE here.
do $$
begin
    execute 'create extension if not exists aws_s3 cascade';
end
$$;

-- Client roles run the pipeline, whose ingest step imports through aws_s3 (as the client's owner role).
grant usage on schema aws_commons to cw_tenant;
grant usage on schema aws_s3 to cw_tenant;
