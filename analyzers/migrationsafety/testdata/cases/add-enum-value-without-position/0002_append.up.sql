ALTER TYPE order_status ADD VALUE 'pending_review';
