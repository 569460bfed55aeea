-- Products of each behaviour snapshot ranked by window revenue within their ABC class: what cw demo prints.
create or replace view ${schema}.top_products_by_class as
with ranked as (
    select
        product_behaviors.snapshot_date,
        abc_classes.code as abc_class,
        xyz_classes.code as xyz_class,
        fmr_classes.code as fmr_class,
        freq_classes.code as freq_class,
        products.erp_id,
        products.name,
        product_behaviors.demand_revenue,
        product_behaviors.velocity,
        product_behaviors.demand_pattern,
        product_behaviors.hotness_score,
        product_behaviors.n_stores,
        count(*) over (partition by product_behaviors.snapshot_date, abc_classes.code) as products_in_class,
        row_number() over (partition by product_behaviors.snapshot_date, abc_classes.code
            order by product_behaviors.demand_revenue desc, products.id asc) as class_rank
    from ${schema}.product_behaviors
    inner join ${schema}.products on products.id = product_behaviors.product_id
    inner join ${schema}.abc_classes on abc_classes.id = product_behaviors.abc_class_id
    inner join ${schema}.xyz_classes on xyz_classes.id = product_behaviors.xyz_class_id
    inner join ${schema}.fmr_classes on fmr_classes.id = product_behaviors.fmr_class_id
    inner join ${schema}.freq_classes on freq_classes.id = product_behaviors.freq_class_id
)

select * from ranked;
comment on view ${schema}.top_products_by_class is
'Every product of each behaviour snapshot with its classes, ranked by window revenue within its ABC class '
'(class_rank 1 = highest revenue). e.g. select * from top_products_by_class where snapshot_date = ''2024-03-31'' '
'and class_rank <= 3 order by abc_class, class_rank.';
comment on column ${schema}.top_products_by_class.snapshot_date is 'Behaviour snapshot (run) date.';
comment on column ${schema}.top_products_by_class.abc_class is 'A, B or C by cumulative revenue share.';
comment on column ${schema}.top_products_by_class.xyz_class is 'X, Y or Z by weekly demand variability.';
comment on column ${schema}.top_products_by_class.fmr_class is 'F, M or R by share of days with demand.';
comment on column ${schema}.top_products_by_class.freq_class is 'Frequency class by velocity.';
comment on column ${schema}.top_products_by_class.erp_id is 'The product''s ERP id.';
comment on column ${schema}.top_products_by_class.name is 'Product name.';
comment on column ${schema}.top_products_by_class.demand_revenue is 'Revenue of the demand in the window.';
comment on column ${schema}.top_products_by_class.velocity is 'Mean daily demand in the window.';
comment on column ${schema}.top_products_by_class.demand_pattern is 'smooth, intermittent, erratic or lumpy.';
comment on column ${schema}.top_products_by_class.hotness_score is 'Recent velocity against the window''s (hotness).';
comment on column ${schema}.top_products_by_class.n_stores is 'Locations that sold the product in the window.';
comment on column ${schema}.top_products_by_class.products_in_class is 'Products in the same class and snapshot.';
comment on column ${schema}.top_products_by_class.class_rank is 'Rank by revenue within the class, 1 = highest.';
