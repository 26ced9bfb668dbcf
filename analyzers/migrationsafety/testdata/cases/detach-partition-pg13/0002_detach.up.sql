-- near-miss: no concurrent form before PostgreSQL 14
ALTER TABLE events DETACH PARTITION events_2023;
