begin;
select plan(11);

-- The registry rule every ingest path shares (raw_file_begin / raw_file_finish / raw_file_fail): a new object is
-- registered for loading, the same object again is skipped, a different object under the same key is a recorded
-- conflict and the loaded version stays, a malformed one is registered as failed. Run as the owner role, as the
-- loader and the pipeline do.
set local role cw_000901_owner;

create temporary table begun as
select * from cw_000901.raw_file_begin('raw-data/CW-000901/2031-05-01/products.json', 'products', '2031-05-01', 40,
                                       'etag-1');
select is((select action from begun), 'load', 'a new object is registered for loading');
insert into cw_000901_staging.raw_records (file_id, file_date, endpoint, record_no, payload)
select begun.file_id, '2031-05-01', 'products', record.no, record.payload
from begun, unnest(array['{"product_id": "P1"}', '{"product_id": "P2"}']::jsonb[]) with ordinality
    as record (payload, no);
select throws_ok($$ select cw_000901.raw_file_finish((select file_id from begun), 'sha', 3, 0) $$, 'CW141', null,
                 'a record count that differs from the landed records is refused');
select lives_ok($$ select cw_000901.raw_file_finish((select file_id from begun), 'sha', 2, 0) $$,
                'the landed records close the object');
select is((select status || ':' || record_count from cw_000901_staging.raw_files where id = (select file_id from begun)),
          'loaded:2', 'the object is loaded with its record count');

select is((select action from cw_000901.raw_file_begin('raw-data/CW-000901/2031-05-01/products.json', 'products',
                                                       '2031-05-01', 40, 'etag-1')),
          'skip', 'the same ETag and size again is skipped');
select is((select action from cw_000901.raw_file_begin('raw-data/CW-000901/2031-05-01/products.json', 'products',
                                                       '2031-05-01', 41, 'etag-2')),
          'conflict', 'another object under a loaded key is a conflict');
select is((select offered_etag || '/' || loaded_etag from cw_000901_staging.raw_load_conflicts
           where object_key = 'raw-data/CW-000901/2031-05-01/products.json'),
          'etag-2/etag-1', 'the conflict is recorded with both ETags');

-- The in-database path has no ETag: it offers the size and its records' digest.
select is((select action from cw_000901.raw_file_begin('raw-data/CW-000901/2031-05-01/products.json', 'products',
                                                       '2031-05-01', 40, null,
                                                       md5('{"product_id": "P1"}' || e'\n' || '{"product_id": "P2"}'),
                                                       'aws_s3')),
          'skip', 'the same records under the same size are the same object for the in-database path');

create temporary table failed as
select * from cw_000901.raw_file_begin('raw-data/CW-000901/2031-05-01/suppliers.json', 'suppliers', '2031-05-01', 9,
                                       'etag-3');
select lives_ok($$ select cw_000901.raw_file_fail((select file_id from failed), 'sha', 7, 'malformed JSON') $$,
                'a begun object without landed records can be registered as failed');
select is((select status || ':' || error_offset || ':' || error from cw_000901_staging.raw_files
           where id = (select file_id from failed)),
          'failed:7:malformed JSON', 'a failed object keeps its offset and reason');

select throws_ok($$ select * from cw_000901.raw_file_begin('raw-data/CW-000901/2031-05-02/products.json', 'products',
                                                           '2031-05-01', 1, 'e') $$,
                 'CW140', null, 'a key of another date is refused');

select * from finish();
rollback;
