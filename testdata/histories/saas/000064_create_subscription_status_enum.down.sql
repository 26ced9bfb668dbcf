DROP TYPE subscription_status;
