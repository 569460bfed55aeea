-- Similar-product search (similar_products_many): up to how many target x candidate pairs it compares every
-- candidate exactly instead of walking the HNSW index. The exact search is deterministic and does not depend on the
-- order the index was built in, so a rebuilt client finds the same neighbours as the live one (docs/forecast.md
-- "New products", docs/recovery.md).
insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, unit, description) values
('embeddings.exact_search_max_pairs', 'embeddings', 'integer', '1000000', 0, false, 2000000000, false, 'pairs',
 'Similar products are searched exactly (every candidate compared, the same neighbours whatever the order the '
 'index was built in) while products to look up x products with enough history is at most this; above it through '
 'the HNSW index (approximate: a rebuilt client may then rarely find another neighbour). 0 = always the index.');
