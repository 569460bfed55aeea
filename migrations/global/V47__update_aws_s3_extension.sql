-- aws_s3 to the extension's default version. Locally 1.2 prints RDS's exact text for a zero-byte object
-- ("Unable to validate pre-signed URL. Error: HTTP 416. Check your arguments and try again."; extension/
-- aws_s3--1.1--1.2.sql). On RDS this updates Amazon's extension to the newest version the instance offers, which
-- RDS's own upgrade notes recommend after an engine upgrade. A no-op where it is already current. Run through EXECUTE
-- only because sqlfluff cannot parse ALTER EXTENSION.
do $$
begin
    execute 'alter extension aws_s3 update';
end
$$;
