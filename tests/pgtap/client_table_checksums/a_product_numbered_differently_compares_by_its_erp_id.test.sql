-- cw verify compares a rebuilt client with the live one. A rebuild may number a product differently (an insert's
-- identity gaps): a table that names it by id without a foreign key (demand_weeks) must still compare equal.
begin;
select plan(3);

create function pg_temp.two_products(p_schema text, p_first text, p_second text)
returns void
language plpgsql
as $$
begin
    execute format(
        'insert into %1$I.products (erp_id, name, erp_currency_id, cost, price, erp_status, first_seen_date, row_hash)
         select erp_id, erp_id, (select id from cw_global.currencies where code = %2$L), 1, 2, %3$L, date %4$L,
                md5(erp_id)::uuid
         from (values (1, %5$L), (2, %6$L)) as names (position, erp_id) order by position;
         insert into %1$I.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
         values (%7$L, %7$L, %8$L, 1, %3$L, date %4$L, md5(%7$L)::uuid);
         insert into %1$I.demand_weeks (product_id, location_id, week_start, listed_mask, demand_qty_cum,
                                        sold_revenue_cum, sold_qty_cum, changed_at)
         select products.id, locations.id, date %9$L, 127, array[1, 2, 3, 4, 5, 6, products.price::integer],
                array[0, 0, 0, 0, 0, 0, 0], array[0, 0, 0, 0, 0, 0, 0], now()
         from %1$I.products cross join %1$I.locations where products.erp_id like %10$L',
        p_schema, 'EUR', 'active', '2024-01-01', p_first, p_second, 'CK-S1', 'store', '2024-06-03', 'CK-%');
    execute format('update %I.products set price = 7 where erp_id = %L', p_schema, 'CK-B');
    execute format('update %I.demand_weeks set demand_qty_cum[7] = 7 from %I.products '
                   'where products.id = demand_weeks.product_id and products.erp_id = %L', p_schema, p_schema, 'CK-B');
end
$$;
select pg_temp.two_products('cw_000901', 'CK-A', 'CK-B'), pg_temp.two_products('cw_000902', 'CK-B', 'CK-A');
select isnt((select id from cw_000901.products where erp_id = 'CK-A'),
            (select id from cw_000902.products where erp_id = 'CK-A'), 'fixture: CK-A has another id in each client');

create temporary view tap_sums as
select one.table_name, one.checksum as one, two.checksum as two
from cw_global.client_table_checksums('CW-000901') as one
inner join cw_global.client_table_checksums('CW-000902') as two
    on two.schema_kind = one.schema_kind and two.table_name = one.table_name;
select is((select one from tap_sums where table_name = 'demand_weeks'),
          (select two from tap_sums where table_name = 'demand_weeks'),
          'demand_weeks (product_id without a foreign key) compares equal: the product by its ERP id');

update cw_000902.demand_weeks set demand_qty_cum[7] = 8
where product_id = (select id from cw_000902.products where erp_id = 'CK-B');
select isnt((select one from tap_sums where table_name = 'demand_weeks'),
            (select two from tap_sums where table_name = 'demand_weeks'),
            'a changed quantity of one product still shows');

select * from finish();
rollback;
