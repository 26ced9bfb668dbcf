UPDATE projects SET org_id = NULL;
