-- Step 9, the consumers' view of the assortments: the effective STOCK / NOT-STOCK status of each product x location
-- on a date. Steps 8 and 10 join it (only_not_stocked) to give NOT-STOCK pairs no target and no purchase order.
-- Precedence: docs/assortment.md "Effective status". Step 8 runs before step 9 and reads the pipeline's statuses
-- decided before the run date (p_pipeline_before_run_date), so that its re-runs of a date give the same targets
-- whether or not step 9 of that date has run in between.
drop function if exists ${schema}.assortment_effective_status(date, boolean);
drop function if exists ${schema}.assortment_effective_status(date, boolean, boolean);
create or replace function ${schema}.assortment_effective_status(
    p_run_date date, p_only_not_stocked boolean default false, p_pipeline_before_run_date boolean default false,
    p_product_ids integer [] default null
)
returns table (
    product_id integer,
    location_id integer,
    effective_status text,
    status_source text,
    assortment_product_id bigint,
    is_locked boolean
)
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    with current_assortments as (
        select distinct on (assortments.assortment_type_id, coalesce(assortments.brand_id, 0),
                            coalesce(assortments.location_id, 0))
            assortments.id, assortments.location_id, assortments.effective_date,
            assortments.assortment_workflow_status_id = 3 as is_locked
        from ${schema}.assortments
        where assortments.effective_date <= p_run_date
        order by assortments.assortment_type_id, coalesce(assortments.brand_id, 0),
                 coalesce(assortments.location_id, 0), assortments.effective_date desc
    ),

    -- A product in two current assortments of one location (after assortment.by_brand was switched): the newer.
    assorted as (
        select distinct on (current_assortments.location_id, rows.product_id)
               current_assortments.location_id, rows.product_id, rows.id as assortment_product_id,
               client_status.name as client_status, cw_status.name as cw_status,
               current_assortments.is_locked or rows.assortment_workflow_status_id = 3 as is_locked
        from current_assortments
        -- A product scope (p_product_ids: step 8's scoped run) reads only those products' rows and their history.
        inner join ${schema}.assortment_products as rows
            on rows.assortment_id = current_assortments.id
            and (p_product_ids is null or rows.product_id = any (p_product_ids))
        -- The pipeline's status in force: the current one, or the one its history held before the run date (none
        -- for a row the pipeline first wrote on or after it).
        left join ${schema}.assortment_product_statuses as cw_status
            on cw_status.id = case
                when not p_pipeline_before_run_date then rows.cw_product_assortment_status_id
                else (select updates.cw_product_assortment_status_id
                      from ${schema}.assortment_product_updates as updates
                      where updates.assortment_product_id = rows.id and updates.update_date < p_run_date
                      order by updates.changed_at desc, updates.id desc
                      limit 1) end
        left join ${schema}.assortment_product_statuses as client_status
            on client_status.id = rows.client_product_assortment_status_id
        order by current_assortments.location_id, rows.product_id, current_assortments.effective_date desc,
                 rows.id desc
    ),

    global_rows as (
        select assorted.* from assorted where assorted.location_id is null
    ),

    local_rows as (
        select assorted.* from assorted where assorted.location_id is not null
    ),

    overrides as (
        select products.id as product_id, products.assortment_override
        from ${schema}.products
        where products.assortment_override is not null
            and (not p_only_not_stocked or products.assortment_override = 'NOT-STOCK')
            and (p_product_ids is null or products.id = any (p_product_ids))
    ),

    -- Every pair that some source speaks about. A global row or an override applies at every location; with
    -- p_only_not_stocked only those that can make a pair NOT-STOCK are spread over the locations.
    pairs as (
        select local_rows.product_id, local_rows.location_id from local_rows
        union
        select global_rows.product_id, locations.id
        from global_rows
        cross join ${schema}.locations
        where not p_only_not_stocked or coalesce(global_rows.client_status, global_rows.cw_status) = 'NOT-STOCK'
        union
        select overrides.product_id, locations.id
        from overrides
        cross join ${schema}.locations
    ),

    resolved as (
        select pairs.product_id, pairs.location_id,
               case when overrides.assortment_override = 'NOT-STOCK' then 'NOT-STOCK'
                    else coalesce(local_rows.client_status, global_rows.client_status, overrides.assortment_override,
                                  local_rows.cw_status, global_rows.cw_status) end as effective_status,
               case when overrides.assortment_override = 'NOT-STOCK' then 'product_override'
                    when local_rows.client_status is not null then 'local_client'
                    when global_rows.client_status is not null then 'global_client'
                    when overrides.assortment_override is not null then 'product_override'
                    when local_rows.cw_status is not null then 'local_cw'
                    else 'global_cw' end as status_source,
               case when local_rows.client_status is not null then local_rows.assortment_product_id
                    when global_rows.client_status is not null then global_rows.assortment_product_id
                    else coalesce(local_rows.assortment_product_id, global_rows.assortment_product_id)
               end as assortment_product_id,
               coalesce(local_rows.is_locked, global_rows.is_locked, false) as is_locked
        from pairs
        left join local_rows on local_rows.product_id = pairs.product_id and local_rows.location_id = pairs.location_id
        left join global_rows on global_rows.product_id = pairs.product_id
        left join overrides on overrides.product_id = pairs.product_id
    ),

    final as (
        select resolved.*
        from resolved
        where not p_only_not_stocked or resolved.effective_status = 'NOT-STOCK'
    )

    select * from final;
$$;
comment on function ${schema}.assortment_effective_status(date, boolean, boolean, integer []) is
'Effective STOCK / NOT-STOCK of each product x location on p_run_date, from the assortments effective that day: '
'products.assortment_override = NOT-STOCK first (the planner''s product-wide exclusion), then the client status of '
'the location''s assortment, of the global assortment, an override STOCK, the pipeline''s status of the location''s '
'assortment, of the global one. Pairs nothing speaks about are absent (stocked). p_only_not_stocked returns only the '
'NOT-STOCK pairs (what steps 8 and 10 join). p_pipeline_before_run_date reads the pipeline''s status as its '
'history (assortment_product_updates) held it before p_run_date (what step 8 joins, so that its re-runs are '
'identical whether or not step 9 of the date has run). p_product_ids (null = all) returns only those products'' '
'pairs, reading only their rows (step 8''s product-scoped run). docs/assortment.md.';
