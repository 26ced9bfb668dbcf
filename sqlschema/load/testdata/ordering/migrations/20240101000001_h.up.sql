CREATE INDEX t10_remark_idx ON t10 (remark);
