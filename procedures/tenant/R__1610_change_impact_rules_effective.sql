-- The impact rule each UI-owned column of this client follows: the most specific rule of
-- cw_global.change_impact_rules (table and column, then the table's '*', then the catch-all), the client's own
-- override before the default at the same specificity.
create or replace function ${schema}.change_impact_rule(p_table_name text, p_column_name text)
returns table (severity text, from_step text, from_step_no smallint, rule_id integer, rule_source text, reason text)
language sql
stable
security invoker
set search_path = pg_catalog, pg_temp
as $$
    select
        change_impact_rules.severity,
        change_impact_rules.from_step,
        pipeline_steps.step_no,
        change_impact_rules.id,
        case when change_impact_rules.client_id is null then 'default' else 'client override' end
        || case
            when change_impact_rules.table_name = '*' then ' (catch-all)'
            when change_impact_rules.column_name = '*' then ' (table default)'
            else ''
        end,
        change_impact_rules.reason
    from cw_global.change_impact_rules
    left join cw_global.pipeline_steps on pipeline_steps.name = change_impact_rules.from_step
    where change_impact_rules.table_name in (p_table_name, '*')
        and change_impact_rules.column_name in (p_column_name, '*')
        and (change_impact_rules.client_id is null or change_impact_rules.client_id = (
            select clients.id from cw_global.clients where clients.schema_name = '${schema}'
        ))
    order by
        change_impact_rules.table_name = '*',
        change_impact_rules.column_name = '*',
        change_impact_rules.client_id is null
    limit 1
$$;
comment on function ${schema}.change_impact_rule(text, text) is
'The change impact rule that applies to an edit of table.column for this client: severity, first step to re-run '
'(name and number), the rule''s id, where it comes from (client override or default; table default; catch-all) '
'and its reason. Exact table and column beat the table''s *, which beats the catch-all; at the same specificity '
'the client''s override beats the default.';

create or replace view ${schema}.change_impact_rules_effective
as
select
    field_ownership.table_name,
    field_ownership.column_name,
    impact_rule.severity,
    impact_rule.from_step,
    impact_rule.from_step_no,
    impact_rule.rule_id,
    impact_rule.rule_source,
    impact_rule.reason
from ${schema}.field_ownership
cross join lateral ${schema}.change_impact_rule(field_ownership.table_name, field_ownership.column_name) as impact_rule
where field_ownership.owner = 'ui';
comment on view ${schema}.change_impact_rules_effective is
'Every UI-owned column of this client with the impact rule it follows now (change_impact_rule): what a UI edit of '
'it re-runs.';
comment on column ${schema}.change_impact_rules_effective.table_name is
'Production table of the UI-owned column.';
comment on column ${schema}.change_impact_rules_effective.column_name is
'The UI-owned column.';
comment on column ${schema}.change_impact_rules_effective.severity is
'none, local, moderate, cascade or gate: how far an edit of the column reaches.';
comment on column ${schema}.change_impact_rules_effective.from_step is
'Pipeline step the re-run starts at; null for none.';
comment on column ${schema}.change_impact_rules_effective.from_step_no is
'Position of from_step in cw_global.pipeline_steps.';
comment on column ${schema}.change_impact_rules_effective.rule_id is
'The cw_global.change_impact_rules row that applies.';
comment on column ${schema}.change_impact_rules_effective.rule_source is
'Which rule applies: the clients override, the default of the column, a table default or the catch-all.';
comment on column ${schema}.change_impact_rules_effective.reason is
'Why an edit of the column needs this re-run, in words.';
grant select on ${schema}.change_impact_rules_effective to ${ui_role};
grant execute on function ${schema}.change_impact_rule(text, text) to ${ui_role};
