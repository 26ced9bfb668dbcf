CREATE SCHEMA archive;
CREATE TABLE archive.accounts (id bigint PRIMARY KEY);
CREATE TABLE ledger (id bigint PRIMARY KEY, account_id bigint REFERENCES archive.accounts (id));

CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TYPE size AS ENUM ('s', 'm');
CREATE TYPE tone AS ENUM ('warm', 'cold');
CREATE TABLE people (id bigint PRIMARY KEY, mood mood, tone tone);

CREATE TABLE a_parent (id bigint PRIMARY KEY);
CREATE TABLE a_child (id bigint PRIMARY KEY, parent_id bigint REFERENCES a_parent (id));
CREATE TABLE b_parent (id bigint PRIMARY KEY);
CREATE TABLE b_child (id bigint PRIMARY KEY, parent_id bigint REFERENCES b_parent (id));

CREATE TABLE c_parent (id bigint PRIMARY KEY);
CREATE TABLE c_child (id bigint PRIMARY KEY, parent_id bigint REFERENCES c_parent (id));
CREATE TABLE d_parent (id bigint PRIMARY KEY);
CREATE TABLE d_child (id bigint PRIMARY KEY, parent_id bigint REFERENCES d_parent (id));
CREATE VIEW d_children AS SELECT c.id, p.id AS parent FROM d_child c JOIN d_parent p ON p.id = c.parent_id;

CREATE TABLE e_items (id bigint PRIMARY KEY, a text, b text, c text);
CREATE INDEX e_items_a_idx ON e_items (a);
CREATE INDEX e_items_b_idx ON e_items (b);
CREATE INDEX e_items_c_idx ON e_items (c);

CREATE TABLE f_items (id bigint PRIMARY KEY, note text);
CREATE VIEW f_notes AS SELECT id, note FROM f_items;
CREATE TABLE g_items (id bigint PRIMARY KEY, note text);
CREATE VIEW g_notes AS SELECT id, note FROM g_items;

CREATE TABLE h_events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE h_events_2024 PARTITION OF h_events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');

CREATE TABLE i_parent (id bigint PRIMARY KEY);
CREATE TABLE i_child (id bigint PRIMARY KEY, parent_id bigint REFERENCES i_parent (id));
CREATE TABLE k_parent (id bigint PRIMARY KEY);
CREATE TABLE k_child (id bigint PRIMARY KEY, parent_id bigint REFERENCES k_parent (id));

CREATE TABLE j_items (id serial PRIMARY KEY);
CREATE TABLE l_items (id serial PRIMARY KEY);

CREATE TABLE m_items (id bigint PRIMARY KEY, note text);
CREATE INDEX m_items_note_idx ON m_items (note);
CREATE TABLE n_items (id bigint PRIMARY KEY, note text);
CREATE INDEX n_items_note_idx ON n_items (note);

CREATE SCHEMA attic;
CREATE TABLE o_events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE o_events_2024 PARTITION OF o_events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE p_parent (id bigint PRIMARY KEY);
CREATE TABLE p_child (id bigint PRIMARY KEY, parent_id bigint REFERENCES p_parent (id));
CREATE TABLE q_root (id bigint NOT NULL, at date NOT NULL, region text NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE q_mid PARTITION OF q_root FOR VALUES FROM ('2024-01-01') TO ('2025-01-01') PARTITION BY LIST (region);
CREATE TABLE q_leaf PARTITION OF q_mid FOR VALUES IN ('eu');
CREATE TABLE r_items (id bigint PRIMARY KEY);
CREATE MATERIALIZED VIEW r_mv AS SELECT id FROM r_items;
CREATE INDEX r_mv_idx ON r_mv (id);
CREATE DOMAIN posint AS integer;
CREATE TABLE s_events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE s_events_2024 PARTITION OF s_events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE t_items (id bigint PRIMARY KEY, note text);
CREATE VIEW t_base AS SELECT id, note FROM t_items;
CREATE VIEW t_top AS SELECT note FROM t_base;
