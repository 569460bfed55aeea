-- Step 6 helper: what a scoped run's ABC rank needs from the stored snapshot for one measured row: the revenue of its
-- group's other products (the stored rows minus the scoped products) and of those among them ranked above it
-- (revenue descending, then product id). With the group's total in behavior_group_revenues it reads the scoped
-- products' own rows by key and the group's rows on one side of the row (by the revenue index), not the whole group.
create or replace function ${schema}.behavior_peer_revenue(
    p_snapshot_date date,
    p_level text,
    p_location_id integer,
    p_product_id integer,
    p_revenue numeric,
    p_products integer [],
    out group_revenue numeric,
    out revenue_before numeric
)
language plpgsql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_total  numeric;
    v_median numeric;
    v_scoped numeric;
    v_side   numeric;
    v_tied   numeric;
    v_above  boolean;
begin
    select totals.demand_revenue, totals.median_revenue into v_total, v_median
    from ${schema}.behavior_group_revenues as totals
    where totals.snapshot_date = p_snapshot_date and totals.level = p_level
        and coalesce(totals.location_id, 0) = coalesce(p_location_id, 0);

    if not found then
        -- No stored total (a snapshot written before it existed, or a group new since the last unscoped run): sum the
        -- group's stored rows.
        if p_level = 'pair' then
            select coalesce(sum(peers.demand_revenue), 0),
                   coalesce(sum(peers.demand_revenue) filter (
                       where peers.demand_revenue > p_revenue
                       or (peers.demand_revenue = p_revenue and peers.product_id < p_product_id)
                   ), 0)
            into group_revenue, revenue_before
            from ${schema}.product_location_behaviors as peers
            where peers.snapshot_date = p_snapshot_date and peers.location_id = p_location_id
                and peers.product_id <> all(p_products);
        else
            select coalesce(sum(peers.demand_revenue), 0),
                   coalesce(sum(peers.demand_revenue) filter (
                       where peers.demand_revenue > p_revenue
                       or (peers.demand_revenue = p_revenue and peers.product_id < p_product_id)
                   ), 0)
            into group_revenue, revenue_before
            from ${schema}.product_behaviors as peers
            where peers.snapshot_date = p_snapshot_date and peers.product_id <> all(p_products);
        end if;
        return;
    end if;

    -- The other products: the total minus the scoped products' stored rows (by key).
    if p_level = 'pair' then
        select coalesce(sum(scoped.demand_revenue), 0) into v_scoped
        from ${schema}.product_location_behaviors as scoped
        where scoped.product_id = any(p_products) and scoped.location_id = p_location_id
            and scoped.snapshot_date = p_snapshot_date;
    else
        select coalesce(sum(scoped.demand_revenue), 0) into v_scoped
        from ${schema}.product_behaviors as scoped
        where scoped.product_id = any(p_products) and scoped.snapshot_date = p_snapshot_date;
    end if;
    group_revenue := v_total - v_scoped;

    -- Ranked above: revenue higher, or equal with a lower product id. Summed directly (a row at or above the median:
    -- few rows above it) or as the rest minus the rows below (a row under the median). A null revenue ranks nothing
    -- above it, as the sums of the full run do not.
    v_above := p_revenue is null or v_median is null or p_revenue >= v_median;
    if p_level = 'pair' and v_above then
        select coalesce(sum(peers.demand_revenue), 0) into v_side
        from ${schema}.product_location_behaviors as peers
        where peers.snapshot_date = p_snapshot_date and peers.location_id = p_location_id
            and peers.demand_revenue > p_revenue and peers.product_id <> all(p_products);
        select coalesce(sum(peers.demand_revenue), 0) into v_tied
        from ${schema}.product_location_behaviors as peers
        where peers.snapshot_date = p_snapshot_date and peers.location_id = p_location_id
            and peers.demand_revenue = p_revenue and peers.product_id < p_product_id
            and peers.product_id <> all(p_products);
    elsif p_level = 'pair' then
        select coalesce(sum(peers.demand_revenue), 0) into v_side
        from ${schema}.product_location_behaviors as peers
        where peers.snapshot_date = p_snapshot_date and peers.location_id = p_location_id
            and peers.demand_revenue < p_revenue and peers.product_id <> all(p_products);
        select coalesce(sum(peers.demand_revenue), 0) into v_tied
        from ${schema}.product_location_behaviors as peers
        where peers.snapshot_date = p_snapshot_date and peers.location_id = p_location_id
            and peers.demand_revenue = p_revenue and peers.product_id > p_product_id
            and peers.product_id <> all(p_products);
    elsif v_above then
        select coalesce(sum(peers.demand_revenue), 0) into v_side
        from ${schema}.product_behaviors as peers
        where peers.snapshot_date = p_snapshot_date and peers.demand_revenue > p_revenue
            and peers.product_id <> all(p_products);
        select coalesce(sum(peers.demand_revenue), 0) into v_tied
        from ${schema}.product_behaviors as peers
        where peers.snapshot_date = p_snapshot_date and peers.demand_revenue = p_revenue
            and peers.product_id < p_product_id and peers.product_id <> all(p_products);
    else
        select coalesce(sum(peers.demand_revenue), 0) into v_side
        from ${schema}.product_behaviors as peers
        where peers.snapshot_date = p_snapshot_date and peers.demand_revenue < p_revenue
            and peers.product_id <> all(p_products);
        select coalesce(sum(peers.demand_revenue), 0) into v_tied
        from ${schema}.product_behaviors as peers
        where peers.snapshot_date = p_snapshot_date and peers.demand_revenue = p_revenue
            and peers.product_id > p_product_id and peers.product_id <> all(p_products);
    end if;
    revenue_before := case when v_above then v_side + v_tied else group_revenue - v_side - v_tied end;
end
$$;
comment on function ${schema}.behavior_peer_revenue(date, text, integer, integer, numeric, integer []) is
'Step 6 helper for a scoped run''s ABC rank of one measured row (level pair at p_location_id, or product): '
'group_revenue = the revenue of the group''s stored rows of other products than p_products, revenue_before = that of '
'those ranked above (p_revenue, p_product_id) by revenue descending, then product id. From behavior_group_revenues '
'and the rows on the smaller side of the row (index by revenue); without a stored total, from all the group''s rows.';
