-- Step load, master data 3/3: price lists and their prices (staging_prices: one row per price line).

create or replace procedure ${schema}.write_price_lists(p_run_date date, p_src_row bigint)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    with written as (
        insert into ${schema}.price_lists as price_lists (
            erp_id, name, channel, country_id, currency_id, valid_from, valid_to, first_seen_date, row_hash
        )
        select src.erp_key, src.name, src.channel, src.country_id, src.currency_id, src.valid_from, src.valid_to,
               p_run_date, src.row_hash
        from src_price_lists as src
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from ${schema}.price_lists as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash
                                and existing.is_active)
        on conflict on constraint price_lists_erp_id_key do update
        set name = excluded.name, channel = excluded.channel, country_id = excluded.country_id,
            currency_id = excluded.currency_id, valid_from = excluded.valid_from, valid_to = excluded.valid_to,
            row_hash = excluded.row_hash, is_active = true, deactivated_on = null, updated_at = now()
        where price_lists.row_hash is distinct from excluded.row_hash or not price_lists.is_active
        returning (price_lists.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'price_lists', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;
end
$$;
comment on procedure ${schema}.write_price_lists(date, bigint) is
'Upserts the accepted rows of src_price_lists by ERP id, writing only changed rows.';

create or replace procedure ${schema}.write_prices(p_run_date date, p_src_row bigint)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    with written as (
        insert into ${schema}.prices as prices (
            price_list_id, product_id, erp_price, erp_promo_price, price, promo_price, first_seen_date, row_hash,
            raw_hash
        )
        select price_lists.id, products.id, src.price, src.promo_price, round(src.price * src.fx_rate, 4),
               round(src.promo_price * src.fx_rate, 4), p_run_date, src.row_hash, src.raw_hash
        from src_prices as src
        inner join ${schema}.price_lists on price_lists.erp_id = src.price_list_erp_id
        inner join ${schema}.products on products.erp_id = src.product_erp_id
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from ${schema}.prices as existing
                            where existing.price_list_id = price_lists.id and existing.product_id = products.id
                                and existing.row_hash = src.row_hash and existing.is_active)
        on conflict on constraint prices_price_list_id_product_id_key do update
        set erp_price = excluded.erp_price, erp_promo_price = excluded.erp_promo_price, price = excluded.price,
            promo_price = excluded.promo_price, row_hash = excluded.row_hash, raw_hash = excluded.raw_hash,
            is_active = true, updated_at = now()
        where prices.row_hash is distinct from excluded.row_hash or not prices.is_active
        returning (prices.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'prices', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    if p_src_row is not null or ${schema}.load_has_unwritten_rows('prices') then
        update ${schema}.prices
        set raw_hash = src.raw_hash
        from src_prices as src
        inner join ${schema}.price_lists on price_lists.erp_id = src.price_list_erp_id
        inner join ${schema}.products on products.erp_id = src.product_erp_id
        where prices.price_list_id = price_lists.id and prices.product_id = products.id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row) and prices.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;
comment on procedure ${schema}.write_prices(date, bigint) is
'Upserts the accepted rows of src_prices by (price list, product): list-currency prices as sent and client-currency '
'prices, written only when changed.';

create or replace procedure ${schema}.load_price_lists(p_run_date date)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_deactivated bigint := 0;
    v_seed        bigint := ${schema}.load_seed();
    v_prepared    bigint := 0;
begin
    -- A list whose every line is as loaded before is counted and left alone (step_load's load_batch_records); its
    -- lines are counted below. A list re-sent twice in the batch: the last record wins, with its own lines only.
    call ${schema}.load_drop_temp('src_price_lists');
    call ${schema}.load_drop_temp('src_prices');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_price_lists where not batch_price_lists.is_unchanged) then
        create temp table src_price_lists on commit drop as
        select row_number() over (order by typed.erp_key, typed.raw_file_id, typed.record_no) as src_row, typed.*,
               ${schema}.fx_factor(typed.currency_id, p_run_date) as fx_rate,
               case when typed.erp_key is null then 'missing_fields'
                    when typed.occurrence > 1 then 'duplicate'
                    when typed.currency_id is null then 'unknown_currency'
                    when ${schema}.fx_factor(typed.currency_id, p_run_date) is null then 'no_fx_rate'
                    when typed.channel is null or typed.channel not in ('store', 'online') then 'unknown_value'
                    when typed.valid_to < typed.valid_from then 'price_list_validity_check'
               end as reject_code,
               md5(row(typed.name, typed.channel, typed.country, typed.currency_code, typed.valid_from,
                       typed.valid_to)::text)::uuid as row_hash
        from ${schema}.typed_price_lists(p_run_date) as typed;

        -- Price lines: a line whose values (its list's header values included, its position not) are those of the
        -- active price is counted and left alone, unless its list was rejected or the pair repeats in the batch.
        create temp table src_prices on commit drop as
        with hashed as (
            select staging_prices.*,
                   hash_record_extended(row(staging_prices.price_list_id, staging_prices.location_id,
                                            staging_prices.channel, staging_prices.currency, staging_prices.valid_from,
                                            staging_prices.valid_to, staging_prices.product_id, staging_prices.price,
                                            staging_prices.promo_price, staging_prices.name, staging_prices.country,
                                            staging_prices.missing_fields, staging_prices.cast_errors),
                                                v_seed) as raw_hash
            from ${staging_schema}.staging_prices
        ),

        repeated as (
            select hashed.price_list_id, hashed.product_id, true as is_repeated
            from hashed
            group by hashed.price_list_id, hashed.product_id
            having count(*) > 1
        ),

        lines as (
            select hashed.raw_file_id, hashed.record_no, hashed.line_no,
                   hashed.price_list_id as price_list_erp_id, hashed.product_id as product_erp_id,
                   hashed.price, nullif(hashed.promo_price, 0) as promo_price, hashed.raw_hash,
                   hashed.missing_fields, hashed.cast_errors, lists.reject_code as list_reject_code,
                   lists.fx_rate,
                   row_number() over (partition by hashed.raw_file_id, hashed.record_no, hashed.product_id
                                      order by hashed.line_no desc) as occurrence
            from hashed
            inner join src_price_lists as lists
                on lists.raw_file_id = hashed.raw_file_id and lists.record_no = hashed.record_no
            left join repeated
                on repeated.price_list_id = hashed.price_list_id and repeated.product_id = hashed.product_id
            left join ${schema}.price_lists on price_lists.erp_id = hashed.price_list_id
            left join ${schema}.products on products.erp_id = hashed.product_id
            left join ${schema}.prices as loaded
                on loaded.price_list_id = price_lists.id and loaded.product_id = products.id and loaded.is_active
            where lists.reject_code is not null or repeated.is_repeated
                or loaded.raw_hash is distinct from hashed.raw_hash
        )

        select row_number() over (order by lines.price_list_erp_id, lines.product_erp_id, lines.line_no) as src_row,
               lines.price_list_erp_id || '/' || coalesce(lines.product_erp_id, '?') as erp_key, lines.*,
               case when lines.list_reject_code is not null then 'orphan_price_list'
                    when lines.product_erp_id is null or cardinality(lines.missing_fields) > 0 then 'missing_fields'
                    when cardinality(lines.cast_errors) > 0 then 'cast_errors'
                    when lines.occurrence > 1 then 'duplicate'
                    when not exists (select from ${schema}.products where products.erp_id = lines.product_erp_id)
                        then 'orphan_product'
                    when lines.price < 0 or lines.price * lines.fx_rate >= 1e10 then 'price_amount_check'
                    when lines.promo_price < 0 or lines.promo_price * lines.fx_rate >= 1e10 then 'price_promo_check'
               end as reject_code,
               md5(row(lines.price, lines.promo_price)::text)::uuid as row_hash
        from lines;
        analyze src_prices;

        call ${schema}.load_reject_rows('price_lists', p_run_date);
        call ${schema}.load_apply('price_lists', p_run_date);
        call ${schema}.load_reject_rows('prices', p_run_date);
        call ${schema}.load_apply('prices', p_run_date);

        select count(*) into v_prepared from src_prices;

        -- The list's raw hash (null while a line of it is rejected: prepared again next time).
        update ${schema}.price_lists
        set raw_hash = lists.raw_hash
        from (select src.erp_key,
                     case when not exists (select from src_prices
                                           where src_prices.raw_file_id = src.raw_file_id
                                               and src_prices.record_no = src.record_no
                                               and src_prices.reject_code is not null) then src.raw_hash end as raw_hash
              from src_price_lists as src
              where src.reject_code is null) as lists
        where lists.erp_key = price_lists.erp_id and price_lists.raw_hash is distinct from lists.raw_hash;

        -- A product that left a list the ERP still sends: its price is deactivated (kept for history). Only lists that
        -- changed can have lost a product.
        update ${schema}.prices
        set is_active = false, updated_at = now()
        from ${schema}.price_lists, ${schema}.products
        where price_lists.id = prices.price_list_id and products.id = prices.product_id and prices.is_active
            and exists (select from src_price_lists as lists
                        where lists.erp_key = price_lists.erp_id and lists.reject_code is null)
            and not exists (select from ${staging_schema}.staging_prices as staged
                            where staged.price_list_id = price_lists.erp_id and staged.product_id = products.erp_id);
        get diagnostics v_deactivated = row_count;
    end if;
    if exists (select from batch_price_lists) then
        update ${schema}.price_lists
        set is_active = false, deactivated_on = p_run_date, updated_at = now()
        where price_lists.is_active
            and not exists (select from batch_price_lists where batch_price_lists.erp_key = price_lists.erp_id);
    end if;
    insert into load_counts (entity, inserted, updated, unchanged)
    select 'prices', 0, 0, (select count(*) from ${staging_schema}.staging_prices) - v_prepared;
    insert into load_counts (entity, inserted, updated, deactivated) values ('prices', 0, 0, v_deactivated);
end
$$;
comment on procedure ${schema}.load_price_lists(date) is
'Step load, prices: staging_prices (full snapshot, one row per line) into price_lists and prices (promo 0.00 = no '
'promotion; client-currency amounts at the run date''s rate); prices of products that left a list, and lists that '
'left the snapshot, are deactivated.';
