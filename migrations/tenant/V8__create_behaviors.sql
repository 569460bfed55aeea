-- Step 6 (behaviors), first subset: the class vocabularies (ABC, XYZ, FMR, frequency) and the per-date snapshots
-- product_location_behaviors and product_behaviors (seed 004). Logic: procedures R__07xx; docs/behaviors.md.

create table ${schema}.abc_classes (
    id smallint not null,
    code text not null,
    name text not null,
    constraint abc_classes_pkey primary key (id),
    constraint abc_classes_code_key unique (code)
);
comment on table ${schema}.abc_classes is
'ABC classes by share of revenue (seed 004): A = the items making up the first abc_a_pct (80) % of revenue, B = the '
'next up to abc_b_pct (95) %, C = the rest and every item without revenue (docs/behaviors.md).';
comment on column ${schema}.abc_classes.id is 'Small fixed id (1-3), stable across clients.';
comment on column ${schema}.abc_classes.code is 'Class code: A, B or C.';
comment on column ${schema}.abc_classes.name is 'What the class means.';

create table ${schema}.xyz_classes (
    id smallint not null,
    code text not null,
    name text not null,
    constraint xyz_classes_pkey primary key (id),
    constraint xyz_classes_code_key unique (code)
);
comment on table ${schema}.xyz_classes is
'XYZ classes by the coefficient of variation of daily demand (seed 004): X steady (cv <= xyz_x_max_cv, 0.5), '
'Y variable (cv <= xyz_y_max_cv, 1.0), Z erratic or no demand (docs/behaviors.md).';
comment on column ${schema}.xyz_classes.id is 'Small fixed id (1-3), stable across clients.';
comment on column ${schema}.xyz_classes.code is 'Class code: X, Y or Z.';
comment on column ${schema}.xyz_classes.name is 'What the class means.';

create table ${schema}.fmr_classes (
    id smallint not null,
    code text not null,
    name text not null,
    constraint fmr_classes_pkey primary key (id),
    constraint fmr_classes_code_key unique (code)
);
comment on table ${schema}.fmr_classes is
'FMR classes by the share of listed days with demand (seed 004): F fast (>= fmr_f_min_pct, 50 %), M medium '
'(>= fmr_m_min_pct, 20 %), R rare (docs/behaviors.md).';
comment on column ${schema}.fmr_classes.id is 'Small fixed id (1-3), stable across clients.';
comment on column ${schema}.fmr_classes.code is 'Class code: F, M or R.';
comment on column ${schema}.fmr_classes.name is 'What the class means.';

create table ${schema}.freq_classes (
    id smallint not null,
    code text not null,
    name text not null,
    constraint freq_classes_pkey primary key (id),
    constraint freq_classes_code_key unique (code)
);
comment on table ${schema}.freq_classes is
'Frequency classes by velocity (average demand units a listed day; seed 004): Frequent (>= freq_frequent_min_qty, '
'1 a day), Normal (>= freq_normal_min_qty, 1 a week), Rare (docs/behaviors.md).';
comment on column ${schema}.freq_classes.id is 'Small fixed id (1-3), stable across clients.';
comment on column ${schema}.freq_classes.code is 'Class code: Frequent, Normal or Rare.';
comment on column ${schema}.freq_classes.name is 'What the class means.';

insert into ${schema}.abc_classes (id, code, name) values
(1, 'A', 'Top revenue: the items making up the first 80 % of revenue'),
(2, 'B', 'Middle revenue: the items making up the next 15 % of revenue'),
(3, 'C', 'Tail: the last 5 % of revenue and items without revenue');
insert into ${schema}.xyz_classes (id, code, name) values
(1, 'X', 'Steady demand: low coefficient of variation of daily demand'),
(2, 'Y', 'Variable demand: medium coefficient of variation'),
(3, 'Z', 'Erratic demand: high coefficient of variation, or no demand');
insert into ${schema}.fmr_classes (id, code, name) values
(1, 'F', 'Fast: demand on most listed days'),
(2, 'M', 'Medium: demand on some listed days'),
(3, 'R', 'Rare: demand on few or no listed days');
insert into ${schema}.freq_classes (id, code, name) values
(1, 'Frequent', 'Sells at least about a unit a day'),
(2, 'Normal', 'Sells at least about a unit a week'),
(3, 'Rare', 'Sells less than a unit a week');

create table ${schema}.product_location_behaviors (
    id bigint generated always as identity,
    product_id integer not null,
    location_id integer not null,
    snapshot_date date not null,
    window_days integer not null,
    listed_days integer not null,
    demand_days integer not null,
    demand_qty numeric(14, 3) not null,
    demand_revenue numeric(16, 4) not null,
    stockout_qty numeric(14, 3) not null,
    is_oos_imputed boolean not null,
    velocity numeric(14, 4) not null,
    demand_cv numeric(12, 4),
    adi_days numeric(12, 4),
    demand_size_cv2 numeric(12, 4),
    demand_pattern text,
    trend numeric(14, 6),
    revenue_share_pct numeric(7, 3),
    abc_class_id smallint not null,
    xyz_class_id smallint not null,
    fmr_class_id smallint not null,
    freq_class_id smallint not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint product_location_behaviors_pkey primary key (id),
    constraint product_location_behaviors_product_location_snapshot_key unique (
        product_id, location_id, snapshot_date
    ),
    constraint product_location_behaviors_product_id_fkey foreign key (product_id)
    references ${schema}.products (id),
    constraint product_location_behaviors_location_id_fkey foreign key (location_id)
    references ${schema}.locations (id),
    constraint product_location_behaviors_abc_class_id_fkey foreign key (abc_class_id)
    references ${schema}.abc_classes (id),
    constraint product_location_behaviors_xyz_class_id_fkey foreign key (xyz_class_id)
    references ${schema}.xyz_classes (id),
    constraint product_location_behaviors_fmr_class_id_fkey foreign key (fmr_class_id)
    references ${schema}.fmr_classes (id),
    constraint product_location_behaviors_freq_class_id_fkey foreign key (freq_class_id)
    references ${schema}.freq_classes (id),
    constraint product_location_behaviors_days_check check (
        window_days >= 1 and listed_days between 1 and window_days and demand_days between 0 and listed_days
    ),
    constraint product_location_behaviors_demand_pattern_check check (
        (demand_pattern is not null) = (demand_days > 0)
        and coalesce(demand_pattern in ('smooth', 'erratic', 'intermittent', 'lumpy'), true)
    )
);
create index product_location_behaviors_snapshot_date_location_id_idx
on ${schema}.product_location_behaviors (snapshot_date, location_id);
comment on table ${schema}.product_location_behaviors is
'Step 6 (behaviors): one row per product x store/webshop with demand in the trailing window, per snapshot date (the '
'run date): demand summary, velocity, variability, trend, demand pattern and the ABC/XYZ/FMR/frequency classes '
'computed within the location (ABC = share of the location''s revenue). Re-running a date replaces its snapshot; '
'a scoped run rewrites only the scoped pairs (docs/behaviors.md).';
comment on column ${schema}.product_location_behaviors.id is 'Surrogate key.';
comment on column ${schema}.product_location_behaviors.product_id is 'The product.';
comment on column ${schema}.product_location_behaviors.location_id is 'The store or webshop.';
comment on column ${schema}.product_location_behaviors.snapshot_date is
'Run date of the snapshot: the last day of the trailing window.';
comment on column ${schema}.product_location_behaviors.window_days is
'Length of the trailing window in days (setting behaviors.window_days, 90).';
comment on column ${schema}.product_location_behaviors.listed_days is
'Days of the window the pair has a demand_history row (listed: after its first evidence, not delisted).';
comment on column ${schema}.product_location_behaviors.demand_days is 'Listed days with demand_qty > 0.';
comment on column ${schema}.product_location_behaviors.demand_qty is
'Estimated true demand over the window: sum of demand_history.demand_qty (sales + imputed missed demand).';
comment on column ${schema}.product_location_behaviors.demand_revenue is
'Revenue of the units sold over the window (client currency); the basis of ABC.';
comment on column ${schema}.product_location_behaviors.stockout_qty is
'Imputed missed demand over the window (sum of demand_history.stockout_qty, 0 without stockouts).';
comment on column ${schema}.product_location_behaviors.is_oos_imputed is
'True when any day of the window had imputed missed demand.';
comment on column ${schema}.product_location_behaviors.velocity is
'Average demand units a listed day: demand_qty / listed_days.';
comment on column ${schema}.product_location_behaviors.demand_cv is
'Coefficient of variation of daily demand over the listed days (population standard deviation / mean); null '
'without demand. The basis of XYZ.';
comment on column ${schema}.product_location_behaviors.adi_days is
'Average demand interval: listed_days / demand_days (1 = demand every day); null without demand.';
comment on column ${schema}.product_location_behaviors.demand_size_cv2 is
'Squared coefficient of variation of the non-zero daily demands (CV²); null without demand.';
comment on column ${schema}.product_location_behaviors.demand_pattern is
'Syntetos-Boylan pattern from adi_days and demand_size_cv2 (cut-offs 1.32 and 0.49): smooth, erratic, '
'intermittent or lumpy; null without demand.';
comment on column ${schema}.product_location_behaviors.trend is
'Least-squares slope of daily demand over the listed days (units a day, per day); null with fewer than 2 days.';
comment on column ${schema}.product_location_behaviors.revenue_share_pct is
'demand_revenue as a percentage of the location''s revenue over the window; null when the location had none.';
comment on column ${schema}.product_location_behaviors.abc_class_id is
'ABC class within the location by revenue share (abc_classes).';
comment on column ${schema}.product_location_behaviors.xyz_class_id is
'XYZ class by demand_cv (xyz_classes).';
comment on column ${schema}.product_location_behaviors.fmr_class_id is
'FMR class by the share of listed days with demand (fmr_classes).';
comment on column ${schema}.product_location_behaviors.freq_class_id is
'Frequency class by velocity (freq_classes).';
comment on column ${schema}.product_location_behaviors.created_at is 'When the row was first written.';
comment on column ${schema}.product_location_behaviors.updated_at is
'When the row last changed (unchanged recomputations do not write).';

create table ${schema}.product_behaviors (
    id bigint generated always as identity,
    product_id integer not null,
    snapshot_date date not null,
    window_days integer not null,
    listed_days integer not null,
    location_count integer not null,
    demand_days integer not null,
    demand_qty numeric(14, 3) not null,
    demand_revenue numeric(16, 4) not null,
    stockout_qty numeric(14, 3) not null,
    is_oos_imputed boolean not null,
    velocity numeric(14, 4) not null,
    demand_cv numeric(12, 4),
    adi_days numeric(12, 4),
    demand_size_cv2 numeric(12, 4),
    demand_pattern text,
    trend numeric(14, 6),
    revenue_share_pct numeric(7, 3),
    abc_class_id smallint not null,
    xyz_class_id smallint not null,
    fmr_class_id smallint not null,
    freq_class_id smallint not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint product_behaviors_pkey primary key (id),
    constraint product_behaviors_product_id_snapshot_date_key unique (product_id, snapshot_date),
    constraint product_behaviors_product_id_fkey foreign key (product_id) references ${schema}.products (id),
    constraint product_behaviors_abc_class_id_fkey foreign key (abc_class_id) references ${schema}.abc_classes (id),
    constraint product_behaviors_xyz_class_id_fkey foreign key (xyz_class_id) references ${schema}.xyz_classes (id),
    constraint product_behaviors_fmr_class_id_fkey foreign key (fmr_class_id) references ${schema}.fmr_classes (id),
    constraint product_behaviors_freq_class_id_fkey foreign key (freq_class_id)
    references ${schema}.freq_classes (id),
    constraint product_behaviors_days_check check (
        window_days >= 1 and listed_days between 1 and window_days and demand_days between 0 and listed_days
        and location_count >= 1
    ),
    constraint product_behaviors_demand_pattern_check check (
        (demand_pattern is not null) = (demand_days > 0)
        and coalesce(demand_pattern in ('smooth', 'erratic', 'intermittent', 'lumpy'), true)
    )
);
create index product_behaviors_snapshot_date_idx on ${schema}.product_behaviors (snapshot_date);
comment on table ${schema}.product_behaviors is
'Step 6 (behaviors): one row per product with demand_history in the trailing window, per snapshot date: the same '
'measures as product_location_behaviors on the product''s daily demand summed over its stores and webshop, with '
'the classes computed across all products of the client (independent of the per-location classes). Re-running a '
'date replaces its snapshot (docs/behaviors.md).';
comment on column ${schema}.product_behaviors.id is 'Surrogate key.';
comment on column ${schema}.product_behaviors.product_id is 'The product.';
comment on column ${schema}.product_behaviors.snapshot_date is
'Run date of the snapshot: the last day of the trailing window.';
comment on column ${schema}.product_behaviors.window_days is
'Length of the trailing window in days (setting behaviors.window_days, 90).';
comment on column ${schema}.product_behaviors.listed_days is
'Days of the window on which the product has a demand_history row at any location.';
comment on column ${schema}.product_behaviors.location_count is
'Stores and webshops with a demand_history row of the product in the window.';
comment on column ${schema}.product_behaviors.demand_days is 'Listed days with total demand_qty > 0.';
comment on column ${schema}.product_behaviors.demand_qty is 'Estimated true demand over the window, all locations.';
comment on column ${schema}.product_behaviors.demand_revenue is
'Revenue of the units sold over the window, all locations (client currency); the basis of ABC.';
comment on column ${schema}.product_behaviors.stockout_qty is 'Imputed missed demand over the window, all locations.';
comment on column ${schema}.product_behaviors.is_oos_imputed is
'True when any location had imputed missed demand in the window.';
comment on column ${schema}.product_behaviors.velocity is
'Average demand units a listed day (all locations): demand_qty / listed_days.';
comment on column ${schema}.product_behaviors.demand_cv is
'Coefficient of variation of the daily total demand over the listed days; null without demand. The basis of XYZ.';
comment on column ${schema}.product_behaviors.adi_days is
'Average demand interval: listed_days / demand_days; null without demand.';
comment on column ${schema}.product_behaviors.demand_size_cv2 is
'Squared coefficient of variation of the non-zero daily total demands (CV²); null without demand.';
comment on column ${schema}.product_behaviors.demand_pattern is
'Syntetos-Boylan pattern: smooth, erratic, intermittent or lumpy; null without demand.';
comment on column ${schema}.product_behaviors.trend is
'Least-squares slope of the daily total demand (units a day, per day); null with fewer than 2 listed days.';
comment on column ${schema}.product_behaviors.revenue_share_pct is
'demand_revenue as a percentage of the client''s revenue over the window; null when there was none.';
comment on column ${schema}.product_behaviors.abc_class_id is
'ABC class across all products by revenue share (abc_classes).';
comment on column ${schema}.product_behaviors.xyz_class_id is 'XYZ class by demand_cv (xyz_classes).';
comment on column ${schema}.product_behaviors.fmr_class_id is
'FMR class by the share of listed days with demand (fmr_classes).';
comment on column ${schema}.product_behaviors.freq_class_id is 'Frequency class by velocity (freq_classes).';
comment on column ${schema}.product_behaviors.created_at is 'When the row was first written.';
comment on column ${schema}.product_behaviors.updated_at is
'When the row last changed (unchanged recomputations do not write).';

grant select on ${schema}.abc_classes, ${schema}.xyz_classes, ${schema}.fmr_classes, ${schema}.freq_classes,
${schema}.product_location_behaviors, ${schema}.product_behaviors
to ${ui_role};
