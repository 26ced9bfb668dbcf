-- near-miss: CONCURRENTLY, alone in its file
ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;
