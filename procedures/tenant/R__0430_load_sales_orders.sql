-- Step load, documents 1/2: customers, payment methods, sales orders and their lines. Staging holds one row per
-- line; a document is one raw record: when the batch repeats a document, its last record wins (lines included).

create or replace procedure ${schema}.write_sales_orders(p_run_date date, p_src_row bigint)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    with written as (
        insert into ${schema}.sales_orders as orders (
            erp_id, order_date, location_id, customer_id, customer_erp_id, payment_method_id, channel, status,
            currency_id, fx_rate, first_loaded_on, row_hash, raw_hash, document_type, original_erp_id,
            original_sales_order_id
        )
        select src.erp_key, src.order_date, locations.id, customers.id, src.customer_erp_id, payment_methods.id,
               src.channel, src.status, src.currency_id, src.fx_rate, p_run_date, src.row_hash, src.raw_hash,
               src.document_type, src.original_erp_id, originals.id
        from src_sales_orders as src
        inner join ${schema}.locations on locations.erp_id = src.location_erp_id
        left join ${schema}.customers on customers.erp_id = src.customer_erp_id
        left join ${schema}.payment_methods on payment_methods.code = src.payment_method
        left join ${schema}.sales_orders as originals on originals.erp_id = src.original_erp_id
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from ${schema}.sales_orders as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash)
        on conflict on constraint sales_orders_erp_id_key do update
        set order_date = excluded.order_date, location_id = excluded.location_id, customer_id = excluded.customer_id,
            customer_erp_id = excluded.customer_erp_id, payment_method_id = excluded.payment_method_id,
            channel = excluded.channel, status = excluded.status, currency_id = excluded.currency_id,
            fx_rate = excluded.fx_rate, row_hash = excluded.row_hash, raw_hash = excluded.raw_hash,
            document_type = excluded.document_type, original_erp_id = excluded.original_erp_id,
            original_sales_order_id = excluded.original_sales_order_id, updated_at = now()
        where orders.row_hash is distinct from excluded.row_hash
        returning (orders.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'sales_orders', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    with written as (
        insert into ${schema}.sales_order_lines as lines (
            sales_order_id, line_no, product_id, qty, unit_price, discount, revenue, row_hash, is_cancelled
        )
        select orders.id, src_lines.line_no, products.id, src_lines.qty,
               round(src_lines.unit_price * headers.fx_rate, 4),
               round(src_lines.discount * headers.fx_rate, 4), round(src_lines.revenue * headers.fx_rate, 4),
               src_lines.row_hash, src_lines.is_cancelled
        from src_sales_order_lines as src_lines
        inner join src_sales_orders as headers on headers.src_row = src_lines.doc_row
        inner join ${schema}.sales_orders as orders on orders.erp_id = headers.erp_key
        inner join ${schema}.products on products.erp_id = src_lines.product_erp_id
        where src_lines.reject_code is null and (p_src_row is null or headers.src_row = p_src_row)
            and not exists (select from ${schema}.sales_order_lines as existing
                            where existing.sales_order_id = orders.id and existing.line_no = src_lines.line_no
                                and existing.row_hash = src_lines.row_hash and existing.is_active)
        on conflict on constraint sales_order_lines_sales_order_id_line_no_key do update
        set product_id = excluded.product_id, qty = excluded.qty, unit_price = excluded.unit_price,
            discount = excluded.discount, revenue = excluded.revenue, row_hash = excluded.row_hash, is_active = true,
            is_cancelled = excluded.is_cancelled, updated_at = now()
        where lines.row_hash is distinct from excluded.row_hash or not lines.is_active
        returning (lines.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'sales_order_lines', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    -- A return whose original order arrives later (or in this batch) is linked to it.
    update ${schema}.sales_orders as returns
    set original_sales_order_id = originals.id, updated_at = now()
    from ${schema}.sales_orders as originals
    where returns.original_erp_id is not null and returns.original_sales_order_id is null
        and originals.erp_id = returns.original_erp_id;

    -- Lines a re-sent order no longer has are kept, inactive.
    update ${schema}.sales_order_lines
    set is_active = false, updated_at = now()
    from src_sales_orders as headers
    inner join ${schema}.sales_orders as orders on orders.erp_id = headers.erp_key
    where sales_order_lines.sales_order_id = orders.id and sales_order_lines.is_active and headers.reject_code is null
        and (p_src_row is null or headers.src_row = p_src_row)
        and not exists (select from src_sales_order_lines as src_lines
                        where src_lines.doc_row = headers.src_row and src_lines.line_no = sales_order_lines.line_no);

    -- The document's raw hash, also when only a line changed (null while a line is rejected: prepared again).
    if p_src_row is not null or ${schema}.load_has_unwritten_rows('sales_orders') then
        update ${schema}.sales_orders
        set raw_hash = src.raw_hash
        from src_sales_orders as src
        where src.erp_key = sales_orders.erp_id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
            and sales_orders.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;
comment on procedure ${schema}.write_sales_orders(date, bigint) is
'Upserts the accepted sales order headers of src_sales_orders (all, or one document) and their accepted lines, '
'writing only rows whose hash changed; lines missing from a re-sent order are marked inactive.';

create or replace procedure ${schema}.load_sales_orders(p_run_date date)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_cleansed text [] := ${schema}.cleansed_columns((select endpoint_mappings.endpoint
                                                     from cw_global.erp_endpoint_mappings as endpoint_mappings
                                                     inner join cw_global.clients
                                                         on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
                                                     where clients.schema_name = '${schema}'
                                                         and endpoint_mappings.staging_table = 'staging_sales_orders'
                                                         and endpoint_mappings.joined_into is null));
    v_quality  jsonb := ${schema}.settings('quality');
begin
    -- Documents whose every line is as loaded before are counted and left alone (step_load's load_batch_records).
    call ${schema}.load_drop_temp('src_sales_orders');
    call ${schema}.load_drop_temp('src_sales_order_lines');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_sales_orders where not batch_sales_orders.is_unchanged) then
        create temp table src_sales_orders on commit drop as
        select row_number() over (order by priced.erp_key, priced.raw_file_id, priced.record_no) as src_row, priced.*,
               case when priced.erp_key is not null and 'order_date' = any(v_cleansed)
                        and (priced.order_date is null
                             or priced.order_date > p_run_date + (v_quality ->> 'max_future_days')::integer
                             or priced.order_date < (v_quality ->> 'oldest_event_date')::date)
                        then 'invalid_date'
                    when priced.erp_key is null or priced.order_date is null or priced.location_erp_id is null
                        then 'missing_fields'
                    when priced.occurrence > 1 then 'duplicate'
                    when not exists (select from ${schema}.locations where locations.erp_id = priced.location_erp_id)
                        then 'orphan_location'
                    when priced.currency_id is null then 'unknown_currency'
                    when priced.fx_rate is null then 'no_fx_rate'
                    when priced.channel not in ('store', 'online')
                        or priced.status not in ('completed', 'cancelled', 'open')
                        or priced.document_type not in ('order', 'return')
                        or priced.payment_method !~ '^[a-z0-9_]+$' then 'unknown_value'
               end as reject_code,
               -- an order hashes as before returns were known, so existing rows are not rewritten
               case when priced.document_type = 'order' and priced.original_erp_id is null
                   then md5(row(priced.order_date, priced.location_erp_id, priced.customer_erp_id,
                                priced.payment_method, priced.channel, priced.status, priced.currency_code)::text)::uuid
                   else md5(row(priced.order_date, priced.location_erp_id, priced.customer_erp_id,
                                priced.payment_method, priced.channel, priced.status, priced.currency_code,
                                priced.document_type, priced.original_erp_id)::text)::uuid
               end as row_hash
        from ${schema}.typed_sales_orders(p_run_date) as priced;
        analyze src_sales_orders;

        create temp table src_sales_order_lines on commit drop as
        with lines as (
            select headers.src_row as doc_row, staged.raw_file_id, staged.record_no, staged.line_no, headers.erp_key,
                   staged.product_id as product_erp_id,
                   -- the dialect's load rules (sales_line_cleansing: returns by negative quantities, discount
                   -- fractions, recalculated line totals, invalid quantities removed); no row for other dialects
                   case when cleansed.raw_file_id is null then staged.qty else cleansed.qty end as qty,
                   case when cleansed.raw_file_id is null then staged.unit_price else cleansed.unit_price end
                       as unit_price,
                   case when cleansed.raw_file_id is null then staged.discount else cleansed.discount end as discount,
                   case when cleansed.raw_file_id is null then staged.revenue else cleansed.revenue end as revenue,
                   cleansed.reject_code as cleansing_reject_code,
                   coalesce(${schema}.erp_word('sales_orders', 'line_status', staged.line_status) = 'cancelled',
                            false) as is_cancelled,
                   staged.missing_fields,
                   case when cleansed.raw_file_id is null then staged.cast_errors
                        else array(select field from unnest(staged.cast_errors) as field
                                   where field <> all(v_cleansed)) end as cast_errors,
                   headers.reject_code as header_reject_code,
                       headers.fx_rate,
                   row_number() over (partition by headers.src_row,
                       staged.line_no order by staged.line_no) as occurrence
            from ${staging_schema}.staging_sales_orders as staged
            inner join src_sales_orders as headers
                on headers.raw_file_id = staged.raw_file_id and headers.record_no = staged.record_no
            left join ${schema}.sales_line_cleansing() as cleansed
                on cleansed.raw_file_id = staged.raw_file_id and cleansed.record_no = staged.record_no
                    and cleansed.line_no = staged.line_no
        )

        select row_number() over (order by lines.doc_row, lines.line_no) as src_row,
               lines.doc_row, lines.raw_file_id, lines.record_no, lines.line_no,
               lines.erp_key || '/' || coalesce(lines.line_no::text, '?') as erp_key, lines.product_erp_id, lines.qty,
               lines.unit_price, lines.discount, lines.revenue, lines.is_cancelled,
               case when lines.header_reject_code = 'duplicate' then 'duplicate'
                    when lines.header_reject_code is not null then 'orphan_document'
                    when lines.product_erp_id is null or lines.qty is null or lines.line_no is null
                        or cardinality(lines.missing_fields) > 0 then 'missing_fields'
                    when cardinality(lines.cast_errors) > 0 then 'cast_errors'
                    when lines.occurrence > 1 then 'duplicate'
                    when not exists (select from ${schema}.products where products.erp_id = lines.product_erp_id)
                        then 'orphan_product'
                    when lines.line_no <= 0 then 'sales_order_line_no_check'
                    when lines.cleansing_reject_code is not null then lines.cleansing_reject_code
                    when lines.qty < 0 or lines.qty >= 1e11 then 'sales_order_line_qty_check'
                    when lines.unit_price < 0 or lines.discount < 0 or lines.unit_price * lines.fx_rate >= 1e10
                        or lines.discount * lines.fx_rate >= 1e10 or abs(lines.revenue * lines.fx_rate) >= 1e12
                        then 'sales_order_line_amount_check'
               end as reject_code,
               -- an active line hashes as before cancellations were known, so existing rows are not rewritten
               case when lines.is_cancelled
                   then md5(row(lines.product_erp_id, lines.qty, lines.unit_price, lines.discount, lines.revenue,
                                'cancelled')::text)::uuid
                   else md5(row(lines.product_erp_id, lines.qty, lines.unit_price, lines.discount,
                                lines.revenue)::text)::uuid
               end as row_hash
        from lines;
        analyze src_sales_order_lines;
        call ${schema}.load_unhash_rejected_documents('sales_orders', 'sales_order_lines');

        call ${schema}.load_reject_rows('sales_orders', p_run_date);
        call ${schema}.load_reject_rows('sales_order_lines', p_run_date);

        -- Payment methods and customers named by the accepted orders (customer attributes from their latest order).
        insert into ${schema}.payment_methods (code, first_seen_date)
        select distinct src.payment_method, p_run_date
        from src_sales_orders as src
        where src.reject_code is null and src.payment_method is not null
        on conflict on constraint payment_methods_code_key do nothing;

        insert into ${schema}.customers as customers (
            erp_id, name, email, city_name, first_order_date, last_order_date, row_hash
        )
        select latest.customer_erp_id, latest.customer_name, latest.customer_email, latest.customer_city,
               latest.first_order_date, latest.last_order_date,
               md5(row(latest.customer_name, latest.customer_email, latest.customer_city)::text)::uuid
        from (
            select distinct on (src.customer_erp_id) src.customer_erp_id, src.customer_name, src.customer_email,
                   src.customer_city,
                   min(src.order_date) over (partition by src.customer_erp_id) as first_order_date,
                   max(src.order_date) over (partition by src.customer_erp_id) as last_order_date
            from src_sales_orders as src
            where src.reject_code is null and src.customer_erp_id is not null
            order by src.customer_erp_id, src.order_date desc, src.raw_file_id desc, src.record_no desc
        ) as latest
        where not exists (
            select from ${schema}.customers as existing
            where existing.erp_id = latest.customer_erp_id
                and existing.row_hash
                    = md5(row(latest.customer_name, latest.customer_email, latest.customer_city)::text)::uuid
                and existing.first_order_date <= latest.first_order_date
                and existing.last_order_date >= latest.last_order_date
        )
        on conflict on constraint customers_erp_id_key do update
        set name = case when excluded.last_order_date >= customers.last_order_date
            then excluded.name else customers.name end,
            email = case when excluded.last_order_date >= customers.last_order_date then excluded.email
                         else customers.email end,
            city_name = case when excluded.last_order_date >= customers.last_order_date then excluded.city_name
                             else customers.city_name end,
            row_hash = case when excluded.last_order_date >= customers.last_order_date then excluded.row_hash
                            else customers.row_hash end,
            first_order_date = least(customers.first_order_date, excluded.first_order_date),
            last_order_date = greatest(customers.last_order_date, excluded.last_order_date), updated_at = now()
        where (customers.row_hash is distinct from excluded.row_hash
               and excluded.last_order_date >= customers.last_order_date)
            or excluded.first_order_date < customers.first_order_date
            or excluded.last_order_date > customers.last_order_date;

        call ${schema}.load_apply('sales_orders', p_run_date);
    end if;
end
$$;
comment on procedure ${schema}.load_sales_orders(date) is
'Step load, sales: staging_sales_orders (that day''s documents, one row per line) into payment_methods, customers '
'(catwing null and the dialect''s placeholders in cw_global.erp_value_mappings, navision CASH, = anonymous), '
'sales_orders and sales_order_lines (amounts in the client currency at the order date''s rate). An unknown '
'location rejects the document; an unknown product rejects the line. Document '
'type order/return (navision Credit Memo, Return Order = return) and the original order of a return are kept on the '
'order, a cancelled line status on the line (is_cancelled); an unknown document type rejects the document.';
