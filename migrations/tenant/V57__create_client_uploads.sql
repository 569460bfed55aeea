-- Client uploads (cw upload): the registry of uploaded spreadsheets and their per-row problems, the staging rows they
-- land in, and the supplier availability lists matched to the catalogue (supplier_available_products, match_methods).
-- Applied by the procedures R__19xx; file columns, validation and matching: docs/uploads.md.

create table ${schema}.client_uploads (
    id bigint generated always as identity,
    kind text not null,
    s3_key text not null,
    file_name text not null,
    file_format text not null,
    file_bytes bigint not null,
    file_sha256 text not null,
    sheet_name text,
    file_date date not null,
    uploaded_at timestamptz not null default clock_timestamp(),
    uploaded_by text not null default current_user,
    status text not null default 'staged',
    rows_read bigint not null default 0,
    rows_rejected bigint not null default 0,
    rows_applied bigint not null default 0,
    applied_at timestamptz,
    message text,
    constraint client_uploads_pkey primary key (id),
    constraint client_uploads_s3_key_key unique (s3_key),
    constraint client_upload_kind_check check (
        kind in ('supplier-availability', 'suppliers', 'locations', 'supply-network')
    ),
    constraint client_upload_format_check check (file_format in ('xlsx', 'csv')),
    constraint client_upload_status_check check (status in ('staged', 'applied', 'rejected', 'superseded')),
    constraint client_upload_rows_check check (rows_read >= 0 and rows_rejected >= 0 and rows_applied >= 0),
    constraint client_upload_applied_check check ((status in ('applied', 'superseded')) = (applied_at is not null))
);
create index client_uploads_kind_uploaded_at_idx on ${schema}.client_uploads (kind, uploaded_at);
comment on table ${schema}.client_uploads is
'One row per spreadsheet a client uploaded with cw upload (kinds supplier-availability, suppliers, locations, '
'supply-network; xlsx or csv). The original stays in S3 under s3_key (immutable). The latest applied upload of a '
'kind is the one in force; per-row problems are in client_upload_errors (docs/uploads.md).';
comment on column ${schema}.client_uploads.id is 'Surrogate key.';
comment on column ${schema}.client_uploads.kind is
'What the file holds: supplier-availability, suppliers, locations or supply-network (columns: docs/uploads.md).';
comment on column ${schema}.client_uploads.s3_key is
'Where the original file is: client-data/{client}/{kind}/{timestamp}-{file name} in the client bucket.';
comment on column ${schema}.client_uploads.file_name is 'The file name as uploaded.';
comment on column ${schema}.client_uploads.file_format is 'xlsx (Office Open XML workbook) or csv (UTF-8).';
comment on column ${schema}.client_uploads.file_bytes is 'Size of the original file in bytes.';
comment on column ${schema}.client_uploads.file_sha256 is 'SHA-256 of the original file (hex).';
comment on column ${schema}.client_uploads.sheet_name is 'The workbook sheet that was read (null for csv).';
comment on column ${schema}.client_uploads.file_date is
'The date the file is valid for (default: the upload date, UTC); supplier_available_products.file_date.';
comment on column ${schema}.client_uploads.uploaded_at is 'When cw upload registered the file.';
comment on column ${schema}.client_uploads.uploaded_by is 'Database role (or cw.app_user) that uploaded it.';
comment on column ${schema}.client_uploads.status is
'staged (rows landed, not applied yet), applied (in force), rejected (the whole file was refused: the message says '
'why, nothing was applied), superseded (applied once, replaced by a later upload of the kind).';
comment on column ${schema}.client_uploads.rows_read is 'Data rows read from the file (header excluded).';
comment on column ${schema}.client_uploads.rows_rejected is
'Rows not applied because of a problem in client_upload_errors.';
comment on column ${schema}.client_uploads.rows_applied is 'Rows applied to the production tables.';
comment on column ${schema}.client_uploads.applied_at is 'When the rows were applied (null until then).';
comment on column ${schema}.client_uploads.message is 'One-line summary of the apply, or why the file was rejected.';
comment on index ${schema}.client_uploads_kind_uploaded_at_idx is 'The latest upload of each kind.';

create table ${schema}.client_upload_errors (
    id bigint generated always as identity,
    upload_id bigint not null,
    row_number bigint,
    column_name text,
    bad_value text,
    problem text not null,
    message text not null,
    is_row_rejected boolean not null,
    constraint client_upload_errors_pkey primary key (id),
    constraint client_upload_errors_upload_id_fkey foreign key (upload_id) references ${schema}.client_uploads (id)
    on delete cascade,
    constraint client_upload_error_problem_check check (problem in (
        'file', 'unknown_column', 'missing_column', 'missing_value', 'wrong_type', 'out_of_range', 'duplicate',
        'unknown_reference', 'invalid_ean'
    )),
    constraint client_upload_error_value_check check (length(bad_value) <= 200)
);
create index client_upload_errors_upload_id_row_number_idx
on ${schema}.client_upload_errors (upload_id, row_number);
comment on table ${schema}.client_upload_errors is
'The per-row report of an upload: one row per problem found in the file (docs/uploads.md "Validation"). A rejected '
'row was not applied, the others of the file were; a warning (is_row_rejected false) was applied anyway.';
comment on column ${schema}.client_upload_errors.id is 'Surrogate key.';
comment on column ${schema}.client_upload_errors.upload_id is 'The upload (client_uploads) the problem is in.';
comment on column ${schema}.client_upload_errors.row_number is
'Spreadsheet row number (the header is row 1, the first data row 2); null for a problem of the whole file.';
comment on column ${schema}.client_upload_errors.column_name is 'The column (header text) of the problem, if any.';
comment on column ${schema}.client_upload_errors.bad_value is 'The offending cell value (first 200 characters).';
comment on column ${schema}.client_upload_errors.problem is
'Kind of problem: file, unknown_column, missing_column, missing_value, wrong_type, out_of_range, duplicate, '
'unknown_reference, invalid_ean.';
comment on column ${schema}.client_upload_errors.message is 'What is wrong and how to fix it, in one sentence.';
comment on column ${schema}.client_upload_errors.is_row_rejected is
'true: the row was not applied; false: a warning, the row was applied (e.g. an EAN failing its check digit is '
'ignored for matching).';
comment on index ${schema}.client_upload_errors_upload_id_row_number_idx is 'The report of one upload in row order.';

create unlogged table ${staging_schema}.client_upload_rows (
    upload_id bigint not null,
    row_number bigint not null,
    fields jsonb not null,
    constraint client_upload_rows_pkey primary key (upload_id, row_number)
);
comment on table ${staging_schema}.client_upload_rows is
'The rows of an uploaded file as read (cell text keyed by the canonical column name), landed by cw upload with COPY '
'and validated and applied in SQL (upload_apply). UNLOGGED: the original is in S3; rows of uploads that were applied '
'or superseded are deleted.';
comment on column ${staging_schema}.client_upload_rows.upload_id is 'The upload (client_uploads.id).';
comment on column ${staging_schema}.client_upload_rows.row_number is 'Spreadsheet row number (header = 1).';
comment on column ${staging_schema}.client_upload_rows.fields is
'Cell text per known column (lower-case header); empty cells are absent. Formulas give their cached value.';

create table ${schema}.match_methods (
    id smallint not null,
    name text not null,
    description text not null,
    constraint match_methods_pkey primary key (id),
    constraint match_methods_name_key unique (name)
);
comment on table ${schema}.match_methods is
'How a supplier''s product was matched to the catalogue, in the order they are tried (docs/uploads.md "Matching").';
comment on column ${schema}.match_methods.id is 'Small fixed id, stable across clients (1-4).';
comment on column ${schema}.match_methods.name is 'Vocabulary word: supplier_ref, ean, name_trigram, name_vector.';
comment on column ${schema}.match_methods.description is 'What the method compares.';
insert into ${schema}.match_methods (id, name, description) values
(1, 'supplier_ref', 'The supplier''s product code equals the vendor SKU of one of its product_suppliers rows, else '
 || 'the product''s own SKU (exactly one product).'),
(2, 'ean', 'The EAN/GTIN (8, 12, 13 or 14 digits, check digit valid) equals the product''s EAN.'),
(3, 'name_trigram', 'The product name is the most similar catalogue name by trigram similarity (pg_trgm).'),
(4, 'name_vector', 'The product name is the nearest catalogue name by cosine distance of hashed character n-gram '
 || 'vectors (pgvector); measured against name_trigram, not used by default.');

create table ${schema}.supplier_available_products (
    id bigint generated always as identity,
    supplier_id integer not null,
    supplier_ref text not null,
    code text,
    product_name text,
    is_available boolean not null,
    available_qty numeric(14, 3),
    file_date date not null,
    upload_id bigint not null,
    row_number bigint not null,
    product_id integer,
    match_method_id smallint,
    match_confidence numeric(5, 4),
    match_status text not null,
    is_match_confirmed boolean,
    is_match_effective boolean generated always as (
        product_id is not null and coalesce(is_match_confirmed, match_status = 'applied')
    ) stored,
    matched_at timestamptz not null default clock_timestamp(),
    constraint supplier_available_products_pkey primary key (id),
    constraint supplier_available_products_supplier_id_supplier_ref_key unique (supplier_id, supplier_ref),
    constraint supplier_available_products_supplier_id_fkey foreign key (supplier_id)
    references ${schema}.suppliers (id),
    constraint supplier_available_products_product_id_fkey foreign key (product_id)
    references ${schema}.products (id),
    constraint supplier_available_products_match_method_id_fkey foreign key (match_method_id)
    references ${schema}.match_methods (id),
    constraint supplier_available_products_upload_id_fkey foreign key (upload_id)
    references ${schema}.client_uploads (id),
    constraint supplier_available_product_status_check check (match_status in ('applied', 'proposed', 'unmatched')),
    constraint supplier_available_product_match_check check (
        (match_status = 'unmatched') = (product_id is null)
        and (product_id is null) = (match_method_id is null)
        and (product_id is null) = (match_confidence is null)
    ),
    constraint supplier_available_product_confidence_check check (match_confidence between 0 and 1),
    constraint supplier_available_product_qty_check check (available_qty >= 0)
);
create index supplier_available_products_product_id_idx on ${schema}.supplier_available_products (product_id);
create index supplier_available_products_upload_id_idx on ${schema}.supplier_available_products (upload_id);
comment on table ${schema}.supplier_available_products is
'The current product list of each supplier that sent one (cw upload --kind supplier-availability): one row per '
'supplier and supplier product code, matched to the catalogue by supplier_ref, EAN, then name (match_methods). A '
'name match below uploads.match_min_confidence is proposed, not applied, until a planner sets is_match_confirmed. '
'A new list of a supplier replaces its rows, keeping the planner''s confirmations (docs/uploads.md).';
comment on column ${schema}.supplier_available_products.id is 'Surrogate key.';
comment on column ${schema}.supplier_available_products.supplier_id is 'The supplier whose list the row is from.';
comment on column ${schema}.supplier_available_products.supplier_ref is
'The supplier''s own product code (its article number) as written in the file.';
comment on column ${schema}.supplier_available_products.code is
'The EAN/GTIN as written in the file (null when it had none).';
comment on column ${schema}.supplier_available_products.product_name is 'The supplier''s product name.';
comment on column ${schema}.supplier_available_products.is_available is
'The supplier can deliver the product (false: listed as no longer available or out of stock).';
comment on column ${schema}.supplier_available_products.available_qty is 'Quantity the supplier says it has, if given.';
comment on column ${schema}.supplier_available_products.file_date is 'Date of the list (client_uploads.file_date).';
comment on column ${schema}.supplier_available_products.upload_id is 'The upload the row came from.';
comment on column ${schema}.supplier_available_products.row_number is 'Row of the file (header = 1).';
comment on column ${schema}.supplier_available_products.product_id is
'The catalogue product matched (applied) or proposed; null when no method found one.';
comment on column ${schema}.supplier_available_products.match_method_id is 'How product_id was found (match_methods).';
comment on column ${schema}.supplier_available_products.match_confidence is
'0-1: 1 for supplier_ref and EAN, the name similarity for a name match.';
comment on column ${schema}.supplier_available_products.match_status is
'applied (supplier_ref, EAN, or a name match at or above uploads.match_min_confidence with a clear margin), proposed '
'(a weaker name match, waiting for a planner), unmatched.';
comment on column ${schema}.supplier_available_products.is_match_confirmed is
'UI: the planner''s word on the match: true accepts it (a proposed match becomes effective), false rejects it, null '
'= not reviewed. Kept when the supplier sends a new list with the same code and product.';
comment on column ${schema}.supplier_available_products.is_match_effective is
'Generated: the match counts (for supplier_availability_score): a product, and confirmed, or applied and not '
'rejected.';
comment on column ${schema}.supplier_available_products.matched_at is 'When the row was (re)matched.';
comment on index ${schema}.supplier_available_products_product_id_idx is 'The suppliers listing a product (and FK).';
comment on index ${schema}.supplier_available_products_upload_id_idx is 'Rows of an upload (and FK).';

-- The name match searches the catalogue by trigram distance (k nearest through GiST).
create index products_name_trigram_idx on ${schema}.products
using gist (lower(name) cw_global.gist_trgm_ops); -- noqa: PRS, L017
comment on index ${schema}.products_name_trigram_idx is
'Trigram index of the lower-case product name: the name match of supplier availability lists (nearest names).';

alter table ${schema}.product_behaviors
add column supplier_availability_score numeric(5, 2),
add column is_supplier_availability_confirmed boolean;
alter table ${schema}.product_behaviors
add constraint product_behavior_supplier_availability_check check (supplier_availability_score between 0 and 100);
comment on column ${schema}.product_behaviors.supplier_availability_score is
'0-100: share of the product''s suppliers with a current availability list that list it as available (effective '
'match); null when none of its suppliers sent a list (docs/uploads.md).';
comment on column ${schema}.product_behaviors.is_supplier_availability_confirmed is
'The score rests only on exact matches (supplier_ref, EAN) or planner-confirmed ones; false when an unconfirmed name '
'match counts; null with the score.';

revoke all on ${schema}.client_uploads, ${schema}.client_upload_errors, ${schema}.match_methods,
${schema}.supplier_available_products from ${ui_role};
grant select on ${schema}.client_uploads, ${schema}.client_upload_errors, ${schema}.match_methods,
${schema}.supplier_available_products to ${ui_role};
grant update (is_match_confirmed) on ${schema}.supplier_available_products to ${ui_role};

-- The matched list carries one UI-owned column (the planner's confirmation): registered, so that its edits are change
-- events (and the UI role's grant matches the registry); the other columns are the pipeline's.
insert into ${schema}.field_ownership (table_name, column_name, owner)
select
    columns.table_name,
    columns.column_name,
    case when columns.column_name = 'is_match_confirmed' then 'ui' else 'pipeline' end as column_owner
from information_schema.columns
where columns.table_schema = '${schema}' and columns.table_name = 'supplier_available_products';
