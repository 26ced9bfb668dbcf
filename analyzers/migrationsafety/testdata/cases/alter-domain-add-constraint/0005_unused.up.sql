-- near-miss: no table uses the domain
ALTER DOMAIN code ADD CONSTRAINT code_upper CHECK (VALUE = upper(VALUE));
