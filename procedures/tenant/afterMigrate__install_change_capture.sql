-- Flyway callback, after every migrate of a client: the change-event triggers follow field_ownership
-- (install_change_capture is idempotent and changes nothing when they already match).
call ${schema}.install_change_capture();
