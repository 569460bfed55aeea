-- Quality Mapper configuration: how each ERP dialect's raw JSON maps onto the common staging tables.
-- Data, not code: a new dialect is new rows here (see docs/quality.md).

create table cw_global.erp_endpoint_mappings (
    id integer generated always as identity,
    erp_dialect_id smallint not null,
    endpoint text not null,
    staging_table text not null,
    lines_path text[],
    constraint erp_endpoint_mappings_pkey primary key (id),
    constraint erp_endpoint_mappings_erp_dialect_id_endpoint_key unique (erp_dialect_id, endpoint),
    constraint erp_endpoint_mappings_erp_dialect_id_fkey foreign key (erp_dialect_id)
    references cw_global.erp_dialects (id),
    constraint erp_endpoint_staging_table_check check (staging_table ~ '^staging_[a-z_]+$'),
    constraint erp_endpoint_endpoint_check check (endpoint ~ '^[a-z_]{1,40}$')
);
comment on table cw_global.erp_endpoint_mappings is
'Which staging table each endpoint of an ERP dialect maps to; lines_path, when set, is the JSON path of the array of '
'document lines, and the staging table then holds one row per line.';
comment on column cw_global.erp_endpoint_mappings.lines_path is
'Path (jsonb #> style) of the lines array in a document, e.g. {lines} or {Lines}; null for one row per record.';

create table cw_global.erp_field_mappings (
    id integer generated always as identity,
    erp_endpoint_mapping_id integer not null,
    staging_column text not null,
    source_path text[] not null,
    is_line_field boolean not null default false,
    data_type text not null,
    value_format text,
    is_required boolean not null default false,
    is_ignored boolean not null default false,
    constraint erp_field_mappings_pkey primary key (id),
    constraint erp_field_mappings_erp_endpoint_mapping_id_staging_column_key
    unique (erp_endpoint_mapping_id, staging_column),
    constraint erp_field_mappings_erp_endpoint_mapping_id_fkey foreign key (erp_endpoint_mapping_id)
    references cw_global.erp_endpoint_mappings (id) on delete cascade,
    constraint erp_field_data_type_check check (
        data_type in ('text', 'numeric', 'integer', 'date', 'timestamptz', 'boolean')
    ),
    constraint erp_field_value_format_check check (
        value_format is null or value_format in ('YYYY-MM-DD', 'DD.MM.YYYY', 'decimal_comma', 'days_suffix')
    ),
    constraint erp_field_staging_column_check check (staging_column ~ '^[a-z][a-z0-9_]{0,62}$')
);
comment on table cw_global.erp_field_mappings is
'One staging column of an endpoint mapping: where its value sits in the raw JSON, its type and format, and whether '
'the ERP must always send it. A value that is present but cannot be cast is a counted quality failure.';
comment on column cw_global.erp_field_mappings.source_path is
'jsonb path of the value: from the record root, or from the line element when is_line_field.';
comment on column cw_global.erp_field_mappings.value_format is
'How the ERP writes the value: YYYY-MM-DD or DD.MM.YYYY for dates, decimal_comma for numbers like "12,50", '
'days_suffix for date formulas like "14D".';
comment on column cw_global.erp_field_mappings.is_ignored is
'A field the ERP sends that the pipeline does not use: known (no schema-drift warning) but not staged.';
comment on column cw_global.erp_field_mappings.is_required is
'Missing (absent or null) values of a required field fail the completeness check of the endpoint.';
