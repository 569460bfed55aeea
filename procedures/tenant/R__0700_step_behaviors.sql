-- Step 6: behaviors. Per snapshot date (the run date) and a trailing window of demand_history: product x location,
-- product, location, category and supplier behaviours and the ABC/XYZ/FMR/frequency classes.
-- Set-based; unchanged rows are not rewritten. Definitions and settings: docs/behaviors.md.
create or replace procedure ${schema}.step_behaviors(p_run_date date, p_scope jsonb)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
-- jit off: the window statements look expensive to the planner (estimates far above the rows read) but run
-- in well under a second; JIT compiled them for seconds on every run.
set jit = off
as $$
declare
    v_settings     jsonb := ${schema}.settings('behaviors');
    v_window_days  integer := (v_settings ->> 'window_days')::integer;
    v_abc_a_pct    numeric := (v_settings ->> 'abc_a_pct')::numeric;
    v_abc_b_pct    numeric := (v_settings ->> 'abc_b_pct')::numeric;
    v_xyz_x_cv     numeric := (v_settings ->> 'xyz_x_max_cv')::numeric;
    v_xyz_y_cv     numeric := (v_settings ->> 'xyz_y_max_cv')::numeric;
    v_fmr_f_pct    numeric := (v_settings ->> 'fmr_f_min_pct')::numeric;
    v_fmr_m_pct    numeric := (v_settings ->> 'fmr_m_min_pct')::numeric;
    v_freq_f_qty   numeric := (v_settings ->> 'freq_frequent_min_qty')::numeric;
    v_freq_n_qty   numeric := (v_settings ->> 'freq_normal_min_qty')::numeric;
    v_adi_cut      numeric := (v_settings ->> 'adi_cutoff_days')::numeric;
    v_cv2_cut      numeric := (v_settings ->> 'cv2_cutoff')::numeric;
    v_hot_days     integer := (v_settings ->> 'hot_recent_days')::integer;
    v_min_t        numeric := (v_settings ->> 'trend_min_t')::numeric;
    v_season_min   integer := (v_settings ->> 'seasonality_min_weeks')::integer;
    v_supplier_days integer := (v_settings ->> 'supplier_window_days')::integer;
    v_growth_days  integer := (v_settings ->> 'growth_days')::integer;
    v_scope        jsonb := ${schema}.validate_scope(p_scope);
    v_products     integer [];
    v_locations    integer [];
    v_measured     integer [];
    v_from         date;
    v_rows_in      bigint;
    v_rows_out     bigint;
    v_counts       jsonb := '{}';
    v_detail       jsonb;
begin
    if v_scope ? 'products' then
        -- = any(array(...)): one probe of the erp_id key per scoped id; the semi-join (in (select ...)) read all
        -- products by a sequential scan (15-17 ms of a one-product run at 10k products).
        select coalesce(array_agg(products.id), '{}') into v_products
        from ${schema}.products
        where products.erp_id = any(array(select jsonb_array_elements_text(v_scope -> 'products')));
    end if;
    if v_scope ? 'locations' then
        select coalesce(array_agg(locations.id), '{}') into v_locations
        from ${schema}.locations
        where locations.erp_id = any(array(select jsonb_array_elements_text(v_scope -> 'locations')));
    end if;
    v_from := p_run_date - (v_window_days - 1);

    -- A scope naming products measures only those products (their pairs at every location), ranked for ABC against
    -- the other products' rows of the snapshot; without such a snapshot (or without products in the scope) every
    -- pair and product is measured, and the scope only limits which rows are written. The first such product by the
    -- (product_id, snapshot_date) key: an exists was planned as a sequential scan for the first row, which read every
    -- older snapshot date before the run date's rows (40,000 rows, 56 ms at 10k products and 5 dates; a year of
    -- snapshots would be 3.6 M rows); min() walks the key from its start (docs/benchmarks.md "sc16d").
    if v_products is not null and (
        select min(behaviors.product_id) from ${schema}.product_behaviors as behaviors
        where behaviors.snapshot_date = p_run_date and behaviors.product_id <> all(v_products)
    ) is not null then
        v_measured := v_products;
    end if;
    call ${schema}.behaviors_measure(p_run_date, jsonb_build_object(
        'window_days', v_window_days, 'abc_a_pct', v_abc_a_pct, 'abc_b_pct', v_abc_b_pct,
        'xyz_x_max_cv', v_xyz_x_cv, 'xyz_y_max_cv', v_xyz_y_cv, 'fmr_f_min_pct', v_fmr_f_pct,
        'fmr_m_min_pct', v_fmr_m_pct, 'freq_frequent_min_qty', v_freq_f_qty, 'freq_normal_min_qty', v_freq_n_qty,
        'adi_cutoff_days', v_adi_cut, 'cv2_cutoff', v_cv2_cut, 'hot_recent_days', v_hot_days,
        'trend_min_t', v_min_t, 'seasonality_min_weeks', v_season_min, 'growth_days', v_growth_days
    ), v_measured);
    select coalesce(sum(stats.listed_days), 0) into v_rows_in
    from behavior_stats as stats
    where stats.level = 'pair';

    call ${schema}.behaviors_write(p_run_date, v_window_days, v_products, v_locations, v_counts);
    -- The supplier availability score of the snapshot's products (docs/uploads.md "Scores").
    call ${schema}.supplier_availability_behaviors_write(p_run_date, v_products);
    -- Locations, categories and suppliers are aggregates over everything: written by unscoped runs only.
    if v_scope is null then
        call ${schema}.behaviors_write_aggregates(p_run_date, v_window_days, v_counts);
        call ${schema}.supplier_behaviors_write(p_run_date, v_supplier_days, v_counts);
    end if;

    select jsonb_build_object(
        'window_from', v_from,
        'window_days', v_window_days,
        'measured', case when v_measured is null then 'all' else 'scoped products' end,
        'window_sums', current_setting('cw.behavior_window_sums_mode', true),
        'ranks', current_setting('cw.behavior_ranks_mode', true),
        'pairs_by_abc', (select jsonb_object_agg(abc_classes.code, counted.pairs)
                         from (select stats.abc_class_id, count(*) as pairs from behavior_stats as stats
                               where stats.level = 'pair' group by stats.abc_class_id) as counted
                         inner join ${schema}.abc_classes on abc_classes.id = counted.abc_class_id),
        'scope_products_unknown', jsonb_array_length(coalesce(v_scope -> 'products', '[]'))
        - coalesce(cardinality(v_products), 0),
        'scope_locations_unknown', jsonb_array_length(coalesce(v_scope -> 'locations', '[]'))
        - coalesce(cardinality(v_locations), 0)
    ) || v_counts into v_detail;
    select sum(counted.value::bigint) into v_rows_out
    from jsonb_each_text(v_counts) as counted
    where counted.key like '%\_written';
    call ${schema}.report_step(v_rows_in, v_rows_out, v_detail);
end
$$;
comment on procedure ${schema}.step_behaviors(date, jsonb) is
'Step 6 (behaviors): the snapshot of the run date over a trailing window of demand_history in '
'product_location_behaviors and product_behaviors (velocity, demand CV, ADI/CV² pattern, trend and its '
'significance, hotness, seasonality, stock and shelf time, ABC by revenue share, XYZ by CV, FMR by share of days '
'with demand, frequency by velocity) and, on unscoped runs, location_behaviors, category_behaviors and '
'supplier_behaviors. Re-running a date rewrites only rows that changed and removes rows that no longer apply; with a '
'scope {"products": [...], "locations": [...]} (ERP ids) only the scoped products are measured (ranked for ABC '
'against the snapshot''s other rows) and only the scoped rows written. Settings: settings(''behaviors''), CW070 '
'when invalid; docs/behaviors.md.';
