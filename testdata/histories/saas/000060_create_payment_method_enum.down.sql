DROP TYPE payment_method;
