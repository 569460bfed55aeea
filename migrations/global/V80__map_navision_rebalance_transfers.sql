-- Step 11 and the supply network (docs/recommendations.md, "Transfer reasons per dialect"): navision sends no reason
-- on a transfer; its ExternalDocumentNo holds a placeholder instead of a store order number for the moves that answer
-- none. STORE CLOSURE already marked a closing store's return; REBALANCE now marks a move between two locations
-- that is no replenishment (excess stock to a sibling that is short), so the supply network does not take the sender
-- for the receiver's source.
insert into cw_global.erp_value_mappings (erp_dialect_id, endpoint, staging_column, erp_value, canonical_value)
select
    erp_dialects.id,
    placeholders.endpoint,
    placeholders.staging_column,
    placeholders.erp_value,
    placeholders.canonical_value
from (
    values
    ('navision', 'transfer_orders', 'store_order_id', 'rebalance', 'rebalance')
) as placeholders (dialect, endpoint, staging_column, erp_value, canonical_value)
inner join cw_global.erp_dialects on erp_dialects.code = placeholders.dialect;

comment on table cw_global.erp_value_mappings is
'Status and type words of an ERP dialect that differ from the canonical vocabulary (e.g. navision location status '
'Open = active). Load normalises a value to lower case with blanks as underscores, then maps it here; a value '
'without a row is already canonical. On a reference column (a customer or store order number) a row marks a '
'placeholder that references nothing: sales_orders.customer_id cash = anonymous (no customer), '
'transfer_orders.store_order_id store_closure = no store order, the transfer''s reason is store_closure (navision '
'rebalance likewise: reason rebalance).';
