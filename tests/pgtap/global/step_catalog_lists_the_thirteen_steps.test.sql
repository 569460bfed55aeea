begin;
select plan(3);

select is((select count(*)::int from cw_global.pipeline_steps), 13, 'the catalog has 13 steps');
select results_eq(
    $$ select name from cw_global.pipeline_steps order by step_no $$,
    $$ values ('ingest'), ('quality_gate'), ('load'), ('health'), ('demand_history'), ('behaviors'), ('forecast'),
              ('inventory_targets'), ('assortment'), ('po_recommendations'), ('to_recommendations'), ('stats'),
              ('uplift') $$,
    'steps come in the order of DESIGN.md'
);
select is_empty(
    $$ select name from cw_global.pipeline_steps where procedure_name <> 'step_' || name $$,
    'every step names its procedure step_<name>'
);

select * from finish();
rollback;
