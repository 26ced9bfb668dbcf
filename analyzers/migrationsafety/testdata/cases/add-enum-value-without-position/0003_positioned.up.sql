-- near-misses: a position, an existing value, a rename, and a new enum
ALTER TYPE order_status ADD VALUE 'rejected' AFTER 'approved';
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'draft';
ALTER TYPE order_status RENAME VALUE 'draft' TO 'open';
CREATE TYPE priority AS ENUM ('low', 'high');
ALTER TYPE priority ADD VALUE 'urgent';
