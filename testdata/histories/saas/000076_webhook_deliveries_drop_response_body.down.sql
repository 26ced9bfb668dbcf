ALTER TABLE webhook_deliveries ADD COLUMN response_body text;
