begin;
select plan(3);

-- step_ingest chooses its path from the catalog setting ingest.path (loader or aws_s3). A value the catalog does not
-- allow is refused with the section's SQLSTATE before anything is imported, and cw settings refuses it up front.
select is(cw_000901.settings('ingest') ->> 'path', 'loader', 'the default path is the loader');

update cw_global.clients set settings = jsonb_set(coalesce(settings, '{}'), '{ingest}', '{"path": "ftp"}')
where code = 'CW-000901';
select throws_ok($$ call cw_000901.step_ingest('2031-06-01', null) $$, 'CW144', null,
                 'an unknown ingest.path stops the step with CW144');
select throws_ok($$ call cw_global.set_client_setting('CW-000901', 'ingest.path', '"ftp"') $$, 'CW144', null,
                 'cw settings refuses it too');

select * from finish();
rollback;
