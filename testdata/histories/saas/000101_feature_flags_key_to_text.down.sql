ALTER TABLE feature_flags ALTER COLUMN key TYPE varchar(100);
ALTER TABLE account_feature_flags ALTER COLUMN flag_key TYPE varchar(100);
