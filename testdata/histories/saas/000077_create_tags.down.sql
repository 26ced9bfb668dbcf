DROP TABLE project_tags;
DROP TABLE tags;
