begin;
select plan(2);

-- A catalog row for an entity whose staging table and procedure no client has (yet).
insert into cw_global.load_entities (entity, load_order, staging_table, erp_key_column, target_table, procedure_name,
                                     description)
values ('widgets', 999, 'staging_widgets', 'widget_id', 'widgets', 'load_widgets', 'An entity not built yet.');
select tests.open_load_batch('2024-03-01') as file_id \gset
select tests.stage_hammer_masters(:file_id);

select throws_ok(
    $$call cw_000901.step_load('2024-03-01', null)$$,
    'CW230',
    'cw_global.load_entities lists entities client CW-000901 cannot load: widgets (no table '
    'cw_000901_staging.staging_widgets and no procedure cw_000901.load_widgets(date))',
    'an entity of the catalog without its staging table and procedure stops the load and is named'
);

select is_empty(
    $$select from cw_000901.products$$,
    'nothing was written'
);

select * from finish();
rollback;
