-- Step 10 (docs/recommendations.md, "Late purchase orders"): an open purchase order later than its supplier usually
-- is no longer counted in the inventory position; the units left out are kept next to on_order_qty so a buyer can
-- redo the arithmetic. Existing rows predate the rule: 0.
alter table ${schema}.po_recommendations add column overdue_qty numeric(14, 3) not null default 0;
alter table ${schema}.po_recommendations add constraint po_recommendation_overdue_qty_check check (overdue_qty >= 0);
comment on column ${schema}.po_recommendations.overdue_qty is
'Units on open purchase orders to this location that are overdue (later than their expected date by more than the '
'grace overdue_grace_days and the supplier''s usual lateness): left out of on_order_qty and of the position; '
'priority_reasons names the orders.';
insert into ${schema}.field_ownership (table_name, column_name, owner)
values ('po_recommendations', 'overdue_qty', 'pipeline');
