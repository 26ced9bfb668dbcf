-- near-miss: a directive for another analyzer is not ours to judge
-- dblint:ignore schemadesign/some-rule reviewed
CREATE TABLE x (id bigint);
