UPDATE memberships SET role = 'admin'
    FROM users
    WHERE users.id = memberships.user_id AND users.is_admin AND memberships.role = 'member';

ALTER TABLE users DROP COLUMN is_admin;
