CREATE TABLE feature_flags (
    key varchar(100) PRIMARY KEY,
    description text,
    enabled_globally boolean NOT NULL DEFAULT false,
    rollout_percent smallint NOT NULL DEFAULT 0 CHECK (rollout_percent BETWEEN 0 AND 100)
);

CREATE TABLE account_feature_flags (
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    flag_key varchar(100) NOT NULL REFERENCES feature_flags (key) ON UPDATE CASCADE ON DELETE CASCADE,
    enabled boolean NOT NULL,
    PRIMARY KEY (account_id, flag_key)
);
