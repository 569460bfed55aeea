-- Validation and application of an upload whose rows cw upload landed in client_upload_rows (docs/uploads.md):
-- cell checks (required, type, range), duplicate keys and unknown references become the per-row report in
-- client_upload_errors; the other rows are applied to UI-owned columns only, in one transaction with the report.
create or replace procedure ${schema}.upload_apply(p_upload_id bigint, inout p_summary jsonb default null)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_upload   ${schema}.client_uploads;
    v_read     bigint;
    v_rejected bigint;
    v_applied  bigint := 0;
    v_changed  bigint := 0;
    v_removed  bigint := 0;
    v_suppliers integer [];
    v_keys     text [];
    v_column   text;
begin
    select * into v_upload from ${schema}.client_uploads where client_uploads.id = p_upload_id for update;
    if not found then
        raise exception 'unknown upload id %', coalesce(p_upload_id::text, 'null') using errcode = 'CW261',
            hint = 'list uploads with: select id, kind, s3_key, status from client_uploads order by id desc';
    end if;
    if v_upload.status != 'staged' then
        raise exception 'upload % (%) is %, not staged: it cannot be applied again', p_upload_id, v_upload.s3_key,
            v_upload.status using errcode = 'CW261',
            hint = 'upload the file again (cw upload) to apply it anew';
    end if;
    -- A re-apply of the same staged upload (after a failure) starts from a clean report.
    delete from ${schema}.client_upload_errors where client_upload_errors.upload_id = p_upload_id
        and client_upload_errors.row_number is not null;

    -- The landed rows were just copied in: fresh statistics let the checks below hash instead of loop.
    analyze ${staging_schema}.client_upload_rows;
    select count(*) into v_read from ${staging_schema}.client_upload_rows as upload_rows
    where upload_rows.upload_id = p_upload_id;

    -- 1. Cells: a required value missing, a value of the wrong type or out of range (row rejected); an EAN failing
    --    its check digit (warning: the row loads, the EAN is not used for matching).
    insert into ${schema}.client_upload_errors (upload_id, row_number, column_name, bad_value, problem, message,
                                                is_row_rejected)
    with cells as (
        select
            upload_rows.row_number,
            columns.column_name,
            columns.value_type,
            upload_rows.fields ->> columns.column_name as cell_value,
            case
                when upload_rows.fields ->> columns.column_name is null
                    then case when columns.is_required then 'missing_value' end
                -- (written out here rather than in a function: a function with a pinned search_path is not
                -- inlined, and a call per cell costs more than the check)
                when columns.value_type = 'integer'
                    and cw_global.try_integer(upload_rows.fields ->> columns.column_name) is null then 'wrong_type'
                when columns.value_type = 'numeric'
                    and cw_global.try_numeric(trim(upload_rows.fields ->> columns.column_name)) is null
                    then 'wrong_type'
                when columns.value_type = 'boolean'
                    and cw_global.try_boolean(upload_rows.fields ->> columns.column_name) is null then 'wrong_type'
                when columns.value_type = 'ean'
                    and trim(upload_rows.fields ->> columns.column_name) !~ '^[0-9]{1,20}$' then 'wrong_type'
                when length(upload_rows.fields ->> columns.column_name) > columns.max_length then 'out_of_range'
                when columns.value_type in ('integer', 'numeric') and (
                    cw_global.try_numeric(trim(upload_rows.fields ->> columns.column_name)) < columns.min_value
                    or cw_global.try_numeric(trim(upload_rows.fields ->> columns.column_name)) > columns.max_value
                ) then 'out_of_range'
            end as problem,
            columns.min_value,
            columns.max_value,
            columns.max_length
        from ${staging_schema}.client_upload_rows as upload_rows
        cross join ${schema}.upload_columns(v_upload.kind) as columns
        where upload_rows.upload_id = p_upload_id
    )
    select
        p_upload_id,
        cells.row_number,
        cells.column_name,
        left(cells.cell_value, 200),
        coalesce(cells.problem, 'invalid_ean'),
        case coalesce(cells.problem, 'invalid_ean')
            when 'missing_value' then format('%s is required: fill it in', cells.column_name)
            when 'wrong_type' then format('%s must be %s, got %s', cells.column_name,
                case cells.value_type
                    when 'integer' then 'a whole number'
                    when 'numeric' then 'a number (decimal point, no thousands separator)'
                    when 'boolean' then 'true/false, yes/no or 1/0'
                    when 'ean' then 'digits only'
                    else cells.value_type
                end, quote_literal(left(cells.cell_value, 60)))
            when 'out_of_range' then format('%s %s is out of range (%s)', cells.column_name,
                quote_literal(left(cells.cell_value, 60)),
                concat_ws(', ', 'min ' || cells.min_value, 'max ' || cells.max_value,
                          'at most ' || cells.max_length || ' characters'))
            else format('ean %s fails its check digit (or is not 8, 12, 13 or 14 digits): it is not used for '
                        || 'matching; correct it', cells.cell_value)
        end,
        cells.problem is not null
    from cells
    where cells.problem is not null
        or (cells.value_type = 'ean' and cells.cell_value is not null
            and ${schema}.gtin_normalised(cells.cell_value) is null);

    -- 2. Duplicate keys: every row of a key that appears more than once is rejected (which one is right is the
    --    client's call). Keys are compared case-insensitively; a kind has one or two key columns.
    v_keys := array(select columns.column_name from ${schema}.upload_columns(v_upload.kind) as columns
                    where columns.is_key order by columns.column_name);
    insert into ${schema}.client_upload_errors (upload_id, row_number, column_name, bad_value, problem, message,
                                                is_row_rejected)
    with keyed as (
        select
            upload_rows.row_number,
            upload_rows.fields,
            lower(coalesce(upload_rows.fields ->> v_keys[1], '')) || chr(31)
            || lower(coalesce(upload_rows.fields ->> v_keys[2], '')) as key_value
        from ${staging_schema}.client_upload_rows as upload_rows
        where upload_rows.upload_id = p_upload_id
    ),
    duplicated as (
        select keyed.key_value, count(*) as copies, (array_agg(keyed.row_number order by keyed.row_number))[1:5]
        as first_rows
        from keyed
        group by keyed.key_value
        having count(*) > 1
    ),
    counted as (
        select
            keyed.row_number,
            concat_ws(', ', v_keys[1] || '=' || coalesce(keyed.fields ->> v_keys[1], ''),
                      v_keys[2] || '=' || coalesce(keyed.fields ->> v_keys[2], '')) as key_text,
            duplicated.copies,
            duplicated.first_rows
        from keyed
        inner join duplicated on duplicated.key_value = keyed.key_value
    )
    select
        p_upload_id,
        counted.row_number,
        null,
        left(counted.key_text, 200),
        'duplicate',
        format('%s appears %s times (rows %s%s): keep one row per key', counted.key_text, counted.copies,
               array_to_string(counted.first_rows, ', '), case when counted.copies > 5 then ', ...' else '' end),
        true
    from counted;

    -- 3. References: ERP ids that must exist (uploads fill in UI-owned fields of what the ERP created); one
    --    anti-join per reference column of the kind.
    foreach v_column in array array(
        select columns.column_name from ${schema}.upload_columns(v_upload.kind) as columns
        where columns.column_name in ('supplier_id', 'location_id', 'source_location_id')
    ) loop
        execute format(
            $sql$
            insert into %1$I.client_upload_errors (upload_id, row_number, column_name, bad_value, problem, message,
                                                   is_row_rejected)
            select
                $1,
                upload_rows.row_number,
                %3$L,
                left(upload_rows.fields ->> %3$L, 200),
                'unknown_reference',
                format('no %4$s with ERP id %%s: use the id of the ERP export (the ERP creates %4$ss; an upload '
                       || 'only fills in what the planner owns)', quote_literal(left(upload_rows.fields ->> %3$L, 60))),
                true
            from %2$I.client_upload_rows as upload_rows
            where upload_rows.upload_id = $1 and upload_rows.fields ? %3$L
                and not exists (select from %1$I.%5$I as referenced
                                where referenced.erp_id = upload_rows.fields ->> %3$L)
            $sql$,
            '${schema}', '${staging_schema}', v_column,
            case v_column when 'supplier_id' then 'supplier' else 'location' end,
            case v_column when 'supplier_id' then 'suppliers' else 'locations' end
        ) using p_upload_id;
    end loop;

    if v_upload.kind = 'supply-network' then
        insert into ${schema}.client_upload_errors (upload_id, row_number, column_name, bad_value, problem, message,
                                                    is_row_rejected)
        select p_upload_id, upload_rows.row_number, 'source_location_id', left(upload_rows.fields ->> 'location_id', 200),
            'out_of_range', 'a location cannot supply itself: leave source_location_id empty to buy from the supplier',
            true
        from ${staging_schema}.client_upload_rows as upload_rows
        where upload_rows.upload_id = p_upload_id
            and upload_rows.fields ->> 'source_location_id' = upload_rows.fields ->> 'location_id';
    end if;

    -- 4. The valid rows.
    -- (The rejected rows are collected and analysed first: the report was written in this transaction, so the
    -- planner's statistics know nothing of it and would probe it row by row.)
    create temporary table upload_rejected_rows on commit drop as
    select distinct errors.row_number
    from ${schema}.client_upload_errors as errors
    where errors.upload_id = p_upload_id and errors.row_number is not null and errors.is_row_rejected;
    analyze upload_rejected_rows;
    create temporary table upload_valid_rows on commit drop as
    select upload_rows.row_number, upload_rows.fields
    from ${staging_schema}.client_upload_rows as upload_rows
    where upload_rows.upload_id = p_upload_id
        and not exists (
            select from upload_rejected_rows as rejected where rejected.row_number = upload_rows.row_number
        );
    get diagnostics v_applied = row_count;
    v_rejected := v_read - v_applied;

    if v_upload.kind = 'suppliers' then
        -- UI-owned columns only (field_ownership ui); an empty cell leaves the current value.
        with typed as (
            select
                valid.fields ->> 'supplier_id' as erp_id,
                cw_global.try_boolean(valid.fields ->> 'is_enabled') as is_enabled,
                cw_global.try_integer(valid.fields ->> 'lead_time_days')::integer as lead_time_days,
                cw_global.try_numeric(trim(valid.fields ->> 'moq_qty')) as moq_qty,
                cw_global.try_integer(valid.fields ->> 'review_cycle_days')::integer as review_cycle_days,
                cw_global.try_numeric(trim(valid.fields ->> 'min_order_value')) as min_order_value
            from upload_valid_rows as valid
        )
        update ${schema}.suppliers
        set is_enabled = coalesce(typed.is_enabled, suppliers.is_enabled),
            lead_time_days_override = coalesce(typed.lead_time_days, suppliers.lead_time_days_override),
            moq_qty_override = coalesce(typed.moq_qty, suppliers.moq_qty_override),
            review_cycle_days = coalesce(typed.review_cycle_days, suppliers.review_cycle_days),
            min_order_value = coalesce(typed.min_order_value, suppliers.min_order_value)
        from typed
        where suppliers.erp_id = typed.erp_id
            and (suppliers.is_enabled, suppliers.lead_time_days_override, suppliers.moq_qty_override,
                 suppliers.review_cycle_days, suppliers.min_order_value)
            is distinct from (coalesce(typed.is_enabled, suppliers.is_enabled),
                              coalesce(typed.lead_time_days, suppliers.lead_time_days_override),
                              coalesce(typed.moq_qty, suppliers.moq_qty_override),
                              coalesce(typed.review_cycle_days, suppliers.review_cycle_days),
                              coalesce(typed.min_order_value, suppliers.min_order_value));
        get diagnostics v_changed = row_count;
    elsif v_upload.kind = 'locations' then
        with typed as (
            select
                valid.fields ->> 'location_id' as erp_id,
                cw_global.try_boolean(valid.fields ->> 'is_enabled') as is_enabled,
                valid.fields ->> 'planner_note' as planner_note
            from upload_valid_rows as valid
        )
        update ${schema}.locations
        set is_enabled = coalesce(typed.is_enabled, locations.is_enabled),
            planner_note = coalesce(typed.planner_note, locations.planner_note)
        from typed
        where locations.erp_id = typed.erp_id
            and (locations.is_enabled, locations.planner_note) is distinct from (
                coalesce(typed.is_enabled, locations.is_enabled), coalesce(typed.planner_note, locations.planner_note)
            );
        get diagnostics v_changed = row_count;
    elsif v_upload.kind = 'supply-network' then
        -- Upserted by location and supplier; overrides the file does not name stay (the planner's own).
        insert into ${schema}.supply_network_overrides as overrides (location_id, supplier_id, source_location_id,
                                                                    note, updated_at, updated_by)
        select
            locations.id,
            suppliers.id,
            sources.id,
            valid.fields ->> 'note',
            now(),
            left('cw upload ' || v_upload.file_name, 200)
        from upload_valid_rows as valid
        inner join ${schema}.locations on locations.erp_id = valid.fields ->> 'location_id'
        left join ${schema}.suppliers on suppliers.erp_id = valid.fields ->> 'supplier_id'
        left join ${schema}.locations as sources on sources.erp_id = valid.fields ->> 'source_location_id'
        on conflict (location_id, coalesce(supplier_id, 0)) do update
        set source_location_id = excluded.source_location_id,
            note = excluded.note,
            updated_at = excluded.updated_at,
            updated_by = excluded.updated_by
        where (overrides.source_location_id, overrides.note)
            is distinct from (excluded.source_location_id, excluded.note);
        get diagnostics v_changed = row_count;
    else
        -- supplier-availability: each supplier named in the file gets this list in place of its previous one;
        -- rows of the same code keep the planner's review.
        select coalesce(array_agg(distinct suppliers.id), '{}') into v_suppliers
        from upload_valid_rows as valid
        inner join ${schema}.suppliers on suppliers.erp_id = valid.fields ->> 'supplier_id';

        insert into ${schema}.supplier_available_products as available (
            supplier_id, supplier_ref, code, product_name, is_available, available_qty, file_date, upload_id,
            row_number, match_status
        )
        select
            suppliers.id,
            valid.fields ->> 'supplier_ref',
            valid.fields ->> 'ean',
            valid.fields ->> 'product_name',
            coalesce(cw_global.try_boolean(valid.fields ->> 'is_available'), true),
            cw_global.try_numeric(trim(valid.fields ->> 'available_qty')),
            v_upload.file_date,
            p_upload_id,
            valid.row_number,
            'unmatched'
        from upload_valid_rows as valid
        inner join ${schema}.suppliers on suppliers.erp_id = valid.fields ->> 'supplier_id'
        on conflict (supplier_id, supplier_ref) do update
        set code = excluded.code,
            product_name = excluded.product_name,
            is_available = excluded.is_available,
            available_qty = excluded.available_qty,
            file_date = excluded.file_date,
            upload_id = excluded.upload_id,
            row_number = excluded.row_number;
        get diagnostics v_changed = row_count;

        delete from ${schema}.supplier_available_products as available
        where available.supplier_id = any(v_suppliers) and available.upload_id != p_upload_id;
        get diagnostics v_removed = row_count;

        call ${schema}.supplier_availability_match(v_suppliers);
        call ${schema}.supplier_availability_behaviors_write(null);
    end if;

    -- 5. Bookkeeping: this upload is in force, the previous one of its kind superseded, landed rows dropped.
    update ${schema}.client_uploads
    set status = 'superseded'
    where client_uploads.kind = v_upload.kind and client_uploads.status = 'applied'
        and client_uploads.id != p_upload_id;
    p_summary := jsonb_build_object(
        'upload_id', p_upload_id, 'kind', v_upload.kind, 'rows_read', v_read, 'rows_rejected', v_rejected,
        'rows_applied', v_applied, 'rows_changed', v_changed, 'rows_removed', v_removed,
        'problems', coalesce((select jsonb_object_agg(counted.problem, counted.problems)
                              from (select errors.problem, count(*) as problems
                                    from ${schema}.client_upload_errors as errors
                                    where errors.upload_id = p_upload_id
                                    group by errors.problem) as counted), '{}')
    );
    update ${schema}.client_uploads
    set status = 'applied',
        rows_read = v_read,
        rows_rejected = v_rejected,
        rows_applied = v_applied,
        applied_at = clock_timestamp(),
        message = format('%s rows read, %s applied (%s changed%s), %s rejected', v_read, v_applied, v_changed,
                         case when v_removed > 0 then format(', %s no longer listed removed', v_removed) else '' end,
                         v_rejected)
    where client_uploads.id = p_upload_id;
    delete from ${staging_schema}.client_upload_rows as upload_rows
    using ${schema}.client_uploads
    where client_uploads.id = upload_rows.upload_id and client_uploads.kind = v_upload.kind;
    drop table upload_valid_rows;
    drop table upload_rejected_rows;
end
$$;
comment on procedure ${schema}.upload_apply(bigint, jsonb) is
'Validates and applies a staged upload (client_uploads.status staged; its rows in the staging table '
'client_upload_rows): per-row problems go to client_upload_errors, the other rows fill UI-owned columns only '
'(suppliers, locations), upsert supply_network_overrides, or replace the suppliers'' lists in '
'supplier_available_products and match them. Returns a summary (rows read, applied, rejected, problems by kind). '
'Does not commit: the caller''s transaction holds the report and the changes together. Raises CW261 for an unknown '
'or already applied upload.';
