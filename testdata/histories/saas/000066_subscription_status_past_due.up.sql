ALTER TYPE subscription_status ADD VALUE 'past_due' BEFORE 'canceled';
