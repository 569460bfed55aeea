-- The change processor's whole-client threshold, re-measured at M-scale (10,000 products x 50 locations x 100 days,
-- client CW-900201, docs/benchmarks.md#changes "scoped16" and "scoped16b") since the set-based bulk ranking of a
-- scoped behaviours run: a scoped pass over 1,000 products (10 %) cost 0.27 x and 0.35 x the full re-run of step 6 in
-- two runs (32.7 s against 107-132 s at load 5.5-7.5; 64.3 s against 180-214 s at load 10-14) and 0.67-0.71 x in two
-- later runs (46.9 s against 54-93 s at load 6-9; 116.9 s against 136-176 s at load 12-15, with a ranking change that
-- did not land): the break-even lies between ~14 % and ~35 % of the products (~22 % at 2,000 x 20, bulkscope).
-- 5 % (V74, measured before the bulk ranking, when 10 % cost 1.1-1.7 x) widened a 1,000-product pass to one full run,
-- which cost about as much as 1,000 single passes. 10 % keeps a 1,000-of-10,000 pass scoped (the rule is "more than")
-- with a margin under the smallest break-even measured.
update cw_global.setting_definitions
set default_value = '10',
    description
    = 'A scoped re-run whose scope names more than this share of the client''s active products (or locations) runs '
    || 'for the whole client instead: a scoped run''s cost grows with its scope while the full computation reads the '
    || 'window once; at 10,000 products x 50 locations a scoped behaviours pass over 10 % of the products cost '
    || '0.27-0.71 x the full run in four runs, the break-even lies between ~14 % and ~35 % (22 % at 2,000 x 20) '
    || '(docs/benchmarks.md#changes).'
where setting_key = 'changes.whole_client_above_pct';
