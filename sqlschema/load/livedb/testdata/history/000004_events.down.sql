DROP TABLE reservations;
DROP TABLE regions;
DROP TABLE events;
