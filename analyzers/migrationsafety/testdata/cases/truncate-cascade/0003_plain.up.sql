-- near-miss: no CASCADE
TRUNCATE orders;
