CREATE TYPE subscription_status AS ENUM ('trialing', 'active', 'canceled');
