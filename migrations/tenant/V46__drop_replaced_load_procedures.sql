-- Step load loops over cw_global.load_entities and calls load_<entity>(date) for each entity: the procedures that
-- loaded several entities or carried another name are replaced (procedures/tenant/R__0425, R__0440-0446, R__0450).
drop procedure if exists ${schema}.load_supply_orders(date);
drop procedure if exists ${schema}.load_prices(date);
drop procedure if exists ${schema}.load_inventory(date);
