-- Step load, goods receipts with their lines (after the POs and transfers they receive); an unresolved
-- source stays null with its ERP number kept.

create or replace procedure ${schema}.write_receiving_orders(p_run_date date, p_src_row bigint)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    with written as (
        insert into ${schema}.receiving_orders as orders (
            erp_id, location_id, received_date, source_type, purchase_order_id, transfer_order_id, source_erp_id,
            first_loaded_on, row_hash, raw_hash
        )
        select src.erp_key, locations.id, src.received_date, src.source_type, purchase_orders.id,
               transfer_orders.id, src.source_erp_id, p_run_date, src.row_hash, src.raw_hash
        from src_receiving_orders as src
        inner join ${schema}.locations on locations.erp_id = src.location_erp_id
        left join ${schema}.purchase_orders
            on purchase_orders.erp_id = src.source_erp_id and src.source_type = 'purchase'
        left join ${schema}.transfer_orders
            on transfer_orders.erp_id = src.source_erp_id and src.source_type = 'transfer'
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from ${schema}.receiving_orders as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash)
        on conflict on constraint receiving_orders_erp_id_key do update
        set location_id = excluded.location_id, received_date = excluded.received_date,
            source_type = excluded.source_type, purchase_order_id = excluded.purchase_order_id,
            transfer_order_id = excluded.transfer_order_id, source_erp_id = excluded.source_erp_id,
            row_hash = excluded.row_hash, raw_hash = excluded.raw_hash, updated_at = now()
        where orders.row_hash is distinct from excluded.row_hash
        returning (orders.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'receiving_orders', count(*) filter (where written.is_insert),
           count(*) filter (where not written.is_insert)
    from written;

    with written as (
        insert into ${schema}.receiving_order_lines as lines (
            receiving_order_id, line_no, product_id, qty_received, qty_blocked, row_hash
        )
        select orders.id, src_lines.line_no, products.id, src_lines.qty_received, src_lines.qty_blocked,
               src_lines.row_hash
        from src_receiving_order_lines as src_lines
        inner join src_receiving_orders as headers on headers.src_row = src_lines.doc_row
        inner join ${schema}.receiving_orders as orders on orders.erp_id = headers.erp_key
        inner join ${schema}.products on products.erp_id = src_lines.product_erp_id
        where src_lines.reject_code is null and (p_src_row is null or headers.src_row = p_src_row)
            and not exists (select from ${schema}.receiving_order_lines as existing
                            where existing.receiving_order_id = orders.id and existing.line_no = src_lines.line_no
                                and existing.row_hash = src_lines.row_hash and existing.is_active)
        on conflict on constraint receiving_order_lines_receiving_order_id_line_no_key do update
        set product_id = excluded.product_id, qty_received = excluded.qty_received,
            qty_blocked = excluded.qty_blocked, row_hash = excluded.row_hash, is_active = true, updated_at = now()
        where lines.row_hash is distinct from excluded.row_hash or not lines.is_active
        returning (lines.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'receiving_order_lines', count(*) filter (where written.is_insert),
           count(*) filter (where not written.is_insert)
    from written;

    -- The document's raw hash, also when only a line changed (null while a line is rejected: prepared again).
    if p_src_row is not null or ${schema}.load_has_unwritten_rows('receiving_orders') then
        update ${schema}.receiving_orders
        set raw_hash = src.raw_hash
        from src_receiving_orders as src
        where src.erp_key = receiving_orders.erp_id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
            and receiving_orders.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;
comment on procedure ${schema}.write_receiving_orders(date, bigint) is
'Upserts accepted receipt headers and lines (all, or one document), only rows whose hash changed; the PO or '
'transfer received is resolved when it is loaded, its ERP number kept either way.';

create or replace procedure ${schema}.load_receiving_orders(p_run_date date)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    call ${schema}.load_drop_temp('src_receiving_orders');
    call ${schema}.load_drop_temp('src_receiving_order_lines');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_receiving_orders where not batch_receiving_orders.is_unchanged) then
        create temp table src_receiving_orders on commit drop as
        select row_number() over (order by typed.erp_key, typed.raw_file_id, typed.record_no) as src_row, typed.*,
               case when typed.erp_key is null or typed.received_date is null or typed.location_erp_id is null
                        then 'missing_fields'
                    when typed.occurrence > 1 then 'duplicate'
                    when not exists (select from ${schema}.locations where locations.erp_id = typed.location_erp_id)
                        then 'orphan_location'
                    when typed.source_type not in ('purchase', 'transfer') then 'unknown_value'
               end as reject_code,
               md5(row(typed.location_erp_id, typed.received_date, typed.source_type, typed.source_erp_id)::text)::uuid
                   as row_hash
        from ${schema}.typed_receiving_orders(p_run_date) as typed;
        analyze src_receiving_orders;

        create temp table src_receiving_order_lines on commit drop as
        select row_number() over (order by headers.src_row, staged.line_no) as src_row, headers.src_row as doc_row,
               staged.raw_file_id, staged.record_no, staged.line_no,
               headers.erp_key || '/' || coalesce(staged.line_no::text, '?') as erp_key,
               staged.product_id as product_erp_id, staged.qty_received, coalesce(staged.qty_blocked, 0) as qty_blocked,
               case when headers.reject_code = 'duplicate' then 'duplicate'
                    when headers.reject_code is not null then 'orphan_document'
                    when staged.product_id is null or staged.qty_received is null or staged.line_no is null
                        or cardinality(staged.missing_fields) > 0 then 'missing_fields'
                    when cardinality(staged.cast_errors) > 0 then 'cast_errors'
                    when not exists (select from ${schema}.products where products.erp_id = staged.product_id)
                        then 'orphan_product'
                    when staged.line_no <= 0 then 'receiving_order_line_no_check'
                    when staged.qty_received < 0 or staged.qty_blocked < 0 or staged.qty_received >= 1e11
                        then 'receiving_order_line_qty_check'
                    when staged.qty_blocked > staged.qty_received then 'receiving_order_line_blocked_check'
               end as reject_code,
               md5(row(staged.product_id, staged.qty_received, staged.qty_blocked)::text)::uuid as row_hash
        from ${staging_schema}.staging_receiving_orders as staged
        inner join src_receiving_orders as headers
            on headers.raw_file_id = staged.raw_file_id and headers.record_no = staged.record_no;
        analyze src_receiving_order_lines;
        call ${schema}.load_unhash_rejected_documents('receiving_orders', 'receiving_order_lines');

        call ${schema}.load_reject_rows('receiving_orders', p_run_date);
        call ${schema}.load_reject_rows('receiving_order_lines', p_run_date);
        call ${schema}.load_apply('receiving_orders', p_run_date);
    end if;
end
$$;
comment on procedure ${schema}.load_receiving_orders(date) is
'Step load, receipts: the changed records of batch_receiving_orders into receiving_orders and '
'receiving_order_lines; the source is a purchase order or a transfer (catwing po_id / transfer_id, navision '
'SourceType + SourceNo), kept as an ERP number when it does not resolve.';
