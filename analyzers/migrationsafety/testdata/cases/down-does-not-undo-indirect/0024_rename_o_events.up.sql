ALTER TABLE o_events RENAME TO o_events_old;
