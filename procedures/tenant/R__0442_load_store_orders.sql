-- Step load, store orders (replenishment requests) with their lines; an unknown source location stays null.

create or replace procedure ${schema}.write_store_orders(p_run_date date, p_src_row bigint)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    with written as (
        insert into ${schema}.store_orders as orders (
            erp_id, location_id, source_location_id, order_date, requested_date, first_loaded_on, row_hash, raw_hash
        )
        select src.erp_key, locations.id, sources.id, src.order_date, src.requested_date, p_run_date, src.row_hash,
               src.raw_hash
        from src_store_orders as src
        inner join ${schema}.locations on locations.erp_id = src.location_erp_id
        left join ${schema}.locations as sources on sources.erp_id = src.source_location_erp_id
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from ${schema}.store_orders as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash)
        on conflict on constraint store_orders_erp_id_key do update
        set location_id = excluded.location_id, source_location_id = excluded.source_location_id,
            order_date = excluded.order_date, requested_date = excluded.requested_date, row_hash = excluded.row_hash,
            raw_hash = excluded.raw_hash, updated_at = now()
        where orders.row_hash is distinct from excluded.row_hash
        returning (orders.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'store_orders', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    with written as (
        insert into ${schema}.store_order_lines as lines (
            store_order_id, line_no, product_id, qty_requested, qty_allocated, row_hash
        )
        select orders.id, src_lines.line_no, products.id, src_lines.qty_requested, src_lines.qty_allocated,
               src_lines.row_hash
        from src_store_order_lines as src_lines
        inner join src_store_orders as headers on headers.src_row = src_lines.doc_row
        inner join ${schema}.store_orders as orders on orders.erp_id = headers.erp_key
        inner join ${schema}.products on products.erp_id = src_lines.product_erp_id
        where src_lines.reject_code is null and (p_src_row is null or headers.src_row = p_src_row)
            and not exists (select from ${schema}.store_order_lines as existing
                            where existing.store_order_id = orders.id and existing.line_no = src_lines.line_no
                                and existing.row_hash = src_lines.row_hash and existing.is_active)
        on conflict on constraint store_order_lines_store_order_id_line_no_key do update
        set product_id = excluded.product_id, qty_requested = excluded.qty_requested,
            qty_allocated = excluded.qty_allocated, row_hash = excluded.row_hash, is_active = true, updated_at = now()
        where lines.row_hash is distinct from excluded.row_hash or not lines.is_active
        returning (lines.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'store_order_lines', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    -- The document's raw hash, also when only a line changed (null while a line is rejected: prepared again).
    if p_src_row is not null or ${schema}.load_has_unwritten_rows('store_orders') then
        update ${schema}.store_orders
        set raw_hash = src.raw_hash
        from src_store_orders as src
        where src.erp_key = store_orders.erp_id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
            and store_orders.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;
comment on procedure ${schema}.write_store_orders(date, bigint) is
'Upserts accepted store order headers and lines (all, or one document), only rows whose hash changed.';

create or replace procedure ${schema}.load_store_orders(p_run_date date)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    call ${schema}.load_drop_temp('src_store_orders');
    call ${schema}.load_drop_temp('src_store_order_lines');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_store_orders where not batch_store_orders.is_unchanged) then
        create temp table src_store_orders on commit drop as
        select row_number() over (order by typed.erp_key, typed.raw_file_id, typed.record_no) as src_row, typed.*,
               case when typed.erp_key is null or typed.order_date is null or typed.location_erp_id is null
                        then 'missing_fields'
                    when typed.occurrence > 1 then 'duplicate'
                    when not exists (select from ${schema}.locations where locations.erp_id = typed.location_erp_id)
                        or (typed.source_location_erp_id is not null
                            and not exists (select from ${schema}.locations
                                            where locations.erp_id = typed.source_location_erp_id))
                        then 'orphan_location'
                    when typed.requested_date < typed.order_date then 'store_order_dates_check'
                    when typed.source_location_erp_id = typed.location_erp_id then 'store_order_locations_check'
               end as reject_code,
               md5(row(typed.location_erp_id, typed.source_location_erp_id, typed.order_date,
                       typed.requested_date)::text)::uuid as row_hash
        from ${schema}.typed_store_orders(p_run_date) as typed;
        analyze src_store_orders;

        create temp table src_store_order_lines on commit drop as
        select row_number() over (order by headers.src_row, staged.line_no) as src_row, headers.src_row as doc_row,
               staged.raw_file_id, staged.record_no, staged.line_no,
               headers.erp_key || '/' || coalesce(staged.line_no::text, '?') as erp_key,
               staged.product_id as product_erp_id, staged.qty as qty_requested, staged.qty_allocated,
               case when headers.reject_code = 'duplicate' then 'duplicate'
                    when headers.reject_code is not null then 'orphan_document'
                    when staged.product_id is null or staged.qty is null or staged.line_no is null
                        or cardinality(staged.missing_fields) > 0 then 'missing_fields'
                    when cardinality(staged.cast_errors) > 0 then 'cast_errors'
                    when not exists (select from ${schema}.products where products.erp_id = staged.product_id)
                        then 'orphan_product'
                    when staged.line_no <= 0 then 'store_order_line_no_check'
                    when staged.qty < 0 or staged.qty_allocated < 0
                        or greatest(staged.qty, staged.qty_allocated) >= 1e11
                        then 'store_order_line_qty_check'
               end as reject_code,
               md5(row(staged.product_id, staged.qty, staged.qty_allocated)::text)::uuid as row_hash
        from ${staging_schema}.staging_store_orders as staged
        inner join src_store_orders as headers
            on headers.raw_file_id = staged.raw_file_id and headers.record_no = staged.record_no;
        analyze src_store_order_lines;
        call ${schema}.load_unhash_rejected_documents('store_orders', 'store_order_lines');

        call ${schema}.load_reject_rows('store_orders', p_run_date);
        call ${schema}.load_reject_rows('store_order_lines', p_run_date);
        call ${schema}.load_apply('store_orders', p_run_date);
    end if;
end
$$;
comment on procedure ${schema}.load_store_orders(date) is
'Step load, store orders: the changed records of batch_store_orders (staging_store_orders, one row per line) into '
'store_orders and store_order_lines. An unknown location rejects the document, an unknown product the line.';
