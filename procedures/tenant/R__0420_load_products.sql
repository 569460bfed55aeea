-- Step load, master data 2/3: brands, the category tree, products and their supplier links.

create or replace procedure ${schema}.write_products(p_run_date date, p_src_row bigint)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    with resolved as (
        select src.*, brands.id as brand_id, categories.id as product_category_id, suppliers.id as supplier_id
        from src_products as src
        left join ${schema}.brands on brands.name = src.brand
        left join ${schema}.product_categories as categories on categories.path = src.category_path
        left join ${schema}.suppliers on suppliers.erp_id = src.supplier_erp_id
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from ${schema}.products as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash
                                and existing.is_active)
    ),

    written as (
        insert into ${schema}.products as products (
            erp_id, sku, ean, name, brand_id, product_category_id, primary_supplier_id, erp_currency_id, erp_cost,
            erp_price, cost, price, pack_size_qty, is_dropship, erp_status, launch_date, discontinue_date,
            erp_updated_at, first_seen_date, row_hash, raw_hash, erp_product_type
        )
        select resolved.erp_key, resolved.sku, resolved.ean, resolved.name, resolved.brand_id,
               resolved.product_category_id, resolved.supplier_id, resolved.currency_id, resolved.cost,
               resolved.price, round(resolved.cost * resolved.fx_rate, 4), round(resolved.price * resolved.fx_rate, 4),
               resolved.pack_size_qty, resolved.is_dropship, resolved.erp_status, resolved.launch_date,
               resolved.discontinue_date, resolved.erp_updated_at, p_run_date, resolved.row_hash, resolved.raw_hash,
               resolved.erp_product_type
        from resolved
        on conflict on constraint products_erp_id_key do update
        set sku = excluded.sku, ean = excluded.ean, name = excluded.name, brand_id = excluded.brand_id,
            product_category_id = excluded.product_category_id, primary_supplier_id = excluded.primary_supplier_id,
            erp_currency_id = excluded.erp_currency_id, erp_cost = excluded.erp_cost, erp_price = excluded.erp_price,
            cost = excluded.cost, price = excluded.price, pack_size_qty = excluded.pack_size_qty,
            is_dropship = excluded.is_dropship, erp_status = excluded.erp_status, launch_date = excluded.launch_date,
            discontinue_date = excluded.discontinue_date, erp_updated_at = excluded.erp_updated_at,
            row_hash = excluded.row_hash, raw_hash = excluded.raw_hash, is_active = true, deactivated_on = null,
            erp_product_type = excluded.erp_product_type, updated_at = now()
        where products.row_hash is distinct from excluded.row_hash or not products.is_active
        returning (products.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'products', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    if p_src_row is not null or ${schema}.load_has_unwritten_rows('products') then
        update ${schema}.products
        set raw_hash = src.raw_hash
        from src_products as src
        where src.erp_key = products.erp_id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
            and products.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;
comment on procedure ${schema}.write_products(date, bigint) is
'Upserts the accepted rows of src_products by ERP id (only changed rows): brand, leaf category and supplier '
'resolved by business key, money converted to the client currency. The UI-owned discontinued_override, '
'assortment_override and planner_note are never written: the ERP''s status lands in erp_status beside them.';

create or replace procedure ${schema}.load_products(p_run_date date)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_deactivated bigint := 0;
    v_level       integer;
begin
    call ${schema}.load_drop_temp('src_products');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_products where not batch_products.is_unchanged) then
        create temp table src_products on commit drop as
        select row_number() over (order by priced.erp_key, priced.raw_file_id, priced.record_no) as src_row, priced.*,
               case when priced.erp_key is null or cardinality(priced.missing_fields) > 0 then 'missing_fields'
                    when cardinality(priced.cast_errors) > 0 then 'cast_errors'
                    when priced.occurrence > 1 then 'duplicate'
                    when priced.currency_id is null then 'unknown_currency'
                    when priced.fx_rate is null then 'no_fx_rate'
                    when priced.erp_status is null
                        or priced.erp_status not in ('active', 'discontinued', 'planned', 'blocked')
                        then 'unknown_value'
                    when priced.name = '' then 'product_name_check'
                    when priced.cost < 0 or priced.cost * priced.fx_rate >= 1e10 then 'product_cost_check'
                    when priced.price < 0 or priced.price * priced.fx_rate >= 1e10 then 'product_price_check'
                    when priced.pack_size_qty <= 0 or priced.pack_size_qty >= 1e9 then 'product_pack_size_check'
                    when priced.discontinue_date < priced.launch_date then 'product_dates_check'
               end as reject_code,
               -- a product sent without a type hashes as before types were known (existing rows are not rewritten)
               case when priced.erp_product_type is null
                   then md5(row(priced.sku, priced.ean, priced.name, priced.brand, priced.category_path,
                                priced.supplier_erp_id, priced.currency_code, priced.cost, priced.price,
                                priced.pack_size_qty, priced.is_dropship, priced.erp_status, priced.launch_date,
                                priced.discontinue_date, priced.erp_updated_at)::text)::uuid
                   else md5(row(priced.sku, priced.ean, priced.name, priced.brand, priced.category_path,
                                priced.supplier_erp_id, priced.currency_code, priced.cost, priced.price,
                                priced.pack_size_qty, priced.is_dropship, priced.erp_status, priced.launch_date,
                                priced.discontinue_date, priced.erp_updated_at, priced.erp_product_type)::text)::uuid
               end as row_hash
        from ${schema}.typed_products(p_run_date) as priced;
        analyze src_products;
        call ${schema}.load_reject_rows('products', p_run_date);

        -- Brands and the category tree first (new names only), so that products can resolve them.
        insert into ${schema}.brands (name, first_seen_date)
        select distinct src.brand, p_run_date
        from src_products as src
        where src.reject_code is null and src.brand is not null
        on conflict on constraint brands_name_key do nothing;

        for v_level in 1..5 loop
            insert into ${schema}.product_categories (parent_id, level, name, path, first_seen_date)
            select distinct parent.id, v_level, src.category_levels[v_level],
                   array_to_string(src.category_levels[1:v_level], ' > '), p_run_date
            from src_products as src
            left join ${schema}.product_categories as parent
                on parent.path = array_to_string(src.category_levels[1:v_level - 1], ' > ')
            where src.reject_code is null and cardinality(src.category_levels) >= v_level
            on conflict on constraint product_categories_path_key do nothing;
        end loop;
        update ${schema}.product_categories
        set erp_code = leaves.category_code, updated_at = now()
        from (select distinct on (src.category_path) src.category_path, src.category_code
              from src_products as src
              where src.reject_code is null and src.category_code is not null
              order by src.category_path, src.raw_file_id desc, src.record_no desc) as leaves
        where product_categories.path = leaves.category_path
            and product_categories.erp_code is distinct from leaves.category_code;

        call ${schema}.load_apply('products', p_run_date);
        call ${schema}.resolve_product_types();

        -- Supplier links: the ERP's current supplier of each product is the primary link; older links stay, inactive.
        insert into ${schema}.product_suppliers as links (
            product_id, supplier_id, vendor_sku, pack_size_qty, is_primary, first_seen_date, row_hash
        )
        select products.id, products.primary_supplier_id, src.vendor_sku, src.pack_size_qty, true, p_run_date,
               md5(row(src.vendor_sku, src.pack_size_qty)::text)::uuid
        from src_products as src
        inner join ${schema}.products on products.erp_id = src.erp_key
        where src.reject_code is null and products.primary_supplier_id is not null
        on conflict on constraint product_suppliers_product_id_supplier_id_key do update
        set vendor_sku = excluded.vendor_sku, pack_size_qty = excluded.pack_size_qty, is_primary = true,
            is_active = true, row_hash = excluded.row_hash, updated_at = now()
        where links.row_hash is distinct from excluded.row_hash or not links.is_primary or not links.is_active;
        update ${schema}.product_suppliers
        set is_primary = false, is_active = false, updated_at = now()
        from ${schema}.products
        where products.id = product_suppliers.product_id and product_suppliers.is_active
            and products.primary_supplier_id is distinct from product_suppliers.supplier_id
            and exists (select from src_products as src where src.erp_key = products.erp_id
                and src.reject_code is null);
    end if;

    if exists (select from batch_products) then
        update ${schema}.products
        set is_active = false, deactivated_on = p_run_date, updated_at = now()
        where products.is_active
            and not exists (select from batch_products where batch_products.erp_key = products.erp_id);
        get diagnostics v_deactivated = row_count;
    end if;
    -- Brands and categories are active while an active product uses them (only recomputed after a change).
    if v_deactivated > 0 or exists (select from load_counts
                                    where load_counts.entity = 'products'
                                        and load_counts.inserted + load_counts.updated > 0) then
        update ${schema}.brands
        set is_active = usage.is_used, updated_at = now()
        from (select brands.id,
                     exists (select from ${schema}.products
                             where products.brand_id = brands.id and products.is_active) as is_used
              from ${schema}.brands) as usage
        where usage.id = brands.id and brands.is_active <> usage.is_used;
        update ${schema}.product_categories
        set is_active = usage.is_used, updated_at = now()
        from (select categories.id,
                     exists (select from ${schema}.products
                             inner join ${schema}.product_categories as leaves
                                 on leaves.id = products.product_category_id
                             where products.is_active
                                 and (leaves.path = categories.path or leaves.path like categories.path || ' > %'))
                         as is_used
              from ${schema}.product_categories as categories) as usage
        where usage.id = product_categories.id and product_categories.is_active <> usage.is_used;
    end if;
    insert into load_counts (entity, inserted, updated, deactivated) values ('products', 0, 0, v_deactivated);
end
$$;
comment on procedure ${schema}.load_products(date) is
'Step load, catalogue: staging_products (full snapshot) into brands, product_categories (the tree from catwing '
'category_path "A > B > C" or navision Level1..3), products (money in the client currency) and product_suppliers; '
'absent products are deactivated, a supplier change keeps the old link inactive.';
