begin;
select plan(3);

select is_empty(
    $$ select distinct table_name from cw_000901.field_ownership
       where owner = 'ui' and cw_000901.ui_journal_key_columns(table_name) is null $$,
    'every table with UI-owned columns has a journal key (a unique index without identity columns)'
);
select is(
    cw_000901.ui_journal_key_columns('supply_network_overrides'),
    array['location_id', 'supplier_id'],
    'an expression index (coalesce(supplier_id, 0)) gives its columns'
);
select is(
    cw_000901.ui_journal_key_columns('po_recommendations'),
    array['product_id', 'supplier_id', 'location_id', 'recommendation_date'],
    'a table keyed by an identity id is named by its business columns'
);

select * from finish();
rollback;
