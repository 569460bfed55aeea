-- Forecast method weekly-combination-5 measures how far a store's seasonal index differs from its category's and a
-- series' from its pool (empirical Bayes, docs/forecast.md method 2); season_prior_units now weighs only the
-- category's index against no season at all.
update cw_global.setting_definitions
set description
    = 'Weight in units of "no season" (an index of 1) against a category''s pooled seasonal index; the store '
    || 'pools'' and the series'' shrinkage is measured from the data.'
where setting_key = 'forecast.season_prior_units';
