-- Step load, documents 2/2: purchase, store, transfer and receiving orders with their lines. Same rules as sales:
-- the last record of a document wins, a mandatory reference that does not resolve rejects the document (location,
-- supplier) or the line (product), optional references (a receipt's PO, a transfer's store order) stay null with
-- the ERP number kept.

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

create or replace procedure ${schema}.load_supply_orders(p_run_date date)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_started timestamptz;
    v_default text := ${schema}.erp_default_currency();
begin
    -- Purchase orders.
    v_started := clock_timestamp();
    call ${schema}.load_batch_records('purchase_orders', 'staging_purchase_orders', 'po_id', 'purchase_orders',
                                      'purchase_order_lines');
    call ${schema}.load_drop_temp('src_purchase_orders');
    call ${schema}.load_drop_temp('src_purchase_order_lines');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_purchase_orders where not batch_purchase_orders.is_unchanged) then
        create temp table src_purchase_orders on commit drop as
        -- Each distinct status word is mapped once per batch, not once per line.
        with statuses as (
            select words.erp_value, ${schema}.erp_word('purchase_orders', 'status', words.erp_value) as canonical_value
            from (select distinct staged.status as erp_value
                  from ${staging_schema}.staging_purchase_orders as staged) as words
        ),

        records as (
            select distinct on (staged.raw_file_id, staged.record_no)
                   staged.raw_file_id, staged.record_no, staged.po_id as erp_key,
                   staged.supplier_id as supplier_erp_id, staged.location_id as location_erp_id, staged.order_date,
                   staged.expected_date, statuses.canonical_value as status,
                   upper(coalesce(nullif(btrim(staged.currency), ''), v_default)) as currency_code, batch.raw_hash
            from ${staging_schema}.staging_purchase_orders as staged
            inner join batch_purchase_orders as batch
                on batch.raw_file_id = staged.raw_file_id and batch.record_no = staged.record_no
            left join statuses on statuses.erp_value = staged.status
            where not batch.is_unchanged
            order by staged.raw_file_id, staged.record_no, staged.line_no
        ),

        typed as (
            select records.*, currencies.id as currency_id,
                   ${schema}.fx_factor(currencies.id, records.order_date) as fx_rate,
                   row_number() over (partition by records.erp_key order by records.raw_file_id desc,
                       records.record_no desc)
                       as occurrence
            from records
            left join cw_global.currencies on currencies.code = records.currency_code
        )

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
        from typed;
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
    call ${schema}.load_record_stats('purchase_orders', p_run_date, v_started);
    call ${schema}.load_record_stats('purchase_order_lines', p_run_date, v_started);

    -- Store orders.
    v_started := clock_timestamp();
    call ${schema}.load_batch_records('store_orders', 'staging_store_orders', 'store_order_id', 'store_orders',
                                      'store_order_lines');
    call ${schema}.load_drop_temp('src_store_orders');
    call ${schema}.load_drop_temp('src_store_order_lines');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_store_orders where not batch_store_orders.is_unchanged) then
        create temp table src_store_orders on commit drop as
        with records as (
            select distinct on (staged.raw_file_id, staged.record_no)
                   staged.raw_file_id, staged.record_no, staged.store_order_id as erp_key,
                   staged.location_id as location_erp_id,
                   nullif(btrim(staged.source_location_id), '') as source_location_erp_id, staged.order_date,
                   staged.requested_date, batch.raw_hash
            from ${staging_schema}.staging_store_orders as staged
            inner join batch_store_orders as batch
                on batch.raw_file_id = staged.raw_file_id and batch.record_no = staged.record_no
            where not batch.is_unchanged
            order by staged.raw_file_id, staged.record_no, staged.line_no
        ),

        typed as (
            select records.*,
                   row_number() over (partition by records.erp_key order by records.raw_file_id desc,
                       records.record_no desc)
                       as occurrence
            from records
        )

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
        from typed;
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
    call ${schema}.load_record_stats('store_orders', p_run_date, v_started);
    call ${schema}.load_record_stats('store_order_lines', p_run_date, v_started);

    -- Transfer orders (after store orders, which they answer).
    v_started := clock_timestamp();
    call ${schema}.load_batch_records('transfer_orders', 'staging_transfer_orders', 'transfer_id', 'transfer_orders',
                                      'transfer_order_lines');
    call ${schema}.load_drop_temp('src_transfer_orders');
    call ${schema}.load_drop_temp('src_transfer_order_lines');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_transfer_orders where not batch_transfer_orders.is_unchanged) then
        create temp table src_transfer_orders on commit drop as
        -- Each distinct reason and status word is mapped once per batch, not once per line.
        with reasons as (
            select words.erp_value, ${schema}.erp_word('transfer_orders', 'reason', words.erp_value) as canonical_value
            from (select distinct staged.reason as erp_value
                  from ${staging_schema}.staging_transfer_orders as staged) as words
        ),

        statuses as (
            select words.erp_value, ${schema}.erp_word('transfer_orders', 'status', words.erp_value) as canonical_value
            from (select distinct staged.status as erp_value
                  from ${staging_schema}.staging_transfer_orders as staged) as words
        ),

        records as (
            select distinct on (staged.raw_file_id, staged.record_no)
                   staged.raw_file_id, staged.record_no, staged.transfer_id as erp_key,
                   staged.from_location_id as from_location_erp_id, staged.to_location_id as to_location_erp_id,
                   case when upper(btrim(staged.store_order_id)) = 'STORE CLOSURE' then null
                        else nullif(btrim(staged.store_order_id), '') end as store_order_erp_id,
                   coalesce(reasons.canonical_value,
                            case when upper(btrim(staged.store_order_id)) = 'STORE CLOSURE' then 'store_closure' end,
                            'replenishment') as reason,
                   staged.ship_date, staged.expected_date, staged.received_date,
                   statuses.canonical_value as status, batch.raw_hash
            from ${staging_schema}.staging_transfer_orders as staged
            inner join batch_transfer_orders as batch
                on batch.raw_file_id = staged.raw_file_id and batch.record_no = staged.record_no
            left join reasons on reasons.erp_value = staged.reason
            left join statuses on statuses.erp_value = staged.status
            where not batch.is_unchanged
            order by staged.raw_file_id, staged.record_no, staged.line_no
        ),

        typed as (
            select records.*,
                   row_number() over (partition by records.erp_key order by records.raw_file_id desc,
                       records.record_no desc)
                       as occurrence
            from records
        )

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
        from typed;
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
    call ${schema}.load_record_stats('transfer_orders', p_run_date, v_started);
    call ${schema}.load_record_stats('transfer_order_lines', p_run_date, v_started);

    -- Receiving orders (after the POs and transfers they receive).
    v_started := clock_timestamp();
    call ${schema}.load_batch_records('receiving_orders', 'staging_receiving_orders', 'receipt_id', 'receiving_orders',
                                      'receiving_order_lines');
    call ${schema}.load_drop_temp('src_receiving_orders');
    call ${schema}.load_drop_temp('src_receiving_order_lines');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_receiving_orders where not batch_receiving_orders.is_unchanged) then
        create temp table src_receiving_orders on commit drop as
        -- Each distinct source type word is mapped once per batch, not once per line.
        with source_types as (
            select words.erp_value,
                   ${schema}.erp_word('receiving_orders', 'source_type', words.erp_value) as canonical_value
            from (select distinct staged.source_type as erp_value
                  from ${staging_schema}.staging_receiving_orders as staged) as words
        ),

        records as (
            select distinct on (staged.raw_file_id, staged.record_no)
                   staged.raw_file_id, staged.record_no, staged.receipt_id as erp_key,
                   staged.location_id as location_erp_id, staged.received_date,
                   coalesce(source_types.canonical_value,
                            case when staged.po_id is not null then 'purchase'
                                 when staged.transfer_id is not null then 'transfer' end) as source_type,
                   coalesce(nullif(btrim(staged.po_id), ''), nullif(btrim(staged.transfer_id), ''),
                            nullif(btrim(staged.source_no), '')) as source_erp_id, batch.raw_hash
            from ${staging_schema}.staging_receiving_orders as staged
            inner join batch_receiving_orders as batch
                on batch.raw_file_id = staged.raw_file_id and batch.record_no = staged.record_no
            left join source_types on source_types.erp_value = staged.source_type
            where not batch.is_unchanged
            order by staged.raw_file_id, staged.record_no, staged.line_no
        ),

        typed as (
            select records.*,
                   row_number() over (partition by records.erp_key order by records.raw_file_id desc,
                       records.record_no desc)
                       as occurrence
            from records
        )

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
        from typed;
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
    call ${schema}.load_record_stats('receiving_orders', p_run_date, v_started);
    call ${schema}.load_record_stats('receiving_order_lines', p_run_date, v_started);
end
$$;
comment on procedure ${schema}.load_supply_orders(date) is
'Step load, supply documents: purchase orders, store orders, transfer orders (navision "STORE CLOSURE" = reason '
'store_closure) and receipts (catwing po_id / transfer_id, navision SourceType + SourceNo), each with its lines, in '
'dependency order.';
