ALTER TABLE users ALTER COLUMN id TYPE bigint;
ALTER SEQUENCE users_id_seq AS bigint;
ALTER TABLE memberships ALTER COLUMN user_id TYPE bigint;
ALTER TABLE api_keys ALTER COLUMN user_id TYPE bigint;
ALTER TABLE user_sessions ALTER COLUMN user_id TYPE bigint;
ALTER TABLE team_members ALTER COLUMN user_id TYPE bigint;
ALTER TABLE audit_events ALTER COLUMN actor_user_id TYPE bigint;
