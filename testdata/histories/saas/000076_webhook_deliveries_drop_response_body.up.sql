ALTER TABLE webhook_deliveries DROP COLUMN response_body;
