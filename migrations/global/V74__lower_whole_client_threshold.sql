-- The change processor's whole-client threshold, measured at M-scale (10,000 products x 50 locations x 730 days,
-- docs/benchmarks.md#changes): a scoped behaviours pass over 10 % of the products cost 1.1 x (3 Dec) and 1.7 x
-- (4 Dec, interleaved with the full runs) the full run of the same step; the break-even measured lies between 6 %
-- and 10 %. A scoped pass grows with its products while the full run does not. The 30 % default was measured on a
-- 1,000 x 8 world, where both sides take seconds.
update cw_global.setting_definitions
set default_value = '5',
    description
    = 'A scoped re-run whose scope names more than this share of the client''s active products (or locations) runs '
    || 'for the whole client instead: a scoped behaviours run reads and ranks each product on its own, so its cost '
    || 'grows with the scope while the full computation reads the window once; at 10,000 products x 50 locations a '
    || 'scope of 10 % of the products cost 1.1-1.7 x the full run, the break-even lies near 6-10 % '
    || '(docs/benchmarks.md#changes).'
where setting_key = 'changes.whole_client_above_pct';
