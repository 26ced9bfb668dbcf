ALTER TABLE users ADD COLUMN password_hash text;
UPDATE users u SET password_hash = c.password_hash FROM credentials c WHERE c.user_id = u.id;
