begin;
select plan(5);

-- The webshop_csv dialect sends a document in several files: transaction_items.csv holds the lines of
-- transactions.csv and customers.csv their customer (cw_global.erp_endpoint_joins). The Quality Mapper maps each
-- transaction with its items as lines in file order and the customer's last row; a file joined into another endpoint
-- maps no rows of its own, and staging one unstages the documents it joins into.
set local datestyle = 'ISO, YMD';
update cw_global.clients
set erp_dialect_id = (select id from cw_global.erp_dialects where code = 'webshop_csv')
where code = 'CW-000901';
call cw_000901.ensure_raw_partition('2031-02-01');

create function pg_temp.raw_file(p_endpoint text, p_records jsonb [])
returns bigint
language plpgsql
as $$
declare
    v_file bigint;
begin
    insert into cw_000901_staging.raw_files (object_key, endpoint, file_date, size_bytes, etag, status, record_count,
                                             loaded_at)
    values (format('raw-data/CW-000901/2031-02-01/%s.csv', p_endpoint), p_endpoint, '2031-02-01', 1, 'etag',
            'loaded', cardinality(p_records), now())
    returning id into v_file;
    insert into cw_000901_staging.raw_records (file_id, file_date, endpoint, record_no, payload)
    select v_file, '2031-02-01', p_endpoint, record.no, record.payload
    from unnest(p_records) with ordinality as record (payload, no);
    return v_file;
end
$$;

select pg_temp.raw_file('transactions', array[
    '{"transaction_id": "T1", "customer_id": "C1", "transaction_date": "2031-02-01T10:00:00+01:00",
      "payment_method": "paypal", "status": "completed", "transaction_type": "sale", "original_transaction_id": "",
      "currency": "EUR", "updated_at": ""}',
    '{"transaction_id": "T2", "customer_id": "", "transaction_date": "2031-02-01", "payment_method": "",
      "status": "completed", "transaction_type": "sale", "original_transaction_id": "", "currency": "EUR",
      "updated_at": ""}'
]::jsonb []);
call cw_000901.map_to_staging('2031-02-01');
select is(
    (select string_agg(coalesce(product_id, '-'), ',') from cw_000901_staging.staging_sales_orders),
    '-,-',
    'before the items file lands, each transaction maps as a document without lines'
);

select pg_temp.raw_file('transaction_items', array[
    '{"transaction_item_id": "I1", "transaction_id": "T1", "product_id": "P1", "quantity": "2", "unit_price": "5.00",
      "discount": "0.1", "line_total": "9.00", "status": ""}',
    '{"transaction_item_id": "I2", "transaction_id": "T2", "product_id": "P2", "quantity": "1", "unit_price": "3.00",
      "discount": "0", "line_total": "3.00", "status": ""}',
    '{"transaction_item_id": "I3", "transaction_id": " T1 ", "product_id": "P3", "quantity": "1", "unit_price": "1",
      "discount": "", "line_total": "1", "status": "cancelled"}'
]::jsonb []);
select pg_temp.raw_file('customers', array[
    '{"customer_id": "C1", "first_name": "ann", "last_name": "OLD", "email": "old@example.com", "city": "York"}',
    '{"customer_id": "C1", "first_name": "Ann", "last_name": "Lee", "email": "ann@example.com", "city": "Leeds"}'
]::jsonb []);
call cw_000901.map_to_staging('2031-02-01');

select results_eq(
    $$ select so_id, line_no, product_id, qty, discount, revenue, line_status, location_id, channel, order_date
       from cw_000901_staging.staging_sales_orders order by so_id, line_no $$,
    $$ values ('T1', 1, 'P1', 2::numeric, 0.1::numeric, 9.00::numeric, null::text, 'WEB', 'online',
               '2031-02-01'::date),
              ('T1', 2, 'P3', 1, null, 1, 'cancelled', 'WEB', 'online', '2031-02-01'),
              ('T2', 1, 'P2', 1, 0, 3.00, null, 'WEB', 'online', '2031-02-01') $$,
    'the items are the lines of their transaction in file order (keys trimmed); the location and channel defaults'
);
select results_eq(
    $$ select customer_first_name, customer_last_name, customer_email, customer_city
       from cw_000901_staging.staging_sales_orders where so_id = 'T1' and line_no = 1 $$,
    $$ values ('Ann', 'Lee', 'ann@example.com', 'Leeds') $$,
    'the customer is the last row of its id in customers.csv'
);
select is(
    (select count(*)::integer from cw_000901_staging.staging_sales_orders
     where raw_file_id in (select id from cw_000901_staging.raw_files where endpoint <> 'transactions')),
    0,
    'the joined files map no rows of their own'
);
select is(
    (select string_agg(endpoint, ',' order by endpoint) from cw_000901.quality_endpoints('required_fields')),
    'products,transactions',
    'staging checks judge the joined endpoints through transactions'
);

select * from finish();
rollback;
