-- Step load, transfer orders with their lines (after the store orders they answer); a store order number
-- that is a placeholder of the dialect (cw_global.erp_value_mappings) is no reference but the transfer's reason.

create or replace procedure ${schema}.write_transfer_orders(p_run_date date, p_src_row bigint)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    with written as (
        insert into ${schema}.transfer_orders as orders (
            erp_id, from_location_id, to_location_id, store_order_id, store_order_erp_id, reason, ship_date,
            expected_date, received_date, status, first_loaded_on, row_hash, raw_hash
        )
        select src.erp_key, from_locations.id, to_locations.id, store_orders.id, src.store_order_erp_id, src.reason,
               src.ship_date, src.expected_date, src.received_date, src.status, p_run_date, src.row_hash,
               src.raw_hash
        from src_transfer_orders as src
        inner join ${schema}.locations as from_locations on from_locations.erp_id = src.from_location_erp_id
        inner join ${schema}.locations as to_locations on to_locations.erp_id = src.to_location_erp_id
        left join ${schema}.store_orders on store_orders.erp_id = src.store_order_erp_id
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from ${schema}.transfer_orders as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash)
        on conflict on constraint transfer_orders_erp_id_key do update
        set from_location_id = excluded.from_location_id, to_location_id = excluded.to_location_id,
            store_order_id = excluded.store_order_id, store_order_erp_id = excluded.store_order_erp_id,
            reason = excluded.reason, ship_date = excluded.ship_date, expected_date = excluded.expected_date,
            received_date = excluded.received_date, status = excluded.status, row_hash = excluded.row_hash,
            raw_hash = excluded.raw_hash, updated_at = now()
        where orders.row_hash is distinct from excluded.row_hash
        returning (orders.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'transfer_orders', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    with written as (
        insert into ${schema}.transfer_order_lines as lines (
            transfer_order_id, line_no, product_id, qty_shipped, qty_received, row_hash
        )
        select orders.id, src_lines.line_no, products.id, src_lines.qty_shipped, src_lines.qty_received,
               src_lines.row_hash
        from src_transfer_order_lines as src_lines
        inner join src_transfer_orders as headers on headers.src_row = src_lines.doc_row
        inner join ${schema}.transfer_orders as orders on orders.erp_id = headers.erp_key
        inner join ${schema}.products on products.erp_id = src_lines.product_erp_id
        where src_lines.reject_code is null and (p_src_row is null or headers.src_row = p_src_row)
            and not exists (select from ${schema}.transfer_order_lines as existing
                            where existing.transfer_order_id = orders.id and existing.line_no = src_lines.line_no
                                and existing.row_hash = src_lines.row_hash and existing.is_active)
        on conflict on constraint transfer_order_lines_transfer_order_id_line_no_key do update
        set product_id = excluded.product_id, qty_shipped = excluded.qty_shipped,
            qty_received = excluded.qty_received, row_hash = excluded.row_hash, is_active = true, updated_at = now()
        where lines.row_hash is distinct from excluded.row_hash or not lines.is_active
        returning (lines.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'transfer_order_lines', count(*) filter (where written.is_insert),
           count(*) filter (where not written.is_insert)
    from written;

    -- The document's raw hash, also when only a line changed (null while a line is rejected: prepared again).
    if p_src_row is not null or ${schema}.load_has_unwritten_rows('transfer_orders') then
        update ${schema}.transfer_orders
        set raw_hash = src.raw_hash
        from src_transfer_orders as src
        where src.erp_key = transfer_orders.erp_id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
            and transfer_orders.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;
comment on procedure ${schema}.write_transfer_orders(date, bigint) is
'Upserts accepted transfer order headers and lines (all, or one document), only rows whose hash changed: a '
'transfer re-sent on receipt updates its status, receipt date and received quantities.';

create or replace procedure ${schema}.load_transfer_orders(p_run_date date)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    call ${schema}.load_drop_temp('src_transfer_orders');
    call ${schema}.load_drop_temp('src_transfer_order_lines');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_transfer_orders where not batch_transfer_orders.is_unchanged) then
        create temp table src_transfer_orders on commit drop as
        select row_number() over (order by typed.erp_key, typed.raw_file_id, typed.record_no) as src_row, typed.*,
               case when typed.erp_key is null or typed.from_location_erp_id is null or typed.to_location_erp_id is null
                        then 'missing_fields'
                    when typed.occurrence > 1 then 'duplicate'
                    when not exists (select from ${schema}.locations where locations.erp_id
                        = typed.from_location_erp_id)
                        or not exists (select from ${schema}.locations where locations.erp_id
                            = typed.to_location_erp_id)
                        then 'orphan_location'
                    when typed.from_location_erp_id = typed.to_location_erp_id then 'transfer_order_locations_check'
                    when typed.reason not in ('replenishment', 'store_closure', 'rebalance')
                        or typed.status not in ('open', 'shipped', 'received', 'cancelled') then 'unknown_value'
                    when typed.expected_date < typed.ship_date or typed.received_date < typed.ship_date
                        then 'transfer_order_dates_check'
               end as reject_code,
               md5(row(typed.from_location_erp_id, typed.to_location_erp_id, typed.store_order_erp_id, typed.reason,
                       typed.ship_date, typed.expected_date, typed.received_date, typed.status)::text)::uuid as row_hash
        from ${schema}.typed_transfer_orders(p_run_date) as typed;
        analyze src_transfer_orders;

        create temp table src_transfer_order_lines on commit drop as
        select row_number() over (order by headers.src_row, staged.line_no) as src_row, headers.src_row as doc_row,
               staged.raw_file_id, staged.record_no, staged.line_no,
               headers.erp_key || '/' || coalesce(staged.line_no::text, '?') as erp_key,
               staged.product_id as product_erp_id, staged.qty_shipped, staged.qty_received,
               case when headers.reject_code = 'duplicate' then 'duplicate'
                    when headers.reject_code is not null then 'orphan_document'
                    when staged.product_id is null or staged.line_no is null
                        or cardinality(staged.missing_fields) > 0 then 'missing_fields'
                    when cardinality(staged.cast_errors) > 0 then 'cast_errors'
                    when not exists (select from ${schema}.products where products.erp_id = staged.product_id)
                        then 'orphan_product'
                    when staged.line_no <= 0 then 'transfer_order_line_no_check'
                    when staged.qty_shipped < 0 or staged.qty_received < 0
                        or greatest(staged.qty_shipped, staged.qty_received) >= 1e11
                            then 'transfer_order_line_qty_check'
               end as reject_code,
               md5(row(staged.product_id, staged.qty_shipped, staged.qty_received)::text)::uuid as row_hash
        from ${staging_schema}.staging_transfer_orders as staged
        inner join src_transfer_orders as headers
            on headers.raw_file_id = staged.raw_file_id and headers.record_no = staged.record_no;
        analyze src_transfer_order_lines;
        call ${schema}.load_unhash_rejected_documents('transfer_orders', 'transfer_order_lines');

        call ${schema}.load_reject_rows('transfer_orders', p_run_date);
        call ${schema}.load_reject_rows('transfer_order_lines', p_run_date);
        call ${schema}.load_apply('transfer_orders', p_run_date);
    end if;
end
$$;
comment on procedure ${schema}.load_transfer_orders(date) is
'Step load, transfer orders: the changed records of batch_transfer_orders into transfer_orders and '
'transfer_order_lines. A store order number the dialect maps in cw_global.erp_value_mappings ("STORE CLOSURE") '
'references no store order and gives the reason (store_closure); an unknown store order stays null with its ERP '
'number kept.';
