begin;
select plan(2);

-- The in-database ingest path reads JSON only: a client of a CSV dialect (webshop_csv) whose ingest.path is aws_s3 is
-- refused with CW300 before anything is imported or registered, with a hint back to the loader.
update cw_global.clients
set erp_dialect_id = (select id from cw_global.erp_dialects where code = 'webshop_csv'),
    settings = jsonb_set(coalesce(settings, '{}'), '{ingest}', '{"path": "aws_s3"}')
where code = 'CW-000901';
select throws_ok($$ call cw_000901.step_ingest('2031-06-01', null) $$, 'CW300',
                 'the in-database ingest path reads JSON only; client CW-000901 sends CSV files (dialect webshop_csv)',
                 'a CSV dialect on the aws_s3 path stops the step with CW300');
select is((select count(*)::integer from cw_000901_staging.raw_files where file_date = '2031-06-01'), 0,
          'nothing is registered');

select * from finish();
rollback;
