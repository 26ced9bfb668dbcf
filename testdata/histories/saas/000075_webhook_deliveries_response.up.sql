ALTER TABLE webhook_deliveries ADD COLUMN response_body text;
ALTER TABLE webhook_deliveries ADD COLUMN response_ms integer;
