DROP TABLE account_feature_flags;
DROP TABLE feature_flags;
