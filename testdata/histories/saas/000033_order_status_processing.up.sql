ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'processing' BEFORE 'shipped';
