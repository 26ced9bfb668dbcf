ALTER INDEX account_members_user_id_idx RENAME TO memberships_user_id_idx;
ALTER TABLE account_members RENAME TO memberships;
