-- Comments the merged steps left out of cw_global (every column has a comment).
comment on column cw_global.change_impact_rules.id is 'Surrogate key of the impact rule.';
comment on column cw_global.public_holidays.id is 'Surrogate key of the holiday row.';
