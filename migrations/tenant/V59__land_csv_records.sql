-- The web-shop CSV source (issue 17 item 3, docs/production.md "The web-shop CSV dialect"): CSV records land in
-- raw_records like JSON records, with the line of the file they start on; malformed CSV rows are isolated in
-- raw_record_rejects while the rest of the file loads; staging keeps a customer's first and last name apart.
alter table ${staging_schema}.raw_records
add column line_no integer;
comment on column ${staging_schema}.raw_records.line_no is
'CSV records: the line of the file the record starts on (line 1 is the header row; a quoted value may span lines). '
'Null for JSON records.';

create table ${staging_schema}.raw_record_rejects (
    file_id bigint not null,
    file_date date not null,
    line_no integer not null,
    reason text not null,
    raw_text text not null,
    created_at timestamptz not null default now(),
    constraint raw_record_rejects_pkey primary key (file_id, line_no),
    constraint raw_record_rejects_file_id_fkey foreign key (file_id)
    references ${staging_schema}.raw_files (id) on delete cascade,
    constraint raw_record_rejects_line_no_check check (line_no > 0)
);
comment on table ${staging_schema}.raw_record_rejects is
'CSV rows the loader could not turn into a record (unbalanced quote, wrong column count, bytes that are not UTF-8), '
'one row per rejected line, written in the same transaction as the file''s good records, which load. The quality '
'gate reports them (check malformed_rows); S3 keeps the original file.';
comment on column ${staging_schema}.raw_record_rejects.file_id is 'raw_files row of the CSV file.';
comment on column ${staging_schema}.raw_record_rejects.file_date is 'Snapshot date of the file (its S3 prefix).';
comment on column ${staging_schema}.raw_record_rejects.line_no is 'Line of the file the rejected row starts on.';
comment on column ${staging_schema}.raw_record_rejects.reason is
'Why the row was rejected, e.g. "wrong column count: 7 values, the header has 9 columns".';
comment on column ${staging_schema}.raw_record_rejects.raw_text is
'The rejected line as read (at most 2,000 characters; bytes that are not UTF-8 shown as U+FFFD).';
comment on column ${staging_schema}.raw_record_rejects.created_at is 'When the loader rejected the row.';
create index raw_record_rejects_file_date_idx on ${staging_schema}.raw_record_rejects (file_date);

alter table ${staging_schema}.staging_sales_orders
add column customer_first_name text,
add column customer_last_name text;
comment on column ${staging_schema}.staging_sales_orders.customer_first_name is
'Customer first name when the ERP sends the name in two parts (webshop_csv customers.csv); load joins them.';
comment on column ${staging_schema}.staging_sales_orders.customer_last_name is
'Customer last name when the ERP sends the name in two parts (webshop_csv customers.csv); load joins them.';
