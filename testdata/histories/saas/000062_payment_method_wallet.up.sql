ALTER TYPE payment_method ADD VALUE 'wallet' AFTER 'card';
