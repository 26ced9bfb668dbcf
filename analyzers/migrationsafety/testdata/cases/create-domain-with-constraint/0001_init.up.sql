CREATE DOMAIN positive_amount AS numeric(12,2) CHECK (VALUE > 0);
CREATE DOMAIN required_text AS text NOT NULL CHECK (VALUE <> '');
-- near-miss: a domain without constraints
CREATE DOMAIN email AS text;
