-- Step 9: assortments. Which products each location (and the client as a whole) should stock: the pipeline's
-- recommendation (CW status STOCK / NOT-STOCK with a reason, ranking, launch / phase-out / retired flags, phase-out
-- scores) beside the client's own decision (client status, UI-owned, same vocabulary), a history of every change, and
-- the workflow (in_review, confirmed, locked; a locked assortment is never written by the pipeline).
-- Definitions: docs/assortment.md.
create table ${schema}.assortment_types (
    id smallint not null,
    name text not null,
    description text not null,
    constraint assortment_types_pkey primary key (id),
    constraint assortment_types_name_key unique (name)
);
comment on table ${schema}.assortment_types is
'Kinds of assortment: global (the client''s whole range, product level) or local (one location''s range).';
comment on column ${schema}.assortment_types.id is 'Stable id (1 global, 2 local).';
comment on column ${schema}.assortment_types.name is 'global or local.';
comment on column ${schema}.assortment_types.description is 'What an assortment of this type covers.';
insert into ${schema}.assortment_types (id, name, description) values
(1, 'global', 'The client''s range as a whole (optionally one per brand): products ranked on client-wide figures.'),
(2, 'local',
 'One store''s or webshop''s range (optionally one per brand): products ranked on that location''s figures.');

create table ${schema}.assortment_workflow_statuses (
    id smallint not null,
    name text not null,
    description text not null,
    constraint assortment_workflow_statuses_pkey primary key (id),
    constraint assortment_workflow_statuses_name_key unique (name)
);
comment on table ${schema}.assortment_workflow_statuses is
'Workflow of an assortment (and optionally of one of its products), set by the client (UI role): in_review, '
'confirmed, locked. The pipeline never writes anything of a locked assortment or a locked product row.';
comment on column ${schema}.assortment_workflow_statuses.id is 'Stable id (1 in_review, 2 confirmed, 3 locked).';
comment on column ${schema}.assortment_workflow_statuses.name is 'in_review, confirmed or locked.';
comment on column ${schema}.assortment_workflow_statuses.description is 'What the status means for the pipeline.';
insert into ${schema}.assortment_workflow_statuses (id, name, description) values
(1, 'in_review', 'New or being reviewed by the client; the pipeline updates its recommendations every run.'),
(2, 'confirmed', 'The client agreed; the pipeline still updates its own columns, never the client''s.'),
(3, 'locked', 'Frozen: the pipeline writes nothing of it (no new products, no new values).');

create table ${schema}.assortment_product_statuses (
    id smallint not null,
    name text not null,
    description text not null,
    constraint assortment_product_statuses_pkey primary key (id),
    constraint assortment_product_statuses_name_key unique (name)
);
comment on table ${schema}.assortment_product_statuses is
'The shared status vocabulary of the pipeline''s recommendation (cw status) and the client''s decision (client '
'status): STOCK or NOT-STOCK.';
comment on column ${schema}.assortment_product_statuses.id is 'Stable id (1 STOCK, 2 NOT-STOCK).';
comment on column ${schema}.assortment_product_statuses.name is 'STOCK or NOT-STOCK.';
comment on column ${schema}.assortment_product_statuses.description is 'What the status means downstream.';
insert into ${schema}.assortment_product_statuses (id, name, description) values
(1, 'STOCK', 'Keep the product in the range: it gets inventory targets and replenishment.'),
(2, 'NOT-STOCK', 'Out of the range: zero inventory target (not_stocked) and no purchase recommendation.');

create table ${schema}.assortment_zones (
    id smallint not null,
    name text not null,
    description text not null,
    constraint assortment_zones_pkey primary key (id),
    constraint assortment_zones_name_key unique (name)
);
comment on table ${schema}.assortment_zones is
'Where a product stands in its assortment, set by the pipeline from its status, flags and rank (docs/assortment.md).';
comment on column ${schema}.assortment_zones.id is 'Stable id.';
comment on column ${schema}.assortment_zones.name is 'core, range, launch, phase_out or retired.';
comment on column ${schema}.assortment_zones.description is 'Which products the pipeline puts in the zone.';
insert into ${schema}.assortment_zones (id, name, description) values
(1, 'core', 'STOCK, ranked within the top assortment.core_share_pct of the assortment: never out of stock.'),
(2, 'range', 'STOCK, the rest of the range.'),
(3, 'launch', 'A new product, protected while it builds a sales history.'),
(4, 'phase_out', 'Being phased out: NOT-STOCK, selling through its stock.'),
(5, 'retired', 'Discontinued or dead: NOT-STOCK.');

create table ${schema}.assortment_reasons (
    id smallint not null,
    name text not null,
    description text not null,
    constraint assortment_reasons_pkey primary key (id),
    constraint assortment_reasons_name_key unique (name)
);
comment on table ${schema}.assortment_reasons is
'Why the pipeline recommends the status it does (first matching rule of docs/assortment.md).';
comment on column ${schema}.assortment_reasons.id is 'Stable id.';
comment on column ${schema}.assortment_reasons.name is
'new_launch, demand_signal, phase_out, discontinued, dead_product or overstock_rebalance.';
comment on column ${schema}.assortment_reasons.description is 'The rule behind the reason.';
insert into ${schema}.assortment_reasons (id, name, description) values
(1, 'new_launch', 'STOCK: launched (launch date, else first seen) within assortment.launch_days of the run date.'),
(2, 'demand_signal', 'STOCK: demand and ranking support keeping the product.'),
(3, 'phase_out', 'NOT-STOCK: phase-out recommendation score at or above assortment.phase_out_min_score, or the ERP '
 'announced a discontinue date.'),
(4, 'discontinued', 'NOT-STOCK: the product is discontinued (ERP or planner override).'),
(5, 'dead_product', 'NOT-STOCK: no demand in the behaviours window and none forecast.'),
(6, 'overstock_rebalance', 'Reserved for transfer recommendations (step 11); the assortment step does not set it.');

create table ${schema}.assortments (
    id integer generated always as identity,
    assortment_type_id smallint not null,
    brand_id integer,
    location_id integer,
    effective_date date not null,
    assortment_workflow_status_id smallint not null default 1,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint assortments_pkey primary key (id),
    constraint assortments_assortment_type_id_fkey foreign key (assortment_type_id)
    references ${schema}.assortment_types (id),
    constraint assortments_brand_id_fkey foreign key (brand_id) references ${schema}.brands (id),
    constraint assortments_location_id_fkey foreign key (location_id) references ${schema}.locations (id),
    constraint assortments_workflow_status_id_fkey foreign key (assortment_workflow_status_id)
    references ${schema}.assortment_workflow_statuses (id),
    constraint assortment_type_location_check check ((assortment_type_id = 1) = (location_id is null))
);
create unique index assortments_type_brand_location_date_key
on ${schema}.assortments (assortment_type_id, coalesce(brand_id, 0), coalesce(location_id, 0), effective_date);
create index assortments_location_id_idx on ${schema}.assortments (location_id);
comment on table ${schema}.assortments is
'Assortments of step 9: one global (client-wide) and one local per store/webshop, split by brand when '
'assortment.by_brand is set, each from its effective date. Created by the pipeline (in_review); the client moves the '
'workflow status (UI role). A run writes into the latest assortment of each key effective on or before the run date; '
'a locked one is left as it is. docs/assortment.md.';
comment on column ${schema}.assortments.id is 'Identity of the assortment.';
comment on column ${schema}.assortments.assortment_type_id is 'global (location_id null) or local (location_id set).';
comment on column ${schema}.assortments.brand_id is
'The brand this assortment covers when assortment.by_brand is set; null = every brand (or products without one).';
comment on column ${schema}.assortments.location_id is 'The store or webshop of a local assortment; null for global.';
comment on column ${schema}.assortments.effective_date is
'First date the assortment applies: the run date that created it. It applies until a later assortment of the same '
'type, brand and location.';
comment on column ${schema}.assortments.assortment_workflow_status_id is
'UI: in_review (created so), confirmed or locked. Locked: the pipeline writes nothing of this assortment.';
comment on column ${schema}.assortments.created_at is 'When the pipeline created the assortment.';
comment on column ${schema}.assortments.updated_at is 'When the row last changed.';
comment on index ${schema}.assortments_type_brand_location_date_key is
'One assortment per type, brand (null = 0), location (null = 0) and effective date.';
comment on index ${schema}.assortments_location_id_idx is 'Assortments of one location (and its FK).';

create table ${schema}.assortment_products (
    id bigint generated always as identity,
    assortment_id integer not null,
    product_id integer not null,
    cw_product_assortment_status_id smallint not null,
    client_product_assortment_status_id smallint,
    assortment_workflow_status_id smallint,
    target_stock numeric(14, 3),
    assortment_zone_id smallint not null,
    ranking_score numeric(5, 2) not null,
    rank integer not null,
    ranking_components jsonb not null,
    is_launch boolean not null,
    is_phase_out boolean not null,
    is_retired boolean not null,
    phase_out_recommendation_score numeric(5, 2),
    phase_out_execution_score numeric(5, 2),
    phase_out_efficiency_score numeric(5, 2),
    phase_out_since_date date,
    note text,
    assortment_reason_id smallint not null,
    computed_on date not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint assortment_products_pkey primary key (id),
    constraint assortment_products_assortment_product_key unique (assortment_id, product_id),
    constraint assortment_products_assortment_id_fkey foreign key (assortment_id)
    references ${schema}.assortments (id),
    constraint assortment_products_product_id_fkey foreign key (product_id) references ${schema}.products (id),
    constraint assortment_products_cw_status_id_fkey foreign key (cw_product_assortment_status_id)
    references ${schema}.assortment_product_statuses (id),
    constraint assortment_products_client_status_id_fkey foreign key (client_product_assortment_status_id)
    references ${schema}.assortment_product_statuses (id),
    constraint assortment_products_workflow_status_id_fkey foreign key (assortment_workflow_status_id)
    references ${schema}.assortment_workflow_statuses (id),
    constraint assortment_products_zone_id_fkey foreign key (assortment_zone_id)
    references ${schema}.assortment_zones (id),
    constraint assortment_products_reason_id_fkey foreign key (assortment_reason_id)
    references ${schema}.assortment_reasons (id),
    constraint assortment_product_scores_check check (
        ranking_score between 0 and 100
        and phase_out_recommendation_score between 0 and 100
        and phase_out_execution_score between 0 and 100
        and phase_out_efficiency_score between 0 and 100
    ),
    constraint assortment_product_rank_check check (rank >= 1),
    constraint assortment_product_target_check check (target_stock >= 0),
    constraint assortment_product_note_check check (length(note) <= 2000)
);
create index assortment_products_product_id_idx on ${schema}.assortment_products (product_id);
comment on table ${schema}.assortment_products is
'Products of an assortment: the pipeline''s recommendation (cw status, reason, ranking, zone, flags, phase-out '
'scores) and the client''s decision (client status, workflow status, note; UI-owned, never written by the pipeline). '
'The effective status is the client status when set, else the cw status (assortment_effective_status). Every change '
'appends a row to assortment_product_updates. docs/assortment.md.';
comment on column ${schema}.assortment_products.id is 'Identity of the row (history rows point to it).';
comment on column ${schema}.assortment_products.assortment_id is 'The assortment (global or one location''s).';
comment on column ${schema}.assortment_products.product_id is 'The product.';
comment on column ${schema}.assortment_products.cw_product_assortment_status_id is
'The pipeline''s recommendation, STOCK or NOT-STOCK (assortment_reason_id says why).';
comment on column ${schema}.assortment_products.client_product_assortment_status_id is
'UI: the client''s decision, STOCK or NOT-STOCK; null = follow the pipeline. Wins over the cw status downstream.';
comment on column ${schema}.assortment_products.assortment_workflow_status_id is
'UI: workflow of this one product (null = the assortment''s); locked freezes the row against the pipeline.';
comment on column ${schema}.assortment_products.target_stock is
'Inventory target of step 8 on the run date: the location''s (local), the sum over locations (global); null when '
'step 8 has none.';
comment on column ${schema}.assortment_products.assortment_zone_id is
'core, range, launch, phase_out or retired (from the status, flags and rank).';
comment on column ${schema}.assortment_products.ranking_score is
'0-100: weighted mean of the product''s percentile within the assortment on revenue, margin, forecast demand and '
'regularity (weights in settings assortment.weight_*_pct); docs/assortment.md.';
comment on column ${schema}.assortment_products.rank is
'Position in the assortment by ranking_score (1 = best; ties: lower product id first).';
comment on column ${schema}.assortment_products.ranking_components is
'The inputs of ranking_score: each component''s raw value and percentile (0-1), so a buyer can redo it.';
comment on column ${schema}.assortment_products.is_launch is 'New product (within assortment.launch_days).';
comment on column ${schema}.assortment_products.is_phase_out is
'Recommended for phase-out (score at or above assortment.phase_out_min_score, or a discontinue date announced).';
comment on column ${schema}.assortment_products.is_retired is 'Discontinued, or dead (no demand and none forecast).';
comment on column ${schema}.assortment_products.phase_out_recommendation_score is
'0-100, how strongly the figures say stop stocking: 0.6 x (100 - ranking_score) + 0.4 x (100 - hotness); 100 for '
'discontinued or dead products, 0 for launches.';
comment on column ${schema}.assortment_products.phase_out_execution_score is
'0-100, how far a phase-out has been carried out: units sold since phase_out_since_date / (those + stock on hand); '
'null when not phasing out.';
comment on column ${schema}.assortment_products.phase_out_efficiency_score is
'0-100, only when the client confirmed NOT-STOCK: revenue of the units sold since phase_out_since_date / (units x '
'current price), i.e. the share of the full price realised while clearing; null otherwise or without sales.';
comment on column ${schema}.assortment_products.phase_out_since_date is
'Run date the phase-out (is_phase_out or retired) began; the basis of the execution and efficiency scores.';
comment on column ${schema}.assortment_products.note is 'UI: free text of the client about this product.';
comment on column ${schema}.assortment_products.assortment_reason_id is 'Why the pipeline recommends its status.';
comment on column ${schema}.assortment_products.computed_on is 'Run date of the last pipeline change of the row.';
comment on column ${schema}.assortment_products.created_at is 'When the row was first written.';
comment on column ${schema}.assortment_products.updated_at is 'When the pipeline last changed a value of the row.';
comment on index ${schema}.assortment_products_product_id_idx is
'The assortments of one product (scoped runs, effective status, FK).';

create table ${schema}.assortment_product_updates (
    id bigint generated always as identity,
    assortment_product_id bigint not null,
    update_date date not null,
    change_source text not null,
    changed_by text not null,
    app_user text,
    changed_at timestamptz not null default now(),
    changed_columns text [] not null,
    cw_product_assortment_status_id smallint not null,
    client_product_assortment_status_id smallint,
    assortment_workflow_status_id smallint,
    target_stock numeric(14, 3),
    assortment_zone_id smallint not null,
    ranking_score numeric(5, 2) not null,
    rank integer not null,
    is_launch boolean not null,
    is_phase_out boolean not null,
    is_retired boolean not null,
    phase_out_recommendation_score numeric(5, 2),
    phase_out_execution_score numeric(5, 2),
    phase_out_efficiency_score numeric(5, 2),
    note text,
    assortment_reason_id smallint not null,
    constraint assortment_product_updates_pkey primary key (id),
    constraint assortment_product_updates_assortment_product_id_fkey foreign key (assortment_product_id)
    references ${schema}.assortment_products (id),
    constraint assortment_product_updates_cw_status_id_fkey foreign key (cw_product_assortment_status_id)
    references ${schema}.assortment_product_statuses (id),
    constraint assortment_product_updates_client_status_id_fkey foreign key (client_product_assortment_status_id)
    references ${schema}.assortment_product_statuses (id),
    constraint assortment_product_updates_workflow_status_id_fkey foreign key (assortment_workflow_status_id)
    references ${schema}.assortment_workflow_statuses (id),
    constraint assortment_product_updates_zone_id_fkey foreign key (assortment_zone_id)
    references ${schema}.assortment_zones (id),
    constraint assortment_product_updates_reason_id_fkey foreign key (assortment_reason_id)
    references ${schema}.assortment_reasons (id),
    constraint assortment_product_update_source_check check (change_source in ('pipeline', 'ui'))
);
create index assortment_product_updates_assortment_product_id_idx
on ${schema}.assortment_product_updates (assortment_product_id, changed_at);
comment on table ${schema}.assortment_product_updates is
'History of assortment_products, append-only: one row per inserted row and per change of a decision (a status, the '
'workflow, zone, reason, a flag or the note), with every value after the change, which columns changed and who '
'changed them (the pipeline or the UI user). Figures the pipeline recomputes every night (score, rank, target, '
'phase-out scores) are recorded with the next decision change, not on their own. Written only by a trigger.';
comment on column ${schema}.assortment_product_updates.id is 'Identity of the history row.';
comment on column ${schema}.assortment_product_updates.assortment_product_id is 'The assortment product that changed.';
comment on column ${schema}.assortment_product_updates.update_date is
'Run date of the pipeline write, or the day (UTC) of a UI edit.';
comment on column ${schema}.assortment_product_updates.change_source is
'pipeline (the assortment step, or any role other than the UI role) or ui (the client''s UI role).';
comment on column ${schema}.assortment_product_updates.changed_by is
'Database role that made the change (the SET ROLE role, else the login role).';
comment on column ${schema}.assortment_product_updates.app_user is
'The application''s user (setting cw.app_user, which the UI sets per transaction), when set.';
comment on column ${schema}.assortment_product_updates.changed_at is
'When the change was made (transaction start time).';
comment on column ${schema}.assortment_product_updates.changed_columns is
'Columns whose value changed (every tracked column for a new row).';
comment on column ${schema}.assortment_product_updates.cw_product_assortment_status_id is 'CW status after the change.';
comment on column ${schema}.assortment_product_updates.client_product_assortment_status_id is
'Client status after the change.';
comment on column ${schema}.assortment_product_updates.assortment_workflow_status_id is
'Row workflow status after the change.';
comment on column ${schema}.assortment_product_updates.target_stock is 'Target stock after the change.';
comment on column ${schema}.assortment_product_updates.assortment_zone_id is 'Zone after the change.';
comment on column ${schema}.assortment_product_updates.ranking_score is 'Ranking score after the change.';
comment on column ${schema}.assortment_product_updates.rank is 'Rank after the change.';
comment on column ${schema}.assortment_product_updates.is_launch is 'Launch flag after the change.';
comment on column ${schema}.assortment_product_updates.is_phase_out is 'Phase-out flag after the change.';
comment on column ${schema}.assortment_product_updates.is_retired is 'Retired flag after the change.';
comment on column ${schema}.assortment_product_updates.phase_out_recommendation_score is
'Phase-out recommendation score after the change.';
comment on column ${schema}.assortment_product_updates.phase_out_execution_score is
'Phase-out execution score after the change.';
comment on column ${schema}.assortment_product_updates.phase_out_efficiency_score is
'Phase-out efficiency score after the change.';
comment on column ${schema}.assortment_product_updates.note is 'Client note after the change.';
comment on column ${schema}.assortment_product_updates.assortment_reason_id is 'CW reason after the change.';
comment on index ${schema}.assortment_product_updates_assortment_product_id_idx is
'The history of one assortment product, in order (and its FK).';

-- The history trigger. security definer: a UI edit must append history although the UI role may not write the
-- history table (it only reads it, so it cannot forge or erase history); the function writes nothing else, pins its
-- search_path and names every table with its schema. The editing role is the session's role setting (SET ROLE), else
-- the login role: inside a security definer function current_user is the owner (as in change_events_capture).
create function ${schema}.assortment_products_record_history()
returns trigger
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
declare
    v_role     text := coalesce(nullif(current_setting('role'), 'none'), session_user);
    v_app_user text := nullif(current_setting('cw.app_user', true), '');
    v_source   text := case when coalesce(nullif(current_setting('role'), 'none'), session_user) = '${ui_role}'
                            then 'ui' else 'pipeline' end;
    v_date     date := coalesce(nullif(current_setting('cw.assortment_run_date', true), '')::date,
                                (now() at time zone 'UTC')::date);
    v_pairs    text;
begin
    -- The transition tables differ by event: an insert has no old rows (every tracked column counts as changed).
    v_pairs := case tg_op
        when 'INSERT' then 'select to_jsonb(new_rows) as new_row, null::jsonb as old_row from new_rows'
        else 'select to_jsonb(new_rows) as new_row, to_jsonb(old_rows) as old_row from new_rows '
             'inner join old_rows on old_rows.id = new_rows.id'
    end;
    execute format($sql$
    insert into %I.assortment_product_updates (
        assortment_product_id, update_date, change_source, changed_by, app_user, changed_columns,
        cw_product_assortment_status_id, client_product_assortment_status_id, assortment_workflow_status_id,
        target_stock, assortment_zone_id, ranking_score, rank, is_launch, is_phase_out, is_retired,
        phase_out_recommendation_score, phase_out_execution_score, phase_out_efficiency_score, note,
        assortment_reason_id
    )
    with pairs as (%s),

    changed as (
        select pairs.new_row,
               array(select tracked.column_name
                     from unnest(array[
                         'assortment_reason_id', 'assortment_workflow_status_id', 'assortment_zone_id',
                         'client_product_assortment_status_id', 'cw_product_assortment_status_id', 'is_launch',
                         'is_phase_out', 'is_retired', 'note', 'phase_out_efficiency_score',
                         'phase_out_execution_score', 'phase_out_recommendation_score', 'rank', 'ranking_score',
                         'target_stock']) as tracked (column_name)
                     where pairs.old_row is null
                         or (pairs.new_row -> tracked.column_name)
                         is distinct from (pairs.old_row -> tracked.column_name)
                     order by tracked.column_name) as changed_columns
        from pairs
    ),

    final as (
        select (changed.new_row ->> 'id')::bigint, $1, $2, $3, $4, changed.changed_columns,
               (changed.new_row ->> 'cw_product_assortment_status_id')::smallint,
               (changed.new_row ->> 'client_product_assortment_status_id')::smallint,
               (changed.new_row ->> 'assortment_workflow_status_id')::smallint,
               (changed.new_row ->> 'target_stock')::numeric, (changed.new_row ->> 'assortment_zone_id')::smallint,
               (changed.new_row ->> 'ranking_score')::numeric, (changed.new_row ->> 'rank')::integer,
               (changed.new_row ->> 'is_launch')::boolean, (changed.new_row ->> 'is_phase_out')::boolean,
               (changed.new_row ->> 'is_retired')::boolean,
               (changed.new_row ->> 'phase_out_recommendation_score')::numeric,
               (changed.new_row ->> 'phase_out_execution_score')::numeric,
               (changed.new_row ->> 'phase_out_efficiency_score')::numeric, changed.new_row ->> 'note',
               (changed.new_row ->> 'assortment_reason_id')::smallint
        from changed
        -- A decision changed (not only a figure recomputed every night: score, rank, target, phase-out scores).
        where changed.changed_columns && array[
            'assortment_reason_id', 'assortment_workflow_status_id', 'assortment_zone_id',
            'client_product_assortment_status_id', 'cw_product_assortment_status_id', 'is_launch', 'is_phase_out',
            'is_retired', 'note']
    )

    select * from final
    $sql$, tg_table_schema, v_pairs) using v_date, v_source, v_role, v_app_user;
    return null;
end
$$;
comment on function ${schema}.assortment_products_record_history() is
'Trigger (after insert or update, per statement): appends one assortment_product_updates row per new row and per '
'row whose decision values (statuses, workflow, zone, reason, flags, note) changed, with who changed it (pipeline '
'or ui, the role and the application user). Security definer so that UI edits are recorded although the UI role '
'cannot write history.';
revoke all on function ${schema}.assortment_products_record_history() from public;
grant execute on function ${schema}.assortment_products_record_history() to ${ui_role};
create trigger assortment_products_history_insert
after insert on ${schema}.assortment_products
referencing new table as new_rows
for each statement execute function ${schema}.assortment_products_record_history();
create trigger assortment_products_history_update
after update on ${schema}.assortment_products
referencing old table as old_rows new table as new_rows
for each statement execute function ${schema}.assortment_products_record_history();

alter table ${schema}.product_behaviors
add column if not exists phase_out_recommendation_score numeric(5, 2),
add column if not exists phase_out_execution_score numeric(5, 2),
add column if not exists phase_out_efficiency_score numeric(5, 2);
alter table ${schema}.product_behaviors add constraint product_behavior_phase_out_scores_check check (
    phase_out_recommendation_score between 0 and 100
    and phase_out_execution_score between 0 and 100
    and phase_out_efficiency_score between 0 and 100
);
comment on column ${schema}.product_behaviors.phase_out_recommendation_score is
'0-100, written by step 9 (assortment) from the product''s global assortment row: how strongly the figures say stop '
'stocking the product; null until step 9 ran for the snapshot. docs/assortment.md.';
comment on column ${schema}.product_behaviors.phase_out_execution_score is
'0-100, written by step 9: how far the product''s phase-out has been carried out (sold / (sold + on hand) since it '
'began); null when not phasing out.';
comment on column ${schema}.product_behaviors.phase_out_efficiency_score is
'0-100, written by step 9 only for a confirmed NOT-STOCK (client status) product: share of the full price realised '
'on the units sold since the phase-out began; null otherwise.';

revoke all on ${schema}.assortment_types, ${schema}.assortment_workflow_statuses,
${schema}.assortment_product_statuses, ${schema}.assortment_zones, ${schema}.assortment_reasons,
${schema}.assortments, ${schema}.assortment_products, ${schema}.assortment_product_updates from ${ui_role};
grant select on ${schema}.assortment_types, ${schema}.assortment_workflow_statuses,
${schema}.assortment_product_statuses, ${schema}.assortment_zones, ${schema}.assortment_reasons,
${schema}.assortments, ${schema}.assortment_products, ${schema}.assortment_product_updates to ${ui_role};
grant update (assortment_workflow_status_id) on ${schema}.assortments to ${ui_role};
grant update (client_product_assortment_status_id, assortment_workflow_status_id, note)
on ${schema}.assortment_products to ${ui_role};

insert into ${schema}.field_ownership (table_name, column_name, owner)
select
    columns.table_name,
    columns.column_name,
    case
        when (columns.table_name, columns.column_name) in (
            ('assortments', 'assortment_workflow_status_id'),
            ('assortment_products', 'client_product_assortment_status_id'),
            ('assortment_products', 'assortment_workflow_status_id'),
            ('assortment_products', 'note')
        ) then 'ui'
        else 'pipeline'
    end as column_owner
from information_schema.columns
where columns.table_schema = '${schema}'
    and columns.table_name in ('assortments', 'assortment_products', 'assortment_product_updates');
