-- Step 9: one row per assortment with its STOCK / NOT-STOCK counts, for the buyer's overview and bin/cw demo.
create or replace view ${schema}.assortment_summary as
with counted as (
    select
        assortment_products.assortment_id,
        count(*) as product_count,
        count(*) filter (where assortment_products.cw_product_assortment_status_id = 1) as cw_stock_count,
        count(*) filter (where assortment_products.cw_product_assortment_status_id = 2) as cw_not_stock_count,
        count(*) filter (
            where coalesce(
                assortment_products.client_product_assortment_status_id,
                assortment_products.cw_product_assortment_status_id
            ) = 2
        ) as not_stock_count,
        count(*) filter (
            where assortment_products.client_product_assortment_status_id
            != assortment_products.cw_product_assortment_status_id
        ) as client_override_count,
        count(*) filter (where assortment_products.is_launch) as launch_count,
        count(*) filter (where assortment_products.is_phase_out) as phase_out_count,
        count(*) filter (where assortment_products.is_retired) as retired_count,
        max(assortment_products.computed_on) as last_computed_on
    from ${schema}.assortment_products
    group by assortment_products.assortment_id
),

final as (
    select
        assortments.id as assortment_id,
        assortment_types.name as assortment_type,
        locations.erp_id as location_erp_id,
        brands.name as brand_name,
        assortments.effective_date,
        assortment_workflow_statuses.name as workflow_status,
        counted.last_computed_on,
        coalesce(counted.product_count, 0) as product_count,
        coalesce(counted.cw_stock_count, 0) as cw_stock_count,
        coalesce(counted.cw_not_stock_count, 0) as cw_not_stock_count,
        coalesce(counted.not_stock_count, 0) as not_stock_count,
        coalesce(counted.client_override_count, 0) as client_override_count,
        coalesce(counted.launch_count, 0) as launch_count,
        coalesce(counted.phase_out_count, 0) as phase_out_count,
        coalesce(counted.retired_count, 0) as retired_count
    from ${schema}.assortments
    inner join ${schema}.assortment_types on assortments.assortment_type_id = assortment_types.id
    inner join ${schema}.assortment_workflow_statuses
        on assortments.assortment_workflow_status_id = assortment_workflow_statuses.id
    left join ${schema}.locations on assortments.location_id = locations.id
    left join ${schema}.brands on assortments.brand_id = brands.id
    left join counted on assortments.id = counted.assortment_id
)

select * from final;
comment on view ${schema}.assortment_summary is
'One row per assortment (global or a location''s, by brand when configured): workflow status, products, the '
'pipeline''s STOCK / NOT-STOCK counts, the effective NOT-STOCK count (client status, else CW status), how many '
'products the client decided differently, launches, phase-outs, retirements. docs/assortment.md.';
grant select on ${schema}.assortment_summary to ${ui_role};
comment on column ${schema}.assortment_summary.assortment_id is 'The assortment.';
comment on column ${schema}.assortment_summary.assortment_type is 'global or local.';
comment on column ${schema}.assortment_summary.location_erp_id is 'ERP id of the location (local); null for global.';
comment on column ${schema}.assortment_summary.brand_name is 'The brand (assortment.by_brand); null = all brands.';
comment on column ${schema}.assortment_summary.effective_date is 'First date the assortment applies.';
comment on column ${schema}.assortment_summary.workflow_status is 'in_review, confirmed or locked (client-owned).';
comment on column ${schema}.assortment_summary.product_count is 'Products in the assortment.';
comment on column ${schema}.assortment_summary.cw_stock_count is 'Products the pipeline recommends to stock.';
comment on column ${schema}.assortment_summary.cw_not_stock_count is 'Products the pipeline recommends not to stock.';
comment on column ${schema}.assortment_summary.not_stock_count is
'Products effectively NOT-STOCK (client status, else the pipeline''s).';
comment on column ${schema}.assortment_summary.client_override_count is
'Products whose client status differs from the pipeline''s recommendation.';
comment on column ${schema}.assortment_summary.launch_count is 'Products flagged as launches.';
comment on column ${schema}.assortment_summary.phase_out_count is 'Products recommended for phase-out.';
comment on column ${schema}.assortment_summary.retired_count is 'Discontinued or dead products.';
comment on column ${schema}.assortment_summary.last_computed_on is 'Latest run date that changed one of its products.';
