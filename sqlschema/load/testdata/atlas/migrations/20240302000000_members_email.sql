-- atlas:txmode none

-- Create index "members_email_idx" to table: "members"
CREATE UNIQUE INDEX CONCURRENTLY "members_email_idx" ON "members" ("email");
