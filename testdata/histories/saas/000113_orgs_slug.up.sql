ALTER TABLE orgs ADD COLUMN slug text;
UPDATE orgs SET slug = lower(regexp_replace(name, '[^a-zA-Z0-9]+', '-', 'g')) || '-' || id;
ALTER TABLE orgs ALTER COLUMN slug SET NOT NULL;
