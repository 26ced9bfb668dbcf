CREATE TABLE maintenance_windows (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    during tstzrange NOT NULL,
    note text,
    CONSTRAINT maintenance_windows_no_overlap EXCLUDE USING gist (project_id WITH =, during WITH &&)
);
