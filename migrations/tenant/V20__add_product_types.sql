-- Issue 22 point 3: non-merchandise items. Products get a type from the ERP (or its mapping), a rule-based default
-- and a UI-owned override; items whose type is not merchandise (postage, fees, manual adjustments, discounts, gift
-- cards) are left out of classes and demand patterns and never imputed, and still count in revenue. docs/production.md
-- "Product types".
create table ${schema}.product_types (
    id smallint not null,
    name text not null,
    is_merchandise boolean not null,
    description text not null,
    constraint product_types_pkey primary key (id),
    constraint product_types_name_key unique (name)
);
comment on table ${schema}.product_types is
'Vocabulary of product types. Only merchandise is classified, forecast, targeted and recommended; every type counts '
'in revenue statistics.';
comment on column ${schema}.product_types.name is 'Type word: what the ERP sends (after the dialect''s value mapping).';
comment on column ${schema}.product_types.is_merchandise is
'True for goods a shop stocks and sells. False: the steps from demand patterns on must leave the item out.';
comment on column ${schema}.product_types.description is 'What the type covers.';
insert into ${schema}.product_types (id, name, is_merchandise, description) values
(1, 'merchandise', true, 'Goods the shop stocks and sells.'),
(2, 'service', false, 'Services and fees: postage, carriage, shipping, bank or marketplace charges.'),
(3, 'gift_card', false, 'Gift cards and vouchers: money, not goods.'),
(4, 'adjustment', false, 'Manual adjustments, discounts, samples, bad-debt corrections booked as items.');

create table ${schema}.product_type_rules (
    id integer generated always as identity,
    product_type_id smallint not null,
    erp_id_pattern text,
    name_pattern text,
    priority integer not null,
    description text not null,
    constraint product_type_rules_pkey primary key (id),
    constraint product_type_rules_product_type_id_fkey foreign key (product_type_id)
    references ${schema}.product_types (id),
    constraint product_type_rule_pattern_check check (erp_id_pattern is not null or name_pattern is not null)
);
comment on table ${schema}.product_type_rules is
'Rule-based default type of a product the ERP sends without a type: the first rule by priority whose patterns '
'(case-insensitive regular expressions, all given ones must match) match the product''s ERP id and name; none = '
'merchandise. A DBA edits the rules; products then take the new default on their next load (or run '
'resolve_product_types()).';
comment on column ${schema}.product_type_rules.product_type_id is 'Type a matching product gets.';
comment on column ${schema}.product_type_rules.erp_id_pattern is 'Regular expression on products.erp_id (~*).';
comment on column ${schema}.product_type_rules.name_pattern is 'Regular expression on products.name (~*).';
comment on column ${schema}.product_type_rules.priority is 'Lower first.';
comment on column ${schema}.product_type_rules.description is 'Why the rule exists.';
insert into ${schema}.product_type_rules (product_type_id, erp_id_pattern, name_pattern, priority, description) values
(2, '^(POST|DOT|C2|CARRIAGE|AMAZONFEE|BANK CHARGES)$', null, 10,
 'Web-shop service codes: postage, dotcom postage, carriage, marketplace and bank fees.'),
(4, '^(M|D|B|S|CRUK|ADJUST.*)$', null, 20, 'Manual entries, discounts, bad-debt adjustments, samples, commissions.'),
(3, null, '\m(gift ?cards?|vouchers?)\M', 30, 'Gift cards and vouchers by name.'),
(2, null, '\m(postage|carriage|shipping|delivery charges?|fees?)\M', 40, 'Postage, shipping and fees by name.'),
(4, null, '^(manual|discount|adjust(ment)?)\M', 50, 'Items named as manual entries, discounts or adjustments.');

alter table ${staging_schema}.staging_products
add column product_type text;
comment on column ${staging_schema}.staging_products.product_type is
'Product type as sent (catwing product_type, navision Type: Inventory, Service, Non-Inventory).';

alter table ${schema}.products
add column erp_product_type text,
add column product_type_id smallint not null default 1,
add column product_type_override smallint,
add constraint products_product_type_id_fkey foreign key (product_type_id) references ${schema}.product_types (id),
add constraint products_product_type_override_fkey foreign key (product_type_override)
references ${schema}.product_types (id);
comment on column ${schema}.products.erp_product_type is
'ERP: the product type as sent, after the dialect''s value mapping (null when the ERP sends none).';
comment on column ${schema}.products.product_type_id is
'Pipeline: the type from the ERP when it names a known type, else from product_type_rules, else merchandise. The '
'effective type is coalesce(product_type_override, product_type_id).';
comment on column ${schema}.products.product_type_override is
'UI: a planner''s type for the product; null = use product_type_id. Wins over the ERP and the rules.';

insert into ${schema}.field_ownership (table_name, column_name, owner) values
('products', 'erp_product_type', 'erp'),
('products', 'product_type_id', 'pipeline'),
('products', 'product_type_override', 'ui');

grant select on ${schema}.product_types, ${schema}.product_type_rules to ${ui_role};
grant update (product_type_override) on ${schema}.products to ${ui_role};
