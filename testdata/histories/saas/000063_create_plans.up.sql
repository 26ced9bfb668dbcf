CREATE TABLE plans (
    id text PRIMARY KEY,
    name text NOT NULL,
    price_cents integer NOT NULL DEFAULT 0,
    seats integer,
    active boolean NOT NULL DEFAULT true
);

INSERT INTO plans (id, name, price_cents, seats) VALUES
    ('free', 'Free', 0, 3),
    ('team', 'Team', 2900, 20),
    ('business', 'Business', 9900, NULL);
