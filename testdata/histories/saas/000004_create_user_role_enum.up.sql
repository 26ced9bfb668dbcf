CREATE TYPE user_role AS ENUM ('owner', 'admin', 'member');
