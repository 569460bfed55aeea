-- Settings of the similar-product search that step forecast uses for new series: section embeddings (SQLSTATE CW210),
-- docs/forecast.md "New products".
insert into cw_global.setting_sections (section, errcode, stored_in, docs_page, description) values
('embeddings', 'CW210', 'client_registry', 'docs/forecast.md',
 'Similar products (pgvector) that lend their demand level to a new product x location in the forecast (step 7).');

insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, unit, description) values
('embeddings.neighbours', 'embeddings', 'integer', '10', 1, false, 100, false, 'products',
 'How many similar products (nearest attribute vectors with enough demand history) lend their level to a new '
 'product''s series.'),
('embeddings.max_distance', 'embeddings', 'numeric', '0.8', 0, true, 2, false, 'cosine distance',
 'Neighbours farther than this cosine distance lend nothing (0 = same attributes, 1 = nothing in common); a new '
 'series without any neighbour within it falls back to its category''s level at the location.'),
('embeddings.category_weight', 'embeddings', 'numeric', '0.5', 0, false, 100, false, 'twins',
 'Weight of the category''s mean level at the location in a new series'' prior, in units of one identical twin '
 '(neighbour weight exp(-6 x distance) = 1): the neighbours'' weighted level is shrunk towards it.');
