-- Helpers of step load (the Production Mapper): canonical ERP words, FX factors, reject reasons, and the
-- write-with-fallback driver that keeps one bad row from losing the others.

-- erp_word and fx_factor are evaluated once per staging row: they carry no SET search_path clause (PostgreSQL never
-- inlines a function that has one) and name every object schema-qualified instead, so the planner inlines them.
create or replace function ${schema}.erp_word(p_endpoint text, p_column text, p_value text)
returns text
language sql
stable
security invoker
as $$
    select case when nullif(pg_catalog.btrim(p_value), '') is null then null
                else coalesce(
                    (select value_mappings.canonical_value
                     from cw_global.erp_value_mappings as value_mappings
                     where value_mappings.erp_dialect_id = (select clients.erp_dialect_id from cw_global.clients
                                                            where clients.schema_name = '${schema}')
                         and value_mappings.endpoint = p_endpoint and value_mappings.staging_column = p_column
                         and value_mappings.erp_value
                             = pg_catalog.lower(pg_catalog.regexp_replace(pg_catalog.btrim(p_value), '\s+', '_', 'g'))),
                    pg_catalog.lower(pg_catalog.regexp_replace(pg_catalog.btrim(p_value), '\s+', '_', 'g')))
           end
$$;
comment on function ${schema}.erp_word(text, text, text) is
'Canonical form of an ERP status or type word for this client''s dialect: lower case, blanks as underscores, then '
'cw_global.erp_value_mappings (navision Open -> active). Null for a null or blank value. No SET search_path (every '
'name is qualified) so that it is inlined into load''s set-based statements.';

create or replace function ${schema}.erp_mapped_word(p_endpoint text, p_column text, p_value text)
returns text
language sql
stable
security invoker
as $$
    select value_mappings.canonical_value
    from cw_global.erp_value_mappings as value_mappings
    where value_mappings.erp_dialect_id = (select clients.erp_dialect_id from cw_global.clients
                                           where clients.schema_name = '${schema}')
        and value_mappings.endpoint = p_endpoint and value_mappings.staging_column = p_column
        and value_mappings.erp_value
            = pg_catalog.lower(pg_catalog.regexp_replace(pg_catalog.btrim(p_value), '\s+', '_', 'g'))
$$;
comment on function ${schema}.erp_mapped_word(text, text, text) is
'The canonical word cw_global.erp_value_mappings gives a value of this client''s dialect (normalised as in '
'erp_word), or null when the dialect maps no such value. For reference columns whose placeholders the dialect '
'configures (navision customer CASH = anonymous, STORE CLOSURE instead of a store order number). Inlined like '
'erp_word.';

create or replace function ${schema}.fx_factor(p_currency_id smallint, p_on date)
returns numeric
language sql
stable
security invoker
as $$
    select case when p_currency_id is null then null
                when p_currency_id = (select clients.currency_id from cw_global.clients
                                      where clients.schema_name = '${schema}') then 1::numeric
                else pg_catalog.round(
                    (select fx_rates.rate_to_eur from cw_global.fx_rates
                     where fx_rates.currency_id = p_currency_id
                     order by fx_rates.rate_date > p_on, pg_catalog.abs(fx_rates.rate_date - p_on)
                     limit 1)
                    / nullif((select fx_rates.rate_to_eur from cw_global.fx_rates
                              where fx_rates.currency_id = (select clients.currency_id from cw_global.clients
                                                            where clients.schema_name = '${schema}')
                              order by fx_rates.rate_date > p_on, pg_catalog.abs(fx_rates.rate_date - p_on)
                              limit 1), 0), 8)
           end
$$;
comment on function ${schema}.fx_factor(smallint, date) is
'Client-currency units per unit of the given currency on a date, through the EUR rates of cw_global.fx_rates: the '
'latest rate on or before the date, else the earliest after it. 1 for the client currency; null when either '
'currency has no rate at all. No SET search_path (every name is qualified) so that it is inlined.';

create or replace function ${schema}.load_reject_reason(p_code text, p_entity text, p_key text)
returns text
language sql
immutable
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
    select format('%s %s: %s', p_entity, coalesce(p_key, '(no key)'), case p_code
        when 'missing_fields' then 'required fields are missing (the gate reported them)'
        when 'cast_errors' then 'values could not be cast to their type (the gate reported them)'
        when 'duplicate' then 'an earlier duplicate of the same key in the batch; the last occurrence was kept'
        when 'unknown_currency' then 'the currency code is not in cw_global.currencies'
        when 'no_fx_rate' then 'no FX rate exists for the currency: add one to cw_global.fx_rates'
        when 'unknown_value' then 'a status or type word is not in the canonical vocabulary: add it to '
            || 'cw_global.erp_value_mappings'
        when 'orphan_product' then 'the product does not exist in production (not in this or an earlier snapshot)'
        when 'orphan_location' then 'the location does not exist in production'
        when 'orphan_supplier' then 'the supplier does not exist in production'
        when 'orphan_price_list' then 'the price list was rejected'
        when 'orphan_document' then 'the document header was rejected, so its lines cannot be placed'
        when 'invalid_quantity' then 'cleansing rule: a quantity of zero, or negative on a sale, is removed '
            || '(a document whose every line is negative is a return)'
        when 'invalid_unit_price' then 'cleansing rule: a negative unit price is removed'
        when 'invalid_date' then 'cleansing rule: the transaction date is missing, not a date, or outside the '
            || 'plausible range (quality.oldest_event_date .. run date + quality.max_future_days)'
        else 'refused by constraint or check ' || p_code || ' (values in detail)'
    end)
$$;
comment on function ${schema}.load_reject_reason(text, text, text) is
'Human-readable reason of a load reject code, with the entity and the ERP key.';

create or replace procedure ${schema}.load_apply(p_entity text, p_run_date date)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_row        record;
    v_constraint text;
    v_state      text;
    v_message    text;
    v_failed     bigint := 0;
begin
    -- The set-based write first: the normal path, one statement per table.
    begin
        execute format('call %I.%I($1, null)', '${schema}', 'write_' || p_entity) using p_run_date;
        return;
    exception when integrity_constraint_violation or data_exception then
        get stacked diagnostics v_constraint = constraint_name, v_state = returned_sqlstate, v_message = message_text;
        raise notice 'load %: set-based write refused (% %: %); retrying row by row to isolate the bad rows',
            p_entity, v_state, v_constraint, v_message;
    end;
    -- A row the pre-checks did not foresee broke the statement: write row by row, each in its own subtransaction,
    -- and reject only the rows that fail. Slow, but only on this exceptional path.
    -- (the failed statement's load_counts rows were rolled back with it)
    for v_row in execute format('select src_row, erp_key, raw_file_id, record_no from %I where reject_code is null '
                                'order by src_row', 'src_' || p_entity)
    loop
        begin
            execute format('call %I.%I($1, $2)', '${schema}', 'write_' || p_entity) using p_run_date, v_row.src_row;
        exception when integrity_constraint_violation or data_exception then
            get stacked diagnostics v_constraint = constraint_name, v_state = returned_sqlstate,
                                    v_message = message_text;
            v_failed := v_failed + 1;
            insert into ${schema}.load_rejects (
                run_date, entity, erp_key, raw_file_id, record_no, line_no, reason_code, reason, detail
            )
            values (
                p_run_date, p_entity, v_row.erp_key, v_row.raw_file_id, v_row.record_no, 0,
                coalesce(nullif(v_constraint, ''), 'sqlstate_' || lower(v_state)),
                ${schema}.load_reject_reason(coalesce(nullif(v_constraint, ''), 'sqlstate_' || lower(v_state)),
                                             p_entity, v_row.erp_key),
                jsonb_build_object('sqlstate', v_state, 'message', v_message)
            )
            on conflict on constraint load_rejects_run_date_entity_record_reason_key
            do nothing;
            execute format('update %I set reject_code = $1 where src_row = $2', 'src_' || p_entity)
            using coalesce(nullif(v_constraint, ''), 'sqlstate_' || lower(v_state)), v_row.src_row;
        end;
    end loop;
    raise notice 'load %: % row(s) refused by constraints, the others written', p_entity, v_failed;
end
$$;
comment on procedure ${schema}.load_apply(text, date) is
'Runs write_<entity>(run_date, null) on the prepared src_<entity> rows in one statement per table; when a '
'constraint or data error refuses the statement, writes the rows one by one (write_<entity>(run_date, src_row)) in '
'subtransactions and records each refused row in load_rejects with the constraint name: one bad row never loses '
'the others, and never aborts the run.';

create or replace procedure ${schema}.load_reject_rows(p_entity text, p_run_date date)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    execute format($sql$
        insert into %1$I.load_rejects (
            run_date, entity, erp_key, raw_file_id, record_no, line_no, reason_code, reason, detail
        )
        select $1, %2$L, src.erp_key, src.raw_file_id, src.record_no,
               coalesce((to_jsonb(src) ->> 'line_no')::integer, 0), src.reject_code,
               %1$I.load_reject_reason(src.reject_code, %2$L, src.erp_key),
               to_jsonb(src) - 'src_row' - 'reject_code' - 'row_hash' - 'raw_hash'
        from %3$I as src
        where src.reject_code is not null
        on conflict on constraint load_rejects_run_date_entity_record_reason_key
        do nothing
        $sql$, '${schema}', p_entity, 'src_' || p_entity)
    using p_run_date;
end
$$;
comment on procedure ${schema}.load_reject_rows(text, date) is
'Records the rows of src_<entity> that the pre-checks rejected (reject_code set) in load_rejects, with their values.';

create or replace function ${schema}.erp_default_currency()
returns text
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select coalesce(erp_dialects.blank_currency_code, currencies.code)
    from cw_global.clients
    inner join cw_global.erp_dialects on erp_dialects.id = clients.erp_dialect_id
    inner join cw_global.currencies on currencies.id = clients.currency_id
    where clients.schema_name = '${schema}'
$$;
comment on function ${schema}.erp_default_currency() is
'Currency of an amount the ERP sends without one: the dialect''s cw_global.erp_dialects.blank_currency_code '
'(navision writes a blank code for its local currency, EUR), else the client currency.';

create or replace procedure ${schema}.load_drop_temp(p_table text)
language plpgsql
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
begin
    if to_regclass(format('pg_temp.%I', p_table)) is not null then
        execute format('drop table pg_temp.%I', p_table);
    end if;
end
$$;
comment on procedure ${schema}.load_drop_temp(text) is
'Drops a temporary work table of step load when the session still has it (a second load in one transaction), '
'quietly.';

create or replace function ${schema}.load_raw_hash_seed()
returns bigint
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select pg_catalog.hashtextextended(concat_ws(
        '|', clients.erp_dialect_id, clients.currency_id, ${schema}.erp_default_currency(),
        (select string_agg(concat_ws('=', mappings.endpoint, mappings.staging_column, mappings.erp_value,
                                     mappings.canonical_value), ';'
                           order by mappings.endpoint, mappings.staging_column, mappings.erp_value)
         from cw_global.erp_value_mappings as mappings
         where mappings.erp_dialect_id = clients.erp_dialect_id),
        (select md5(string_agg(procedures.prosrc, ';' order by procedures.proname, procedures.oid))
         from pg_catalog.pg_proc as procedures
         where procedures.pronamespace = '${schema}'::regnamespace
             and (procedures.proname like 'load\_%' or procedures.proname like 'write\_%'
                  or procedures.proname like 'typed\_%'
                  or procedures.proname in ('erp_word', 'erp_mapped_word', 'erp_default_currency', 'step_load')))
    ), 0)
    from cw_global.clients
    where clients.schema_name = '${schema}'
$$;
comment on function ${schema}.load_raw_hash_seed() is
'Seed of every raw hash of step load: the client''s dialect and currencies, the dialect''s rows of '
'cw_global.erp_value_mappings and the source of the load procedures. A changed mapping or a redeployed load changes '
'the seed, so every stored raw_hash stops matching and the next load prepares every row once (and re-maps it). FX '
'rates are deliberately not in it: a rate change alone rewrites nothing, as before the raw hashes.';

create or replace procedure ${schema}.load_batch_records(
    p_entity text, p_staging text, p_key text, p_target text, p_line_entity text default null
)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_values    text;
    v_is_active text;
begin
    -- Every staging column but the record's position in its file: a column added to staging is hashed unasked.
    select string_agg(format('staged.%I', attributes.attname), ', ' order by attributes.attnum)
    into v_values
    from pg_catalog.pg_attribute as attributes
    where attributes.attrelid = format('%I.%I', '${staging_schema}', p_staging)::regclass
        and attributes.attnum > 0 and not attributes.attisdropped
        and attributes.attname not in ('raw_file_id', 'record_no');
    v_is_active := case when exists (select from pg_catalog.pg_attribute as attributes
                                     where attributes.attrelid = format('%I.%I', '${schema}', p_target)::regclass
                                         and attributes.attname = 'is_active' and not attributes.attisdropped)
                        then 'and loaded.is_active' else '' end;
    call ${schema}.load_drop_temp('batch_' || p_entity);
    execute format($sql$
        create temp table %1$I on commit drop as
        with records as (
            select staged.raw_file_id, staged.record_no, min(staged.%2$I) as erp_key, count(*) as line_count,
                   hash_numeric_extended(sum(hash_record_extended(row(%3$s), $1)), count(*)) as raw_hash
            from %4$I.%5$I as staged
            group by staged.raw_file_id, staged.record_no
        ),

        keys as (
            select records.erp_key, count(*) as copies
            from records
            group by records.erp_key
        )

        select records.raw_file_id, records.record_no, records.erp_key, records.line_count, records.raw_hash,
               coalesce(keys.copies = 1 and loaded.raw_hash = records.raw_hash %8$s, false) as is_unchanged
        from records
        left join keys on keys.erp_key = records.erp_key
        left join %6$I.%7$I as loaded on loaded.erp_id = records.erp_key
        $sql$, 'batch_' || p_entity, p_key, v_values, '${staging_schema}', p_staging, '${schema}', p_target,
        v_is_active)
    using ${schema}.load_seed();
    execute format('analyze %I', 'batch_' || p_entity);
    execute format($sql$
        insert into load_counts (entity, inserted, updated, unchanged)
        select lines.entity, 0, 0, sum(lines.unchanged)
        from %1$I as batch
        cross join lateral (values ($1, 1::bigint), ($2, batch.line_count)) as lines (entity, unchanged)
        where batch.is_unchanged and lines.entity is not null
        group by lines.entity
        $sql$, 'batch_' || p_entity)
    using p_entity, p_line_entity;
end
$$;
comment on procedure ${schema}.load_batch_records(text, text, text, text, text) is
'First move of step load for a master or document entity: one row per staging record in temp table '
'batch_<entity> with its ERP key, its number of staging lines, its raw hash (every staging column but raw_file_id '
'and record_no, per line, summed over the record, seeded with load_raw_hash_seed()) and is_unchanged: the key '
'occurs once in the batch and the production row (p_target, by erp_id; active, where the table has is_active) '
'holds the same raw hash. Unchanged records are counted in load_counts (lines too, under p_line_entity) and never '
'typed, mapped, resolved or sorted; the loaders prepare only the others.';

create or replace function ${schema}.load_seed()
returns bigint
language sql
stable
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
    select coalesce(nullif(pg_catalog.current_setting('cw.load_raw_hash_seed', true), '')::bigint,
                    ${schema}.load_raw_hash_seed())
$$;
comment on function ${schema}.load_seed() is
'The raw hash seed of the running load: step_load computes load_raw_hash_seed() once and keeps it in the '
'transaction-local setting cw.load_raw_hash_seed (reset when step_load returns); outside step_load it is computed.';

create or replace function ${schema}.load_has_unwritten_rows(p_entity text)
returns boolean
language plpgsql
stable
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
declare
    v_accepted bigint;
begin
    execute format('select count(*) from %I where reject_code is null', 'src_' || p_entity) into v_accepted;
    return v_accepted > (select coalesce(sum(load_counts.inserted + load_counts.updated), 0)
                         from load_counts
                         where load_counts.entity = p_entity);
end
$$;
comment on function ${schema}.load_has_unwritten_rows(text) is
'True when src_<entity> holds accepted rows that write_<entity> did not write (their typed values were unchanged): '
'only then must their raw_hash be brought up to date. Spares that join on a first load, where every row is written.';
