-- Product embeddings for similar-product search (pgvector): the vocabulary embedding_types and the table embeddings
-- (one current vector per product and type), with one HNSW index (cosine) per type. Vectors are computed in SQL by
-- procedures R__0812 / R__0814 (model-free, hashed features); similar_products (R__0816) searches them; step
-- forecast borrows the level of a new series from its product's nearest neighbours. Definitions: docs/forecast.md.
-- The vector type and its operators live in cw_global (the extension's schema): qualified here, reached through the
-- pinned search_path (which lists cw_global) in the functions.

create table ${schema}.embedding_types (
    id smallint not null,
    name text not null,
    dimensions smallint not null,
    model_version text not null,
    description text not null,
    constraint embedding_types_pkey primary key (id),
    constraint embedding_types_name_key unique (name),
    constraint embedding_type_dimensions_check check (dimensions between 1 and 2000),
    constraint embedding_type_model_version_check check (model_version != '')
);
comment on table ${schema}.embedding_types is
'Kinds of product vectors in embeddings: product_attributes (hashed catalogue attributes, every product) and '
'demand_profile (seasonal and weekday shape of demand, products that sell). Fixed ids: each type has its own partial '
'HNSW index on embeddings, whose predicate names the id.';
comment on column ${schema}.embedding_types.id is 'Small fixed id (1 product_attributes, 2 demand_profile), stable '
'across clients: the partial HNSW indexes of embeddings and similar_products name it.';
comment on column ${schema}.embedding_types.name is 'Vocabulary word: product_attributes, demand_profile.';
comment on column ${schema}.embedding_types.dimensions is 'Length of every vector of this type (its HNSW index casts '
'to vector(dimensions)).';
comment on column ${schema}.embedding_types.model_version is 'Version of the SQL that computes this type now; a '
'vector with another model_version is recomputed by the next refresh.';
comment on column ${schema}.embedding_types.description is 'How the vector is built (details: docs/forecast.md).';

insert into ${schema}.embedding_types (id, name, dimensions, model_version, description) values
(1, 'product_attributes', 256, 'hashed-attributes-1',
 'Signed feature hashing into 256 dimensions, unit norm: every level of the category path, brand, price band (log '
 || 'scale, neighbouring bands half weight), pack size band (log 2), product type, dropship flag.'),
(2, 'demand_profile', 60, 'demand-profile-1',
 'Shape of the product''s demand over all its locations, level excluded, unit norm: 52 seasonal indices minus 1 '
 || '(week of year relative to the mean week), 7 weekday shares x 7 minus 1 (Monday first) and a constant 0.25, '
 || 'so that a flat profile is a vector too (the constant alone) and flat products are near each other.');

create table ${schema}.embeddings (
    id bigint generated always as identity,
    product_id integer not null,
    embedding_type_id smallint not null,
    vector cw_global.vector not null,
    model_version text not null,
    input_hash uuid not null,
    history_weeks smallint,
    computed_at timestamptz not null default clock_timestamp(),
    constraint embeddings_pkey primary key (id),
    constraint embeddings_product_id_embedding_type_id_key unique (product_id, embedding_type_id),
    constraint embeddings_product_id_fkey foreign key (product_id) references ${schema}.products (id)
    on delete cascade,
    constraint embeddings_embedding_type_id_fkey foreign key (embedding_type_id)
    references ${schema}.embedding_types (id),
    constraint embedding_dimensions_check check (
        (embedding_type_id = 1 and cw_global.vector_dims(vector) = 256)
        or (embedding_type_id = 2 and cw_global.vector_dims(vector) = 60)
    ),
    constraint embedding_unit_norm_check check (abs(cw_global.vector_norm(vector) - 1) < 0.001),
    constraint embedding_history_weeks_check check (
        (embedding_type_id = 2) = (history_weeks is not null) and history_weeks >= 0
    )
);
create index embeddings_product_attributes_vector_idx on ${schema}.embeddings
using hnsw ((vector::cw_global.vector(256)) cw_global.vector_cosine_ops) -- noqa: PRS, L017
where (embedding_type_id = 1);
create index embeddings_demand_profile_vector_idx on ${schema}.embeddings
using hnsw ((vector::cw_global.vector(60)) cw_global.vector_cosine_ops) -- noqa: PRS, L017
where (embedding_type_id = 2);
comment on table ${schema}.embeddings is
'Current vector of each product per embedding type (pgvector), computed in SQL without a trained model (docs/'
'forecast.md "New products"). Refreshed by step forecast: only vectors whose inputs changed (input_hash) are '
'rewritten. Searched by similar_products through one partial HNSW index (cosine distance) per type. A product '
'without a demand_profile row has too little demand history to lend its demand to a new product.';
comment on column ${schema}.embeddings.id is 'Surrogate key.';
comment on column ${schema}.embeddings.product_id is 'The product the vector describes.';
comment on column ${schema}.embeddings.embedding_type_id is 'product_attributes or demand_profile (embedding_types).';
comment on column ${schema}.embeddings.vector is 'Unit-norm pgvector of embedding_types.dimensions floats; compare '
'with the cosine distance operator <=> (0 = same direction, 1 = unrelated, 2 = opposite).';
comment on column ${schema}.embeddings.model_version is 'embedding_types.model_version of the SQL that computed it.';
comment on column ${schema}.embeddings.input_hash is 'md5 of the model version and every input the vector was '
'computed from (attribute features; demand weeks): a refresh rewrites the row only when it changes.';
comment on column ${schema}.embeddings.history_weeks is 'demand_profile: weeks from the product''s first demand '
'history row to the date of the refresh (capped at the window, 104); null for product_attributes.';
comment on column ${schema}.embeddings.computed_at is 'When the vector was last rewritten.';

revoke all on ${schema}.embedding_types, ${schema}.embeddings from ${ui_role};
grant select on ${schema}.embedding_types, ${schema}.embeddings to ${ui_role};
