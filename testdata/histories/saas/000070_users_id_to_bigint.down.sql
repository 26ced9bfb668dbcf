ALTER TABLE audit_events ALTER COLUMN actor_user_id TYPE integer;
ALTER TABLE team_members ALTER COLUMN user_id TYPE integer;
ALTER TABLE user_sessions ALTER COLUMN user_id TYPE integer;
ALTER TABLE api_keys ALTER COLUMN user_id TYPE integer;
ALTER TABLE memberships ALTER COLUMN user_id TYPE integer;
ALTER SEQUENCE users_id_seq AS integer;
ALTER TABLE users ALTER COLUMN id TYPE integer;
