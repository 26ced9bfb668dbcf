ALTER DOMAIN email DROP NOT NULL;
-- near-miss: the domain has no NOT NULL to drop
ALTER DOMAIN code DROP NOT NULL;
