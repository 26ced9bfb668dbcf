CREATE VIEW project_overview AS
SELECT p.id,
       p.public_id,
       p.name,
       o.name AS org_name,
       a.slug AS account_slug,
       p.created_at,
       p.archived_at IS NOT NULL AS archived
FROM projects p
JOIN orgs o ON o.id = p.org_id
JOIN accounts a ON a.id = p.account_id;
