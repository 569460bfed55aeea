-- Step load, purchase orders with their lines. Like every document: the last record of a document wins,
-- a mandatory reference that does not resolve rejects the document (supplier, location) or the line (product).

create or replace procedure ${schema}.write_purchase_orders(p_run_date date, p_src_row bigint)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    with written as (
        insert into ${schema}.purchase_orders as orders (
            erp_id, supplier_id, location_id, order_date, expected_date, status, currency_id, fx_rate,
            first_loaded_on, row_hash, raw_hash
        )
        select src.erp_key, suppliers.id, locations.id, src.order_date, src.expected_date, src.status,
               src.currency_id, src.fx_rate, p_run_date, src.row_hash, src.raw_hash
        from src_purchase_orders as src
        inner join ${schema}.suppliers on suppliers.erp_id = src.supplier_erp_id
        inner join ${schema}.locations on locations.erp_id = src.location_erp_id
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from ${schema}.purchase_orders as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash)
        on conflict on constraint purchase_orders_erp_id_key do update
        set supplier_id = excluded.supplier_id, location_id = excluded.location_id, order_date = excluded.order_date,
            expected_date = excluded.expected_date, status = excluded.status, currency_id = excluded.currency_id,
            fx_rate = excluded.fx_rate, row_hash = excluded.row_hash, raw_hash = excluded.raw_hash, updated_at = now()
        where orders.row_hash is distinct from excluded.row_hash
        returning (orders.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'purchase_orders', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    with written as (
        insert into ${schema}.purchase_order_lines as lines (
            purchase_order_id, line_no, product_id, qty_ordered, qty_confirmed, qty_delivered, unit_cost, row_hash
        )
        select orders.id, src_lines.line_no, products.id, src_lines.qty_ordered, src_lines.qty_confirmed,
               src_lines.qty_delivered, round(src_lines.unit_cost * headers.fx_rate, 4), src_lines.row_hash
        from src_purchase_order_lines as src_lines
        inner join src_purchase_orders as headers on headers.src_row = src_lines.doc_row
        inner join ${schema}.purchase_orders as orders on orders.erp_id = headers.erp_key
        inner join ${schema}.products on products.erp_id = src_lines.product_erp_id
        where src_lines.reject_code is null and (p_src_row is null or headers.src_row = p_src_row)
            and not exists (select from ${schema}.purchase_order_lines as existing
                            where existing.purchase_order_id = orders.id and existing.line_no = src_lines.line_no
                                and existing.row_hash = src_lines.row_hash and existing.is_active)
        on conflict on constraint purchase_order_lines_purchase_order_id_line_no_key do update
        set product_id = excluded.product_id, qty_ordered = excluded.qty_ordered,
            qty_confirmed = excluded.qty_confirmed, qty_delivered = excluded.qty_delivered,
            unit_cost = excluded.unit_cost, row_hash = excluded.row_hash, is_active = true, updated_at = now()
        where lines.row_hash is distinct from excluded.row_hash or not lines.is_active
        returning (lines.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'purchase_order_lines', count(*) filter (where written.is_insert),
           count(*) filter (where not written.is_insert)
    from written;

    -- The document's raw hash, also when only a line changed (null while a line is rejected: prepared again).
    if p_src_row is not null or ${schema}.load_has_unwritten_rows('purchase_orders') then
        update ${schema}.purchase_orders
        set raw_hash = src.raw_hash
        from src_purchase_orders as src
        where src.erp_key = purchase_orders.erp_id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
            and purchase_orders.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;
comment on procedure ${schema}.write_purchase_orders(date, bigint) is
'Upserts accepted purchase order headers and lines (all, or one document), only rows whose hash changed: a PO '
're-sent with new confirmed or delivered quantities updates just those lines.';

create or replace procedure ${schema}.load_purchase_orders(p_run_date date)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    call ${schema}.load_drop_temp('src_purchase_orders');
    call ${schema}.load_drop_temp('src_purchase_order_lines');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_purchase_orders where not batch_purchase_orders.is_unchanged) then
        create temp table src_purchase_orders on commit drop as
        select row_number() over (order by typed.erp_key, typed.raw_file_id, typed.record_no) as src_row, typed.*,
               case when typed.erp_key is null or typed.order_date is null or typed.supplier_erp_id is null
                        or typed.location_erp_id is null then 'missing_fields'
                    when typed.occurrence > 1 then 'duplicate'
                    when not exists (select from ${schema}.suppliers where suppliers.erp_id = typed.supplier_erp_id)
                        then 'orphan_supplier'
                    when not exists (select from ${schema}.locations where locations.erp_id = typed.location_erp_id)
                        then 'orphan_location'
                    when typed.currency_id is null then 'unknown_currency'
                    when typed.fx_rate is null then 'no_fx_rate'
                    when typed.status not in ('open', 'confirmed', 'partially_received', 'received', 'cancelled')
                        then 'unknown_value'
                    when typed.expected_date < typed.order_date then 'purchase_order_dates_check'
               end as reject_code,
               md5(row(typed.supplier_erp_id, typed.location_erp_id, typed.order_date, typed.expected_date,
                       typed.status, typed.currency_code)::text)::uuid as row_hash
        from ${schema}.typed_purchase_orders(p_run_date) as typed;
        analyze src_purchase_orders;

        create temp table src_purchase_order_lines on commit drop as
        select row_number() over (order by headers.src_row, staged.line_no) as src_row, headers.src_row as doc_row,
               staged.raw_file_id, staged.record_no, staged.line_no,
               headers.erp_key || '/' || coalesce(staged.line_no::text, '?') as erp_key,
               staged.product_id as product_erp_id, staged.qty_ordered, staged.qty_confirmed, staged.qty_delivered,
               staged.unit_cost,
               case when headers.reject_code = 'duplicate' then 'duplicate'
                    when headers.reject_code is not null then 'orphan_document'
                    when staged.product_id is null or staged.qty_ordered is null or staged.line_no is null
                        or cardinality(staged.missing_fields) > 0 then 'missing_fields'
                    when cardinality(staged.cast_errors) > 0 then 'cast_errors'
                    when not exists (select from ${schema}.products where products.erp_id = staged.product_id)
                        then 'orphan_product'
                    when staged.line_no <= 0 then 'purchase_order_line_no_check'
                    when staged.qty_ordered < 0 or staged.qty_confirmed < 0 or staged.qty_delivered < 0
                        or greatest(staged.qty_ordered, staged.qty_confirmed, staged.qty_delivered) >= 1e11
                        then 'purchase_order_line_qty_check'
                    when staged.qty_confirmed > staged.qty_ordered then 'purchase_order_line_confirmed_check'
                    when staged.unit_cost < 0 or staged.unit_cost * headers.fx_rate >= 1e10
                        then 'purchase_order_line_cost_check'
               end as reject_code,
               md5(row(staged.product_id, staged.qty_ordered, staged.qty_confirmed, staged.qty_delivered,
                       staged.unit_cost)::text)::uuid as row_hash
        from ${staging_schema}.staging_purchase_orders as staged
        inner join src_purchase_orders as headers
            on headers.raw_file_id = staged.raw_file_id and headers.record_no = staged.record_no;
        analyze src_purchase_order_lines;
        call ${schema}.load_unhash_rejected_documents('purchase_orders', 'purchase_order_lines');

        call ${schema}.load_reject_rows('purchase_orders', p_run_date);
        call ${schema}.load_reject_rows('purchase_order_lines', p_run_date);
        call ${schema}.load_apply('purchase_orders', p_run_date);
    end if;
end
$$;
comment on procedure ${schema}.load_purchase_orders(date) is
'Step load, purchase orders: the changed records of batch_purchase_orders (staging_purchase_orders, one row per '
'line) into purchase_orders and purchase_order_lines (unit costs in the client currency at the order date''s rate). '
'An unknown supplier or location rejects the document, an unknown product the line.';
