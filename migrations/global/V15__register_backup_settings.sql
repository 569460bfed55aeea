-- Settings of cw backup (issue 18, docs/recovery.md): retention and the weekday of the weekly copy.
insert into cw_global.setting_sections (section, errcode, stored_in, docs_page, description) values
('backup', 'CW130', 'client_registry', 'docs/recovery.md', 'Per-client backups to S3 (cw backup): retention.');

insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, below_key, element_pattern, unit, description) values
('backup.daily_keep_days', 'backup', 'integer', '14', 1, false, 3650, false, null, null, 'days',
 'Daily backups kept in S3, counted back from the date of the latest backup.'),
('backup.weekly_keep_weeks', 'backup', 'integer', '8', 0, false, 520, false, null, null, 'weeks',
 'Weekly backups kept in S3 (0: no weekly copy).'),
('backup.weekly_day', 'backup', 'integer', '7', 1, false, 7, false, null, null, 'ISO weekday',
 'Day of the week whose daily backup is also copied to weekly/ (1 Monday .. 7 Sunday).');
