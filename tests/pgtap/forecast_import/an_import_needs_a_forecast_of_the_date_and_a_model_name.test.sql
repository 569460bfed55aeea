-- cw ml import (SQL side): without a forecast of step 7 for the date there is nothing to build on (CW146); a model
-- name that is not a plain lower-case word is refused (CW149).
begin;
select plan(2);

create temporary table forecast_import_rows (product_id text, location_id text, forecast_date date,
                                             predicted_qty double precision);
insert into forecast_import_rows values ('TF-STEADY', 'TF-S1', '2024-07-01', 1);
select throws_ok(
    $$ call cw_000901.forecast_import_external('2024-06-30', 'lgbm', '{}', null) $$,
    'CW146', null, 'no forecast of step 7 dated 2024-06-30: nothing to import into'
);
select throws_ok(
    $$ call cw_000901.forecast_import_external('2024-06-30', 'Robert''); drop table x; --', '{}', null) $$,
    'CW149', null, 'a hostile model name is refused'
);

select * from finish();
rollback;
