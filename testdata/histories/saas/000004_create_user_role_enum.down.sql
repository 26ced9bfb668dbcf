DROP TYPE user_role;
