DROP TABLE bookings, events, countries, items, orders, customers;
