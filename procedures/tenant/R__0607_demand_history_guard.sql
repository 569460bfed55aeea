-- Step 6's window sums (behavior_window_sums) follow demand_history through the changes step demand_history logs
-- (behavior_changed_pairs). Any other writer (a DBA's fix, a test fixture, a bulk fill) cannot be followed: a
-- statement trigger then drops behavior_window_state, so the next behaviors run rebuilds the sums from scratch.
create or replace function ${schema}.demand_history_guard()
returns trigger
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    if current_setting('cw.demand_history_writer', true) is distinct from 'step' then
        delete from ${schema}.behavior_window_state;
    end if;
    return null;
end
$$;
comment on function ${schema}.demand_history_guard() is
'Statement trigger on demand_history: a write outside step demand_history (which sets cw.demand_history_writer to '
'step for its own statements and logs its changes for step 6) deletes behavior_window_state, so the next behaviors '
'run rebuilds behavior_window_sums instead of moving sums that no longer match demand_history.';

drop trigger if exists demand_history_guard on ${schema}.demand_history;
create trigger demand_history_guard
after insert or update or delete or truncate on ${schema}.demand_history
for each statement execute function ${schema}.demand_history_guard();
comment on trigger demand_history_guard on ${schema}.demand_history is
'A write outside step demand_history drops behavior_window_state: step 6 then rebuilds its window sums.';
