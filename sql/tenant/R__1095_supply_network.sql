-- The supply network as the latest pipeline run saw it (the date of the latest inventory targets, else today), with
-- the codes and names a planner reads. Derivation: supply_network_as_of, docs/recommendations.md.
create or replace view ${schema}.supply_network as
with history as (
    select (setting_values.setting_value #>> '{}')::integer as history_days
    from ${schema}.setting_values
    where setting_values.setting_key = 'to_recommendations.network_history_days'
),

as_of as (
    select coalesce(max(inventory_targets.snapshot_date), current_date) as network_date
    from ${schema}.inventory_targets
),

final as (
    select
        as_of.network_date,
        network.location_id,
        locations.erp_id as location_erp_id,
        locations.location_type,
        network.supplier_id,
        suppliers.erp_id as supplier_erp_id,
        network.source_location_id,
        sources.erp_id as source_location_erp_id,
        network.basis,
        network.evidence_date,
        network.source_location_id is null as buys_from_supplier
    from as_of
    cross join history
    cross join lateral ${schema}.supply_network_as_of(as_of.network_date, history.history_days) as network
    inner join ${schema}.locations on network.location_id = locations.id
    inner join ${schema}.suppliers on network.supplier_id = suppliers.id
    left join ${schema}.locations as sources on network.source_location_id = sources.id -- noqa: L031
)

select * from final;
comment on view ${schema}.supply_network is
'Who supplies whom, as of the latest pipeline run date (network_date): per active location and supplier, whether the '
'location buys that supplier''s products itself (buys_from_supplier) or gets them by transfer from '
'source_location_id, and why (basis, evidence_date). supply_network_as_of(date, history days) gives any other '
'date; the planner corrects it in supply_network_overrides. The history window is the setting '
'to_recommendations.network_history_days.';
grant select on ${schema}.supply_network to ${ui_role};
comment on column ${schema}.supply_network.network_date is
'Date the network is derived for: the latest inventory targets'' date, else today.';
comment on column ${schema}.supply_network.location_id is 'The location being supplied.';
comment on column ${schema}.supply_network.location_erp_id is 'Its ERP code.';
comment on column ${schema}.supply_network.location_type is 'store, online, dc, warehouse or central.';
comment on column ${schema}.supply_network.supplier_id is 'The supplier whose products the row is about.';
comment on column ${schema}.supply_network.supplier_erp_id is 'Its ERP code.';
comment on column ${schema}.supply_network.source_location_id is
'Location that supplies them by transfer; null when the location buys them from the supplier.';
comment on column ${schema}.supply_network.source_location_erp_id is 'ERP code of the source location.';
comment on column ${schema}.supply_network.buys_from_supplier is
'True: the location gets purchase-order recommendations (step 10) for the supplier''s products; false: transfer '
'recommendations from source_location_id (step 11).';
comment on column ${schema}.supply_network.basis is
'override, location_override, purchase_history, transfer_history, parent_location or no_parent '
'(docs/recommendations.md).';
comment on column ${schema}.supply_network.evidence_date is
'Latest purchase order, transfer or receipt behind a history basis; null otherwise.';
