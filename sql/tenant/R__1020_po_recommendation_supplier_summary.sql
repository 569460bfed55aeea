-- The buyer's screen of step 10: one line per run date and supplier with the value of the proposed order and whether
-- it reaches the supplier's minimum order value. Rejected recommendations do not count.
create or replace view ${schema}.po_recommendation_supplier_summary as
with lines as (
    select
        po_recommendations.recommendation_date,
        po_recommendations.supplier_id,
        po_recommendations.currency_id,
        po_recommendation_priorities.name as priority_name,
        po_recommendation_statuses.name as status_name,
        po_recommendations.recommended_qty * po_recommendations.unit_cost as line_value
    from ${schema}.po_recommendations
    inner join ${schema}.po_recommendation_priorities
        on po_recommendations.po_recommendation_priority_id = po_recommendation_priorities.id
    inner join ${schema}.po_recommendation_statuses
        on po_recommendations.po_recommendation_status_id = po_recommendation_statuses.id
    where po_recommendation_statuses.name != 'rejected'
),

per_supplier as (
    select
        lines.recommendation_date,
        lines.supplier_id,
        lines.currency_id,
        count(*) as line_count,
        count(*) filter (where lines.status_name = 'pending') as pending_lines,
        count(*) filter (where lines.priority_name = 'critical') as critical_lines,
        count(*) filter (where lines.line_value is null) as lines_without_cost,
        round(coalesce(sum(lines.line_value), 0), 2) as order_value
    from lines
    group by lines.recommendation_date, lines.supplier_id, lines.currency_id
),

final as (
    select
        per_supplier.recommendation_date,
        per_supplier.supplier_id,
        suppliers.erp_id as supplier_erp_id,
        suppliers.name as supplier_name,
        currencies.code as currency_code,
        per_supplier.line_count,
        per_supplier.pending_lines,
        per_supplier.critical_lines,
        per_supplier.lines_without_cost,
        per_supplier.order_value,
        round(per_supplier.order_value * ${schema}.fx_factor(per_supplier.currency_id,
                                                             per_supplier.recommendation_date), 2)
        as order_value_client_currency,
        suppliers.min_order_value,
        coalesce(per_supplier.order_value >= suppliers.min_order_value, true) as meets_min_order_value
    from per_supplier
    inner join ${schema}.suppliers on per_supplier.supplier_id = suppliers.id
    inner join cw_global.currencies on per_supplier.currency_id = currencies.id
)

select * from final;
comment on view ${schema}.po_recommendation_supplier_summary is
'Per run date and supplier: the proposed purchase order of step 10 (recommendations not rejected): lines, pending '
'and critical lines, order value in the supplier''s currency and in the client''s, and whether it reaches the '
'supplier''s minimum order value (suppliers.min_order_value, UI-set; true when none is set). Lines without a unit '
'cost count 0 in the value (lines_without_cost says how many).';
grant select on ${schema}.po_recommendation_supplier_summary to ${ui_role};
comment on column ${schema}.po_recommendation_supplier_summary.recommendation_date is
'Run date of the recommendations.';
comment on column ${schema}.po_recommendation_supplier_summary.supplier_id is 'The supplier.';
comment on column ${schema}.po_recommendation_supplier_summary.supplier_erp_id is 'The supplier''s ERP id.';
comment on column ${schema}.po_recommendation_supplier_summary.supplier_name is 'The supplier''s name.';
comment on column ${schema}.po_recommendation_supplier_summary.currency_code is 'The supplier''s currency (ISO 4217).';
comment on column ${schema}.po_recommendation_supplier_summary.line_count is 'Recommendations not rejected.';
comment on column ${schema}.po_recommendation_supplier_summary.pending_lines is 'Of which still pending.';
comment on column ${schema}.po_recommendation_supplier_summary.critical_lines is 'Of which critical.';
comment on column ${schema}.po_recommendation_supplier_summary.lines_without_cost is
'Lines without a unit cost (counted 0 in order_value).';
comment on column ${schema}.po_recommendation_supplier_summary.order_value is
'Sum of recommended_qty x unit_cost, supplier currency.';
comment on column ${schema}.po_recommendation_supplier_summary.order_value_client_currency is
'order_value in the client currency at the run date''s rate (null without a rate).';
comment on column ${schema}.po_recommendation_supplier_summary.min_order_value is
'The supplier''s minimum order value (UI-set), supplier currency; null = none.';
comment on column ${schema}.po_recommendation_supplier_summary.meets_min_order_value is
'order_value reaches min_order_value (true when the supplier has none).';
