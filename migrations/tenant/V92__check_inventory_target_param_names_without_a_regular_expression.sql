-- Issue 13 point 4 (session tgm14): step 8 writes ≈ 20 parameters a target, ≈ 4 million inventory_target_params rows
-- in a first run at M-scale (10k x 50). The name check of V29, a regular expression, cost ≈ 5 µs of CPU a row more
-- than the string functions below (46 against 26 s for 4.1 million rows; docs/benchmarks.md "tgm14"). The same rule
-- (a lowercase letter, then 1 to 62 lowercase letters, digits or underscores), compared by code point as the regular
-- expression's ranges are.
alter table ${schema}.inventory_target_params drop constraint inventory_target_param_name_check;
alter table ${schema}.inventory_target_params add constraint inventory_target_param_name_check check (
    length(param_name) between 2 and 63
    and ltrim(left(param_name, 1), 'abcdefghijklmnopqrstuvwxyz') = ''
    and ltrim(param_name, 'abcdefghijklmnopqrstuvwxyz0123456789_') = ''
);
comment on constraint inventory_target_param_name_check on ${schema}.inventory_target_params is
'A parameter name is snake_case: a lowercase letter, then 1 to 62 lowercase letters, digits or underscores (the rule '
'of ^[a-z][a-z0-9_]{1,62}$, written without a regular expression: cheaper for the millions of rows step 8 writes).';
