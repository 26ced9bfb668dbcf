CREATE TABLE comments (
    id bigserial PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    author_id bigint REFERENCES users (id) ON DELETE SET NULL,
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX comments_project_id_idx ON comments (project_id, created_at);
CREATE INDEX comments_body_trgm_idx ON comments USING gin (body gin_trgm_ops);
