CREATE TABLE tags (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    name citext NOT NULL,
    color char(7) NOT NULL DEFAULT '#888888',
    CONSTRAINT tags_account_name_key UNIQUE (account_id, name),
    CONSTRAINT tags_color_check CHECK (color ~ '^#[0-9a-fA-F]{6}$')
);

CREATE TABLE project_tags (
    project_id bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    tag_id bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, tag_id)
);

CREATE INDEX project_tags_tag_id_idx ON project_tags (tag_id);
