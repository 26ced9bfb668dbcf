DROP TABLE s_events;
