begin;
select plan(5);

select table_privs_are('cw_000901', 'client_uploads', 'cw_000901_ui', array['SELECT'],
                       'the UI role reads the upload registry');
select table_privs_are('cw_000901', 'client_upload_errors', 'cw_000901_ui', array['SELECT'],
                       'the UI role reads the per-row reports');
select table_privs_are('cw_000901', 'supplier_available_products', 'cw_000901_ui', array['SELECT'],
                       'the UI role reads the matched lists (no table-wide write)');
select column_privs_are('cw_000901', 'supplier_available_products', 'is_match_confirmed', 'cw_000901_ui',
                        array['SELECT', 'UPDATE'], 'the UI role confirms or rejects a match');
select column_privs_are('cw_000901', 'supplier_available_products', 'product_id', 'cw_000901_ui',
                        array['SELECT'], 'the UI role cannot change which product was matched');

select * from finish();
rollback;
