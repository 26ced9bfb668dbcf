DROP VIEW project_overview;
