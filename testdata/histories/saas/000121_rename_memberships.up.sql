ALTER TABLE memberships RENAME TO account_members;
ALTER INDEX memberships_user_id_idx RENAME TO account_members_user_id_idx;
