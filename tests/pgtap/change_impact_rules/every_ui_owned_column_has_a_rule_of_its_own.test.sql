begin;
select plan(4);

select is_empty(
    $$ select table_name, column_name from cw_000901.change_impact_rules_effective
       where rule_source <> 'default' $$,
    'every UI-owned column has a default rule of its own (none falls to a table default or the catch-all)'
);
select is_empty(
    $$ select table_name, column_name from cw_global.change_impact_rules
       where client_id is null and table_name <> '*' and column_name <> '*'
       except
       select table_name, column_name from cw_000901.field_ownership where owner = 'ui' $$,
    'no default rule names a column that is not UI-owned'
);
select is_empty(
    $$ select id from cw_global.change_impact_rules where length(reason) < 40 $$,
    'every rule documents its reason'
);
select throws_ok(
    $$ insert into cw_global.change_impact_rules (table_name, column_name, severity, from_step, reason)
       values ('products', 'x_override', 'moderate', 'no_such_step', 'a rule that starts at an unknown step') $$,
    '23503', null, 'a rule must start at a step of cw_global.pipeline_steps'
);

select * from finish();
rollback;
