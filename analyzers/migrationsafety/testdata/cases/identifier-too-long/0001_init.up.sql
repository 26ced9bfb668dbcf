CREATE TABLE customer_subscription_renewal_notification_preference_overrides_v2 (
    id bigint PRIMARY KEY,
    "preferred_notification_channel_for_subscription_renewal_reminders" text,
    -- near-misses: a long string literal, and a 63-byte name
    note text DEFAULT 'this literal is longer than sixty-three bytes but it is not an identifier at all',
    abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefghij_abcdefgh bigint
);
