-- A product's launch date is a plan, not an event: an ERP lists a product before it launches (the generator 14 days
-- ahead, real assortments months ahead), so checking it against max_future_days (1 day) stopped clean batches. It
-- becomes a planned_date rule: ancient_dates checks it as before, future_dates allows max_planned_days.
alter table cw_global.quality_rules drop constraint quality_rule_type_check;
alter table cw_global.quality_rules add constraint quality_rule_type_check check (
    rule_type in ('key', 'reference', 'quantity', 'amount', 'event_date', 'planned_date', 'text')
);
comment on table cw_global.quality_rules is
'What the gateway checks on each endpoint''s staging table: key (unique business key), reference (must exist in '
'another endpoint of the same batch), quantity and amount (not negative, not absurd), event_date (neither in the '
'future nor ancient), planned_date (a date the ERP plans, such as a launch: not ancient, at most max_planned_days '
'ahead), text (no control characters or absurd lengths).';

update cw_global.quality_rules
set rule_type = 'planned_date'
where endpoint = 'products' and rule_type = 'event_date' and columns = '{launch_date}';

insert into cw_global.setting_definitions (
    setting_key, section, value_type, default_value, min_value, is_min_exclusive, max_value, is_max_exclusive,
    below_key, element_pattern, unit, description
) values
('quality.max_planned_days', 'quality', 'integer', '730', 0, false, 36500, false, null, null, 'days',
 'How many days after the file date a planned date (a product''s launch date) may lie before it fails the '
 'future-dates check.');
