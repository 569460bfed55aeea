begin;
select plan(6);

-- The Quality Mapper maps a file with plain casts where a round trip proves them equal to the safe casts, and falls
-- back to the safe casts for the whole file when a plain cast raises. Either way the staging rows must be exactly
-- the safe mapping's: these files hold the shapes where a plain cast and a safe cast disagree.
set local datestyle = 'ISO, YMD';
call cw_000901.ensure_raw_partition('2031-01-01');

create function pg_temp.raw_file(p_endpoint text, p_records jsonb[])
returns bigint
language plpgsql
as $$
declare
    v_file bigint;
begin
    insert into cw_000901_staging.raw_files (object_key, endpoint, file_date, size_bytes, etag, status, record_count,
                                             loaded_at)
    values (format('raw-data/CW-000901/2031-01-01/%s-%s.json', p_endpoint, clock_timestamp()), p_endpoint,
            '2031-01-01', 1, 'etag', 'loaded', cardinality(p_records), now())
    returning id into v_file;
    insert into cw_000901_staging.raw_records (file_id, file_date, endpoint, record_no, payload)
    select v_file, '2031-01-01', p_endpoint, record.no, record.payload
    from unnest(p_records) with ordinality as record (payload, no);
    return v_file;
end
$$;

-- The rows of one file as the safe variant maps them, then as stage_raw_file does (fast, or safe after a raise).
create function pg_temp.safe_and_staged(p_file bigint, p_endpoint text, p_table text)
returns table (safe text[], staged text[])
language plpgsql
as $$
declare
    v_rows bigint;
begin
    execute format('truncate cw_000901_staging.%I', p_table);
    execute cw_000901.staging_mapping_statement(p_endpoint, false) using date '2031-01-01', p_file;
    execute format('select array_agg(t::text order by t.record_no, t::text) from cw_000901_staging.%I as t', p_table)
        into safe;
    execute format('truncate cw_000901_staging.%I', p_table);
    delete from cw_000901_staging.staged_files where raw_file_id = p_file;
    call cw_000901.stage_raw_file(p_file, 'test', v_rows);
    execute format('select array_agg(t::text order by t.record_no, t::text) from cw_000901_staging.%I as t', p_table)
        into staged;
    return next;
end
$$;

-- Inventory values that every plain cast accepts but where some differ from the safe cast: JSON numbers of every
-- length and scale, numbers as strings with blanks, signs, exponents, NaN and Infinity, and dates in other shapes.
select pg_temp.raw_file('inventory', array[
    '{"date": "2024-02-29", "product_id": "P1", "location_id": "L1", "qty_available": 5, "qty_all": 12.50,
      "qty_blocked": -3, "qty_reserved": 0, "snapshot": "full"}',
    '{"date": "2024-03-04T10:11:12Z", "product_id": "P2", "location_id": "L1", "qty_available": 1e2,
      "qty_all": 1.5e-25, "qty_blocked": 123456789012345678901234567890123456789012, "qty_reserved": -0.0}',
    '{"date": " 2024-03-04", "product_id": "P3", "location_id": "L1", "qty_available": "7", "qty_all": " 8 ",
      "qty_blocked": "+9", "qty_reserved": "1e3"}',
    '{"date": "today", "product_id": "P4", "location_id": "L1", "qty_available": "NaN", "qty_all": "Infinity",
      "qty_blocked": "5.", "qty_reserved": ".5"}',
    '{"date": "infinity", "product_id": "P5", "location_id": "L1", "qty_available": "-Infinity", "qty_all": "007",
      "qty_blocked": "12345678901234567890123456789012345", "qty_reserved": null}',
    '{"date": "2024-3-4", "product_id": " ", "location_id": "", "qty_available": "", "qty_all": "1E+2",
      "qty_blocked": " -1.50", "qty_reserved": "0.000000000000000000001"}',
    '{"date": "epoch", "product_id": "P7", "location_id": "L1",
      "qty_available": 1234567890123456789012345678901234567}',
    '{"product_id": "P8"}'
]::jsonb[]) as inventory_plain \gset

-- The same statement with its parameters filled in, for lives_ok / throws_ok.
create function pg_temp.fast_statement(p_endpoint text, p_file bigint)
returns text
language sql
as $$
    select replace(replace(cw_000901.staging_mapping_statement(p_endpoint, true), '$1', '''2031-01-01''::date'),
                   '$2', p_file::text)
$$;

select lives_ok(pg_temp.fast_statement('inventory', :inventory_plain),
                'no plain cast raises on numbers and dates that only the round trip tells apart');
select is(staged, safe, 'those inventory rows are exactly the safe mapping''s')
from pg_temp.safe_and_staged(:inventory_plain, 'inventory', 'staging_inventory_balances');

-- A word in a quantity, 30 February, a boolean quantity: the plain casts raise, the file is mapped safely.
select pg_temp.raw_file('inventory', array[
    '{"date": "2024-03-04", "product_id": "P1", "location_id": "L1", "qty_available": 5, "qty_all": 6}',
    '{"date": "2024-02-30", "product_id": "P2", "location_id": "L1", "qty_available": "abc", "qty_all": true}',
    '{"date": "04.03.2024", "product_id": "P3", "location_id": "L1", "qty_available": "1,5", "qty_all": [1]}'
]::jsonb[]) as inventory_raising \gset

select throws_ok(pg_temp.fast_statement('inventory', :inventory_raising), '22008', null,
                 'a plain cast raises on 30 February');
select is(staged, safe, 'the raising file is mapped exactly as the safe mapping maps it')
from pg_temp.safe_and_staged(:inventory_raising, 'inventory', 'staging_inventory_balances');

-- Integers: strings, blanks, signs, and one digit more than the safe cast takes; dates with a time, before 1000, words.
select pg_temp.raw_file('locations', array[
    '{"location_id": "L1", "name": "A", "type": "store", "status": "active", "echelon": 1, "open_date": "2024-02-29"}',
    '{"location_id": "L2", "name": "B", "type": "store", "status": "active", "echelon": "2", "close_date": null}',
    '{"location_id": "L3", "name": "C", "type": "store", "status": "active", "echelon": 1234567890123456789}',
    '{"location_id": "L4", "name": "D", "type": "store", "status": "active", "echelon": -5,
      "open_date": "2024-01-05 10:00"}',
    '{"location_id": "L5", "name": "E", "type": "store", "status": "active", "echelon": " 3",
      "open_date": "0999-01-01"}',
    '{"location_id": "L6", "name": "F", "type": "store", "status": "active", "echelon": "+4", "open_date": "yesterday"}'
]::jsonb[]) as locations_plain \gset

select lives_ok(pg_temp.fast_statement('locations', :locations_plain), 'no plain cast raises on those integers');
select is(staged, safe, 'those location rows are exactly the safe mapping''s')
from pg_temp.safe_and_staged(:locations_plain, 'locations', 'staging_locations');

select * from finish();
rollback;
