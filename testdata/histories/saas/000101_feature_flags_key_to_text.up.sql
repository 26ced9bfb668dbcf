ALTER TABLE account_feature_flags ALTER COLUMN flag_key TYPE text;
ALTER TABLE feature_flags ALTER COLUMN key TYPE text;
