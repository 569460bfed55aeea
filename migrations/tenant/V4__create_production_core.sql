-- Production layer, core master data (seed 003 "production", seed 004 "staging vs production"): int identity keys,
-- ERP ids unique per client, named constraints. Every column has one owner (field_ownership): erp columns are
-- written by step load only, ui columns by the client's UI role only (column-level grants), pipeline columns by the
-- pipeline. Where the UI overrides an ERP fact, both are kept side by side (erp_status and discontinued_override).
-- Nothing is deleted: master rows that leave the ERP snapshot are deactivated (is_active, deactivated_on).

create table ${schema}.field_ownership (
    table_name text not null,
    column_name text not null,
    owner text not null,
    constraint field_ownership_pkey primary key (table_name, column_name),
    constraint field_ownership_owner_check check (owner in ('erp', 'ui', 'pipeline'))
);
comment on table ${schema}.field_ownership is
'Who owns each column of the production tables: erp (written by step load from the ERP snapshot), ui (written by '
'people through the client''s UI role; load never overwrites it) or pipeline (keys, hashes, timestamps and derived '
'values). The UI role''s column-level UPDATE grants are exactly the ui rows (tested).';
comment on column ${schema}.field_ownership.table_name is 'Production table in this schema.';
comment on column ${schema}.field_ownership.column_name is 'Column of the table.';
comment on column ${schema}.field_ownership.owner is 'erp, ui or pipeline.';

create table ${schema}.brands (
    id integer generated always as identity,
    name text not null,
    is_active boolean not null default true,
    first_seen_date date not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint brands_pkey primary key (id),
    constraint brands_name_key unique (name),
    constraint brand_name_check check (name <> '' and name = btrim(name))
);
comment on table ${schema}.brands is
'Product brands, keyed by the name the ERP sends (trimmed). A corrected brand name is a new brand; the old one is '
'deactivated once no active product uses it.';
comment on column ${schema}.brands.name is 'Brand name as sent by the ERP, trimmed (business key).';
comment on column ${schema}.brands.is_active is 'True while at least one active product carries the brand.';
comment on column ${schema}.brands.first_seen_date is 'Run date of the first snapshot that named the brand.';
comment on column ${schema}.brands.created_at is 'When load inserted the row.';
comment on column ${schema}.brands.updated_at is 'When load last changed the row.';

create table ${schema}.product_categories (
    id integer generated always as identity,
    parent_id integer,
    level smallint not null,
    name text not null,
    path text not null,
    erp_code text,
    is_active boolean not null default true,
    first_seen_date date not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint product_categories_pkey primary key (id),
    constraint product_categories_path_key unique (path),
    constraint product_categories_parent_id_fkey foreign key (parent_id) references ${schema}.product_categories (id),
    constraint product_category_level_check check (level between 1 and 5),
    constraint product_category_root_check check ((level = 1) = (parent_id is null)),
    constraint product_category_name_check check (name <> '' and position(' > ' in name) = 0)
);
create index product_categories_parent_id_idx on ${schema}.product_categories (parent_id);
comment on table ${schema}.product_categories is
'The category tree (catwing category_path "A > B > C", navision ItemCategory Level1..3), one row per node, keyed by '
'its full path. Products hang on leaves.';
comment on column ${schema}.product_categories.parent_id is 'Parent node; null for a top-level category.';
comment on column ${schema}.product_categories.level is 'Depth in the tree: 1 for a top-level category.';
comment on column ${schema}.product_categories.name is 'Name of this node (the last path element).';
comment on column ${schema}.product_categories.path is 'Full path from the root, elements joined by " > " '
'(business key).';
comment on column ${schema}.product_categories.erp_code is 'The ERP''s category code of a leaf (C010203 / 010203).';
comment on column ${schema}.product_categories.is_active is 'True while an active product sits in the node or below.';
comment on column ${schema}.product_categories.first_seen_date is 'Run date of the first snapshot with the node.';
comment on column ${schema}.product_categories.created_at is 'When load inserted the row.';
comment on column ${schema}.product_categories.updated_at is 'When load last changed the row.';

create table ${schema}.suppliers (
    id integer generated always as identity,
    erp_id text not null,
    name text not null,
    country_id smallint,
    currency_id smallint not null,
    lead_time_days integer,
    moq_qty numeric(14, 3),
    erp_status text not null,
    is_enabled boolean not null default true,
    lead_time_days_override integer,
    moq_qty_override numeric(14, 3),
    review_cycle_days integer,
    is_active boolean not null default true,
    deactivated_on date,
    first_seen_date date not null,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint suppliers_pkey primary key (id),
    constraint suppliers_erp_id_key unique (erp_id),
    constraint suppliers_country_id_fkey foreign key (country_id) references cw_global.countries (id),
    constraint suppliers_currency_id_fkey foreign key (currency_id) references cw_global.currencies (id),
    constraint supplier_erp_status_check check (erp_status in ('active', 'blocked', 'inactive')),
    constraint supplier_lead_time_check check (lead_time_days between 0 and 365),
    constraint supplier_lead_time_override_check check (lead_time_days_override between 0 and 365),
    constraint supplier_moq_check check (moq_qty >= 0 and moq_qty_override >= 0),
    constraint supplier_review_cycle_check check (review_cycle_days between 1 and 365),
    constraint supplier_deactivated_check check (is_active = (deactivated_on is null))
);
comment on table ${schema}.suppliers is
'Suppliers (vendors) from the ERP''s daily full snapshot, with the planner''s settings beside the ERP values: '
'the pipeline uses coalesce(override, ERP value).';
comment on column ${schema}.suppliers.erp_id is 'Supplier id in the ERP (S0001 / V10001): unique per client.';
comment on column ${schema}.suppliers.name is 'Supplier name (ERP).';
comment on column ${schema}.suppliers.country_id is 'Supplier country (ERP), cw_global.countries.';
comment on column ${schema}.suppliers.currency_id is 'Purchase currency (ERP), cw_global.currencies.';
comment on column ${schema}.suppliers.lead_time_days is 'Nominal lead time in days (ERP; navision "14D").';
comment on column ${schema}.suppliers.moq_qty is 'Minimum order quantity per PO line in units (ERP).';
comment on column ${schema}.suppliers.erp_status is 'active, blocked or inactive as the ERP says (navision Blocked).';
comment on column ${schema}.suppliers.is_enabled is 'UI: false when the planner excludes the supplier from '
'recommendations.';
comment on column ${schema}.suppliers.lead_time_days_override is 'UI: planner''s lead time; null = use the ERP''s.';
comment on column ${schema}.suppliers.moq_qty_override is 'UI: planner''s minimum order quantity; null = ERP''s.';
comment on column ${schema}.suppliers.review_cycle_days is 'UI: days between two orders to this supplier; null = '
'daily review.';
comment on column ${schema}.suppliers.is_active is 'False once the supplier left the ERP snapshot (never deleted).';
comment on column ${schema}.suppliers.deactivated_on is 'Run date of the first snapshot without the supplier.';
comment on column ${schema}.suppliers.first_seen_date is 'Run date of the first snapshot with the supplier.';
comment on column ${schema}.suppliers.row_hash is 'MD5 of the ERP-owned values: load writes the row only when it '
'changes.';
comment on column ${schema}.suppliers.created_at is 'When load inserted the row.';
comment on column ${schema}.suppliers.updated_at is 'When load last changed an ERP-owned value.';

create table ${schema}.locations (
    id integer generated always as identity,
    erp_id text not null,
    name text not null,
    location_type text not null,
    echelon smallint not null,
    parent_location_id integer,
    city_name text,
    city_id integer,
    country_id smallint,
    currency_id smallint,
    timezone text,
    erp_status text not null,
    open_date date,
    close_date date,
    is_enabled boolean not null default true,
    planner_note text,
    is_active boolean not null default true,
    deactivated_on date,
    first_seen_date date not null,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint locations_pkey primary key (id),
    constraint locations_erp_id_key unique (erp_id),
    constraint locations_parent_location_id_fkey foreign key (parent_location_id) references ${schema}.locations (id),
    constraint locations_city_id_fkey foreign key (city_id) references cw_global.cities (id),
    constraint locations_country_id_fkey foreign key (country_id) references cw_global.countries (id),
    constraint locations_currency_id_fkey foreign key (currency_id) references cw_global.currencies (id),
    constraint location_type_check check (location_type in ('store', 'online', 'dc', 'warehouse', 'central')),
    constraint location_echelon_check check (echelon between 1 and 4),
    constraint location_erp_status_check check (erp_status in ('planned', 'active', 'closed')),
    constraint location_dates_check check (close_date >= open_date),
    constraint location_parent_check check (parent_location_id <> id),
    constraint location_deactivated_check check (is_active = (deactivated_on is null))
);
create index locations_parent_location_id_idx on ${schema}.locations (parent_location_id);
comment on table ${schema}.locations is
'Stores, webshop, distribution centres, warehouse and central entity from the ERP''s daily full snapshot. Echelon 1 '
'store/online, 2 DC, 3 warehouse, 4 central. is_enabled is the planner''s switch (UI); erp_status is the ERP''s.';
comment on column ${schema}.locations.erp_id is 'Location code in the ERP (L001 / ST-004): unique per client.';
comment on column ${schema}.locations.name is 'Location name (ERP).';
comment on column ${schema}.locations.location_type is 'store, online, dc, warehouse or central (ERP; navision '
'WEBSHOP = online).';
comment on column ${schema}.locations.echelon is 'Supply-chain level: 1 store/online, 2 DC, 3 warehouse, 4 central.';
comment on column ${schema}.locations.parent_location_id is 'Location that replenishes this one (ERP); see '
'location_lanes.';
comment on column ${schema}.locations.city_name is 'City as sent by the ERP.';
comment on column ${schema}.locations.city_id is 'The city in cw_global.cities when it is known there (weather key).';
comment on column ${schema}.locations.country_id is 'Country (ERP, ISO alpha-2 resolved to cw_global.countries).';
comment on column ${schema}.locations.currency_id is 'Selling currency of the location (ERP).';
comment on column ${schema}.locations.timezone is 'IANA time zone of the location (ERP).';
comment on column ${schema}.locations.erp_status is 'planned, active or closed as the ERP says (navision Open = '
'active).';
comment on column ${schema}.locations.open_date is 'Opening date (ERP).';
comment on column ${schema}.locations.close_date is 'Closing date (ERP); null while open.';
comment on column ${schema}.locations.is_enabled is 'UI: false when the planner disables the location; the pipeline '
'then stops recommending for it. Load never changes it.';
comment on column ${schema}.locations.planner_note is 'UI: free text of the planner.';
comment on column ${schema}.locations.is_active is 'False once the location left the ERP snapshot (never deleted).';
comment on column ${schema}.locations.deactivated_on is 'Run date of the first snapshot without the location.';
comment on column ${schema}.locations.first_seen_date is 'Run date of the first snapshot with the location.';
comment on column ${schema}.locations.row_hash is 'MD5 of the ERP-owned values: load writes the row only when it '
'changes.';
comment on column ${schema}.locations.created_at is 'When load inserted the row.';
comment on column ${schema}.locations.updated_at is 'When load last changed an ERP-owned value.';

create table ${schema}.location_lanes (
    id integer generated always as identity,
    from_location_id integer not null,
    to_location_id integer not null,
    is_active boolean not null default true,
    is_enabled boolean not null default true,
    transit_days_override integer,
    first_seen_date date not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint location_lanes_pkey primary key (id),
    constraint location_lanes_from_location_id_to_location_id_key unique (from_location_id, to_location_id),
    constraint location_lanes_from_location_id_fkey foreign key (from_location_id) references ${schema}.locations (id),
    constraint location_lanes_to_location_id_fkey foreign key (to_location_id) references ${schema}.locations (id),
    constraint location_lane_distinct_check check (from_location_id <> to_location_id),
    constraint location_lane_transit_check check (transit_days_override between 0 and 90)
);
create index location_lanes_to_location_id_idx on ${schema}.location_lanes (to_location_id);
comment on table ${schema}.location_lanes is
'Which location supplies which: one row per (from, to) pair, derived by load from the ERP''s replenish-from links. A '
'lane whose link disappears is deactivated, never deleted.';
comment on column ${schema}.location_lanes.from_location_id is 'Supplying location (e.g. the DC).';
comment on column ${schema}.location_lanes.to_location_id is 'Supplied location (e.g. the store).';
comment on column ${schema}.location_lanes.is_active is 'True while the ERP names from_location as the replenishment '
'source of to_location.';
comment on column ${schema}.location_lanes.is_enabled is 'UI: false when the planner forbids transfers on this lane.';
comment on column ${schema}.location_lanes.transit_days_override is 'UI: planner''s transit time in days; null = '
'measured from transfers.';
comment on column ${schema}.location_lanes.first_seen_date is 'Run date of the first snapshot with the link.';
comment on column ${schema}.location_lanes.created_at is 'When load inserted the row.';
comment on column ${schema}.location_lanes.updated_at is 'When load last changed is_active.';

create table ${schema}.products (
    id integer generated always as identity,
    erp_id text not null,
    sku text,
    ean text,
    name text not null,
    brand_id integer,
    product_category_id integer,
    primary_supplier_id integer,
    erp_currency_id smallint not null,
    erp_cost numeric(14, 4),
    erp_price numeric(14, 4),
    cost numeric(14, 4),
    price numeric(14, 4),
    pack_size_qty numeric(12, 3),
    is_dropship boolean not null default false,
    erp_status text not null,
    launch_date date,
    discontinue_date date,
    erp_updated_at timestamptz,
    discontinued_override boolean,
    assortment_override text,
    planner_note text,
    is_discontinued boolean generated always as (coalesce(discontinued_override, erp_status = 'discontinued')) stored,
    is_active boolean not null default true,
    deactivated_on date,
    first_seen_date date not null,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint products_pkey primary key (id),
    constraint products_erp_id_key unique (erp_id),
    constraint products_brand_id_fkey foreign key (brand_id) references ${schema}.brands (id),
    constraint products_product_category_id_fkey foreign key (product_category_id)
    references ${schema}.product_categories (id),
    constraint products_primary_supplier_id_fkey foreign key (primary_supplier_id) references ${schema}.suppliers (id),
    constraint products_erp_currency_id_fkey foreign key (erp_currency_id) references cw_global.currencies (id),
    constraint product_cost_check check (erp_cost >= 0 and cost >= 0),
    constraint product_price_check check (erp_price >= 0 and price >= 0),
    constraint product_pack_size_check check (pack_size_qty > 0),
    constraint product_erp_status_check check (erp_status in ('active', 'discontinued', 'planned', 'blocked')),
    constraint product_assortment_override_check check (assortment_override in ('STOCK', 'NOT-STOCK')),
    constraint product_dates_check check (discontinue_date >= launch_date),
    constraint product_name_check check (name <> ''),
    constraint product_deactivated_check check (is_active = (deactivated_on is null))
);
create index products_brand_id_idx on ${schema}.products (brand_id);
create index products_product_category_id_idx on ${schema}.products (product_category_id);
create index products_primary_supplier_id_idx on ${schema}.products (primary_supplier_id);
comment on table ${schema}.products is
'The catalogue from the ERP''s daily full snapshot. ERP facts (erp_status, erp_cost ...) and the planner''s decisions '
'(discontinued_override, assortment_override) are kept side by side; is_discontinued is the effective value. Money '
'is kept as sent (erp_cost, erp_price in erp_currency_id) and in the client currency (cost, price) at the FX rate of '
'the run date on which the ERP value last changed.';
comment on column ${schema}.products.erp_id is 'Product id in the ERP (P000123 / 100123): unique per client.';
comment on column ${schema}.products.sku is 'Internal SKU (ERP; navision No2).';
comment on column ${schema}.products.ean is 'EAN-13 / GTIN (ERP).';
comment on column ${schema}.products.name is 'Product name (ERP), stored verbatim.';
comment on column ${schema}.products.brand_id is 'Brand (ERP brand name resolved to brands).';
comment on column ${schema}.products.product_category_id is 'Leaf category (ERP category path resolved to '
'product_categories).';
comment on column ${schema}.products.primary_supplier_id is 'The supplier the ERP names for the product; all '
'supplier links are in product_suppliers.';
comment on column ${schema}.products.erp_currency_id is 'Currency of erp_cost and erp_price as sent (navision blank '
'= EUR).';
comment on column ${schema}.products.erp_cost is 'Unit cost as sent by the ERP, in erp_currency_id.';
comment on column ${schema}.products.erp_price is 'Unit selling price incl. VAT as sent by the ERP, in '
'erp_currency_id.';
comment on column ${schema}.products.cost is 'Unit cost in the client currency.';
comment on column ${schema}.products.price is 'Unit selling price incl. VAT in the client currency.';
comment on column ${schema}.products.pack_size_qty is 'Units per purchase pack (ERP).';
comment on column ${schema}.products.is_dropship is 'Delivered by the supplier to the customer, never stocked (ERP).';
comment on column ${schema}.products.erp_status is 'Life-cycle status the ERP sends: active, discontinued, planned, '
'blocked.';
comment on column ${schema}.products.launch_date is 'Launch date (ERP).';
comment on column ${schema}.products.discontinue_date is 'Discontinuation date (ERP).';
comment on column ${schema}.products.erp_updated_at is 'Last attribute change in the ERP (catwing updated_at).';
comment on column ${schema}.products.discontinued_override is 'UI: the planner''s decision (true = discontinued, '
'false = keep active); null follows the ERP. Load never writes it.';
comment on column ${schema}.products.assortment_override is 'UI: STOCK or NOT-STOCK forced by the planner for every '
'location; null = follow the recommendation.';
comment on column ${schema}.products.planner_note is 'UI: free text of the planner.';
comment on column ${schema}.products.is_discontinued is 'Effective value: discontinued_override when set, else '
'erp_status = discontinued.';
comment on column ${schema}.products.is_active is 'False once the product left the ERP snapshot (never deleted).';
comment on column ${schema}.products.deactivated_on is 'Run date of the first snapshot without the product.';
comment on column ${schema}.products.first_seen_date is 'Run date of the first snapshot with the product.';
comment on column ${schema}.products.row_hash is 'MD5 of the ERP-owned values as sent: load writes the row only when '
'it changes.';
comment on column ${schema}.products.created_at is 'When load inserted the row.';
comment on column ${schema}.products.updated_at is 'When load last changed an ERP-owned value.';

create table ${schema}.product_suppliers (
    id integer generated always as identity,
    product_id integer not null,
    supplier_id integer not null,
    vendor_sku text,
    pack_size_qty numeric(12, 3),
    is_primary boolean not null,
    moq_qty_override numeric(14, 3),
    lead_time_days_override integer,
    is_active boolean not null default true,
    first_seen_date date not null,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint product_suppliers_pkey primary key (id),
    constraint product_suppliers_product_id_supplier_id_key unique (product_id, supplier_id),
    constraint product_suppliers_product_id_fkey foreign key (product_id) references ${schema}.products (id),
    constraint product_suppliers_supplier_id_fkey foreign key (supplier_id) references ${schema}.suppliers (id),
    constraint product_supplier_pack_size_check check (pack_size_qty > 0),
    constraint product_supplier_moq_check check (moq_qty_override >= 0),
    constraint product_supplier_lead_time_check check (lead_time_days_override between 0 and 365)
);
create index product_suppliers_supplier_id_idx on ${schema}.product_suppliers (supplier_id);
comment on table ${schema}.product_suppliers is
'Which supplier sells which product: vendor SKU and pack size from the ERP, MOQ and lead time per product from the '
'planner (null = the supplier''s). A supplier change deactivates the old link (is_primary false, kept).';
comment on column ${schema}.product_suppliers.product_id is 'The product.';
comment on column ${schema}.product_suppliers.supplier_id is 'The supplier.';
comment on column ${schema}.product_suppliers.vendor_sku is 'The supplier''s item number (ERP).';
comment on column ${schema}.product_suppliers.pack_size_qty is 'Units per purchase pack (ERP).';
comment on column ${schema}.product_suppliers.is_primary is 'True while the ERP names this supplier for the product.';
comment on column ${schema}.product_suppliers.moq_qty_override is 'UI: minimum order quantity for this product; '
'null = the supplier''s.';
comment on column ${schema}.product_suppliers.lead_time_days_override is 'UI: lead time for this product; null = '
'the supplier''s.';
comment on column ${schema}.product_suppliers.is_active is 'True while the link is current in the ERP.';
comment on column ${schema}.product_suppliers.first_seen_date is 'Run date of the first snapshot with the link.';
comment on column ${schema}.product_suppliers.row_hash is 'MD5 of the ERP-owned values.';
comment on column ${schema}.product_suppliers.created_at is 'When load inserted the row.';
comment on column ${schema}.product_suppliers.updated_at is 'When load last changed an ERP-owned value.';

create table ${schema}.price_lists (
    id integer generated always as identity,
    erp_id text not null,
    name text,
    channel text not null,
    country_id smallint,
    currency_id smallint not null,
    valid_from date,
    valid_to date,
    is_active boolean not null default true,
    deactivated_on date,
    first_seen_date date not null,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint price_lists_pkey primary key (id),
    constraint price_lists_erp_id_key unique (erp_id),
    constraint price_lists_country_id_fkey foreign key (country_id) references cw_global.countries (id),
    constraint price_lists_currency_id_fkey foreign key (currency_id) references cw_global.currencies (id),
    constraint price_list_channel_check check (channel in ('store', 'online')),
    constraint price_list_validity_check check (valid_to >= valid_from),
    constraint price_list_deactivated_check check (is_active = (deactivated_on is null))
);
comment on table ${schema}.price_lists is
'Selling price lists (one per store country and one for the webshop) from the ERP''s daily full snapshot.';
comment on column ${schema}.price_lists.erp_id is 'Price list code in the ERP (PL-DE / DE-STORE).';
comment on column ${schema}.price_lists.name is 'Description (ERP).';
comment on column ${schema}.price_lists.channel is 'store or online (navision Customer Price Group / Campaign).';
comment on column ${schema}.price_lists.country_id is 'Country of the stores the list applies to; null for the '
'webshop.';
comment on column ${schema}.price_lists.currency_id is 'Currency of the list''s prices.';
comment on column ${schema}.price_lists.valid_from is 'First day the list applies (ERP).';
comment on column ${schema}.price_lists.valid_to is 'Last day the list applies (ERP); null = open-ended.';
comment on column ${schema}.price_lists.is_active is 'False once the list left the ERP snapshot.';
comment on column ${schema}.price_lists.deactivated_on is 'Run date of the first snapshot without the list.';
comment on column ${schema}.price_lists.first_seen_date is 'Run date of the first snapshot with the list.';
comment on column ${schema}.price_lists.row_hash is 'MD5 of the ERP-owned values.';
comment on column ${schema}.price_lists.created_at is 'When load inserted the row.';
comment on column ${schema}.price_lists.updated_at is 'When load last changed an ERP-owned value.';

create table ${schema}.prices (
    id bigint generated always as identity,
    price_list_id integer not null,
    product_id integer not null,
    erp_price numeric(14, 4) not null,
    erp_promo_price numeric(14, 4),
    price numeric(14, 4) not null,
    promo_price numeric(14, 4),
    is_active boolean not null default true,
    first_seen_date date not null,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint prices_pkey primary key (id),
    constraint prices_price_list_id_product_id_key unique (price_list_id, product_id),
    constraint prices_price_list_id_fkey foreign key (price_list_id) references ${schema}.price_lists (id),
    constraint prices_product_id_fkey foreign key (product_id) references ${schema}.products (id),
    constraint price_amount_check check (erp_price >= 0 and price >= 0),
    constraint price_promo_check check (erp_promo_price > 0 and promo_price > 0)
);
create index prices_product_id_idx on ${schema}.prices (product_id);
comment on table ${schema}.prices is
'Current price of each product on each price list: as sent (erp_price, in the list currency) and in the client '
'currency (price, at the FX rate of the run date on which it last changed). No promotion = null promo price '
'(navision sends 0.00).';
comment on column ${schema}.prices.price_list_id is 'The price list.';
comment on column ${schema}.prices.product_id is 'The product.';
comment on column ${schema}.prices.erp_price is 'List price in the list currency, as sent.';
comment on column ${schema}.prices.erp_promo_price is 'Promotion price in the list currency; null without a '
'promotion.';
comment on column ${schema}.prices.price is 'List price in the client currency.';
comment on column ${schema}.prices.promo_price is 'Promotion price in the client currency.';
comment on column ${schema}.prices.is_active is 'False once the product left the list.';
comment on column ${schema}.prices.first_seen_date is 'Run date of the first snapshot with the price.';
comment on column ${schema}.prices.row_hash is 'MD5 of the ERP-owned values.';
comment on column ${schema}.prices.created_at is 'When load inserted the row.';
comment on column ${schema}.prices.updated_at is 'When load last changed the price.';

create table ${schema}.payment_methods (
    id smallint generated always as identity,
    code text not null,
    first_seen_date date not null,
    created_at timestamptz not null default now(),
    constraint payment_methods_pkey primary key (id),
    constraint payment_methods_code_key unique (code),
    constraint payment_method_code_check check (code ~ '^[a-z0-9_]+$')
);
comment on table ${schema}.payment_methods is
'Payment methods named on sales orders (card, cash, paypal ...), normalised to lower case.';
comment on column ${schema}.payment_methods.code is 'Normalised code (navision upper-case codes in lower case).';
comment on column ${schema}.payment_methods.first_seen_date is 'Run date of the first order with the method.';
comment on column ${schema}.payment_methods.created_at is 'When load inserted the row.';

create table ${schema}.customers (
    id integer generated always as identity,
    erp_id text not null,
    name text,
    email text,
    city_name text,
    first_order_date date not null,
    last_order_date date not null,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint customers_pkey primary key (id),
    constraint customers_erp_id_key unique (erp_id),
    constraint customer_order_dates_check check (last_order_date >= first_order_date)
);
comment on table ${schema}.customers is
'Identified customers (loyalty card or web account) as named on sales orders; anonymous tickets (catwing null, '
'navision CASH) have no customer. Attributes come from the customer''s latest order; changes are versioned in '
'customer_versions.';
comment on column ${schema}.customers.erp_id is 'Customer id in the ERP (C0000123 / CU-000123).';
comment on column ${schema}.customers.name is 'Name as on the latest order, verbatim.';
comment on column ${schema}.customers.email is 'E-mail as on the latest order.';
comment on column ${schema}.customers.city_name is 'City as on the latest order.';
comment on column ${schema}.customers.first_order_date is 'Date of the customer''s first loaded order.';
comment on column ${schema}.customers.last_order_date is 'Date of the customer''s latest loaded order.';
comment on column ${schema}.customers.row_hash is 'MD5 of name, e-mail and city.';
comment on column ${schema}.customers.created_at is 'When load inserted the row.';
comment on column ${schema}.customers.updated_at is 'When load last changed the row.';

create table ${schema}.client_settings (
    id integer generated always as identity,
    setting_key text not null,
    setting_value jsonb not null,
    description text not null,
    updated_at timestamptz not null default now(),
    updated_by text not null default current_user,
    constraint client_settings_pkey primary key (id),
    constraint client_settings_setting_key_key unique (setting_key),
    constraint client_setting_key_check check (setting_key ~ '^[a-z][a-z0-9_.]{1,62}$')
);
comment on table ${schema}.client_settings is
'The client''s own planning settings, edited in the UI (e.g. default service level, default review cycle). '
'CatWing''s pipeline thresholds live in cw_global.clients.settings (client_setting()).';
comment on column ${schema}.client_settings.setting_key is 'Setting name, e.g. planning.service_level_pct.';
comment on column ${schema}.client_settings.setting_value is 'UI: the value, as JSON.';
comment on column ${schema}.client_settings.description is 'What the setting means and its unit.';
comment on column ${schema}.client_settings.updated_at is 'UI: when the value was last changed.';
comment on column ${schema}.client_settings.updated_by is 'UI: database role that last changed it.';

insert into ${schema}.client_settings (setting_key, setting_value, description) values
('planning.service_level_pct', '95', 'Target cycle service level in percent for safety stock.'),
('planning.review_cycle_days', '1', 'Default days between two orders when a supplier has none.'),
('planning.currency_rounding', '2', 'Decimals shown for money in the UI.');

-- The UI role reads the catalogue and writes only its own columns (field_ownership, owner = ui).
revoke all on ${schema}.field_ownership, ${schema}.brands, ${schema}.product_categories, ${schema}.suppliers,
${schema}.locations, ${schema}.location_lanes, ${schema}.products, ${schema}.product_suppliers,
${schema}.price_lists, ${schema}.prices, ${schema}.payment_methods, ${schema}.customers,
${schema}.client_settings from ${ui_role};
grant select on ${schema}.field_ownership, ${schema}.brands, ${schema}.product_categories, ${schema}.suppliers,
${schema}.locations, ${schema}.location_lanes, ${schema}.products, ${schema}.product_suppliers,
${schema}.price_lists, ${schema}.prices, ${schema}.payment_methods, ${schema}.customers,
${schema}.client_settings to ${ui_role};
grant update (discontinued_override, assortment_override, planner_note) on ${schema}.products to ${ui_role};
grant update (is_enabled, planner_note) on ${schema}.locations to ${ui_role};
grant update (is_enabled, lead_time_days_override, moq_qty_override, review_cycle_days)
on ${schema}.suppliers to ${ui_role};
grant update (moq_qty_override, lead_time_days_override) on ${schema}.product_suppliers to ${ui_role};
grant update (is_enabled, transit_days_override) on ${schema}.location_lanes to ${ui_role};
grant update (setting_value, updated_at, updated_by) on ${schema}.client_settings to ${ui_role};
