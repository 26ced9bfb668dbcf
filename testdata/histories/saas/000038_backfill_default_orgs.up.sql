INSERT INTO orgs (account_id, name)
SELECT a.id, a.name FROM accounts a
WHERE NOT EXISTS (SELECT 1 FROM orgs o WHERE o.account_id = a.id);

UPDATE projects p SET org_id = o.id
FROM orgs o
WHERE o.account_id = p.account_id AND p.org_id IS NULL;
