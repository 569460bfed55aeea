begin;
select plan(7);

-- Bad input to aws_s3 is a clear error that changes nothing, raised before any S3 request (no S3 is running for this
-- test: an error that needed one would say so instead). The local bucket region is the setting aws_s3.region.
set local aws_s3.region = 'eu-central-1';
set local aws_s3.endpoint_url = 'http://127.0.0.1:9';
create temporary table imported (id integer, name text);
insert into imported values (1, 'kept');

select throws_ok($$ select aws_s3.table_import_from_s3('imported', '', '(bogus true)', 'b', 'f.csv', 'eu-central-1') $$,
                 '42601', 'option "bogus" not recognized', 'an unknown COPY option is refused like COPY refuses it');
select throws_ok($$ select aws_s3.table_import_from_s3('imported', '', '(format xml)', 'b', 'f.csv', 'eu-central-1') $$,
                 '22023', 'COPY format "xml" not recognized', 'an unknown format is refused');
select throws_ok($$ select aws_s3.table_import_from_s3('imported', '', '(format csv, delimiter ''ab'')', 'b', 'f.csv',
                                                       'eu-central-1') $$,
                 '0A000', 'COPY delimiter must be a single one-byte character', 'a long delimiter is refused');
select throws_ok($$ select aws_s3.table_import_from_s3('imported', 'id, nope', '(format csv)', 'b', 'f.csv',
                                                       'eu-central-1') $$,
                 '42703', 'column "nope" of relation "imported" does not exist', 'an unknown column is refused');
select throws_ok($$ select aws_s3.table_import_from_s3('imported', '', '(format csv)', 'b', 'f.csv', 'us-west-2') $$,
                 '22023', null, 'a region other than the bucket''s is refused');
select throws_ok($$ select * from aws_s3.query_export_to_s3('select 1', aws_commons.create_s3_uri('b', 'f.csv',
                                                            'not a region')) $$,
                 '22023', 'invalid AWS region "not a region"', 'a malformed region is refused');
select is((select string_agg(id || ':' || name, ',') from imported), '1:kept', 'the table is unchanged');

select * from finish();
rollback;
