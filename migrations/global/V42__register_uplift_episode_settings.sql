-- Step 13 (uplift): episodes of consecutive recommendations of one pair are decided and measured once.
insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, unit, description) values
('uplift.episode_gap_days', 'uplift', 'integer', '1', 0, false, 30, false, 'days',
 'Recommendations of the same product, location and supplier (or lane) dated at most this many days after the '
 'previous one belong to the same episode, which is decided once and measured once (on its first recommendation); '
 '0 makes every recommendation its own episode.'),
('uplift.episode_max_days', 'uplift', 'integer', '28', 1, false, 365, false, 'days',
 'An episode spans at most this many days from its first recommendation; a pair recommended every day for longer '
 'starts a new episode, so an ignored recommendation is still decided.');
