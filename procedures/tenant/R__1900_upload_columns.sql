drop function if exists ${schema}.upload_value_problem(text, text, numeric, numeric, integer);

-- The columns of each upload kind (cw upload --kind): the one definition the loader checks a file's header against,
-- the validation reads its types and ranges from, and docs/uploads.md lists.
create or replace function ${schema}.upload_columns(p_kind text)
returns table (
    column_name text,
    value_type text,
    is_required boolean,
    is_key boolean,
    min_value numeric,
    max_value numeric,
    max_length integer,
    description text
)
language sql
immutable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select
        definitions.column_name,
        definitions.value_type,
        definitions.is_required,
        definitions.is_key,
        definitions.min_value,
        definitions.max_value,
        definitions.max_length,
        definitions.description
    from (values
        ('suppliers', 1, 'supplier_id', 'text', true, true, null::numeric, null::numeric, 200,
         'The supplier''s ERP id (suppliers.erp_id); the supplier must exist (the ERP creates suppliers).'),
        ('suppliers', 2, 'name', 'text', false, false, null, null, 500,
         'Informative only: the ERP owns the name, the upload never changes it.'),
        ('suppliers', 3, 'is_enabled', 'boolean', false, false, null, null, null,
         'suppliers.is_enabled: false = no purchase recommendations for this supplier.'),
        ('suppliers', 4, 'lead_time_days', 'integer', false, false, 0, 365, null,
         'suppliers.lead_time_days_override: the planner''s lead time; the ERP''s lead_time_days stays as it is.'),
        ('suppliers', 5, 'moq_qty', 'numeric', false, false, 0, null, null,
         'suppliers.moq_qty_override: minimum order quantity.'),
        ('suppliers', 6, 'review_cycle_days', 'integer', false, false, 1, 365, null,
         'suppliers.review_cycle_days: days between two orders to the supplier.'),
        ('suppliers', 7, 'min_order_value', 'numeric', false, false, 0, null, null,
         'suppliers.min_order_value: minimum order value in the supplier''s currency.'),
        ('locations', 1, 'location_id', 'text', true, true, null, null, 200,
         'The location''s ERP id (locations.erp_id); the location must exist.'),
        ('locations', 2, 'name', 'text', false, false, null, null, 500,
         'Informative only: the ERP owns the name, the upload never changes it.'),
        ('locations', 3, 'is_enabled', 'boolean', false, false, null, null, null,
         'locations.is_enabled: false = no targets or recommendations for the location.'),
        ('locations', 4, 'planner_note', 'text', false, false, null, null, 1000,
         'locations.planner_note: free text for planners.'),
        ('supply-network', 1, 'location_id', 'text', true, true, null, null, 200,
         'The location being supplied (ERP id).'),
        ('supply-network', 2, 'supplier_id', 'text', false, true, null, null, 200,
         'The supplier whose products the row is about (ERP id); empty = every supplier without a row of its own.'),
        ('supply-network', 3, 'source_location_id', 'text', false, false, null, null, 200,
         'The location that supplies them by transfer (ERP id); empty = the location buys from the supplier.'),
        ('supply-network', 4, 'note', 'text', false, false, null, null, 1000, 'Why (supply_network_overrides.note).'),
        ('supplier-availability', 1, 'supplier_id', 'text', true, true, null, null, 200,
         'The supplier whose list it is (ERP id); one file may hold several suppliers'' lists.'),
        ('supplier-availability', 2, 'supplier_ref', 'text', true, true, null, null, 200,
         'The supplier''s own product code (article number).'),
        ('supplier-availability', 3, 'ean', 'ean', false, false, null, null, 20,
         'EAN/GTIN of the product (8, 12, 13 or 14 digits); one failing its check digit is a warning and not used.'),
        ('supplier-availability', 4, 'product_name', 'text', false, false, null, null, 500,
         'The supplier''s product name (used by the name match).'),
        ('supplier-availability', 5, 'is_available', 'boolean', false, false, null, null, null,
         'Whether the supplier can deliver it; empty = yes.'),
        ('supplier-availability', 6, 'available_qty', 'numeric', false, false, 0, null, null,
         'Quantity the supplier has, if it says.')
    ) as definitions (kind, position, column_name, value_type, is_required, is_key, min_value, max_value, max_length,
                      description)
    where definitions.kind = p_kind
    order by definitions.position
$$;
comment on function ${schema}.upload_columns(text) is
'The columns of an upload kind (suppliers, locations, supply-network, supplier-availability), in file order: type '
'(text, integer, numeric, boolean, ean), required, part of the row key (duplicates), range and what each fills '
'(docs/uploads.md). Headers are matched case-insensitively; any other column is reported and ignored.';
