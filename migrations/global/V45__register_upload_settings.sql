-- Client uploads (cw upload) and the matching of supplier availability lists to the catalogue: the trigram extension
-- for the fuzzy name match, and the settings section uploads (SQLSTATE CW260). Definitions: docs/uploads.md.
create extension if not exists pg_trgm schema cw_global;

insert into cw_global.setting_sections (section, errcode, stored_in, docs_page, description) values
('uploads', 'CW260', 'client_registry', 'docs/uploads.md',
 'Client uploads (suppliers, locations, supply network, supplier availability) and the matching of supplier '
 'availability lists to the catalogue.');

insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, unit, description) values
('uploads.match_min_confidence', 'uploads', 'numeric', '0.8', 0, false, 1, false, 'similarity',
 'A name match at or above this confidence is applied; below it (down to uploads.match_min_similarity) it is only '
 'proposed until a planner confirms it (supplier_available_products.is_match_confirmed).'),
('uploads.match_min_similarity', 'uploads', 'numeric', '0.4', 0, false, 1, false, 'similarity',
 'A name candidate less similar than this is not proposed at all: the supplier''s row stays unmatched.'),
('uploads.match_min_margin', 'uploads', 'numeric', '0.05', 0, false, 1, false, 'similarity',
 'An otherwise confident name match is only proposed when the second-best product is within this margin of it '
 '(two catalogue names fit the supplier''s name about equally well).');

-- A planner's confirmation (or rejection) of a supplier's product match changes the product's supplier availability
-- score (step behaviors) and what the later steps read of it: re-run from behaviors for that product.
insert into cw_global.change_impact_rules (client_id, table_name, column_name, severity, from_step, reason) values
(null, 'supplier_available_products', 'is_match_confirmed', 'moderate', 'behaviors',
 'product_behaviors.supplier_availability_score and is_supplier_availability_confirmed count effective matches only');
