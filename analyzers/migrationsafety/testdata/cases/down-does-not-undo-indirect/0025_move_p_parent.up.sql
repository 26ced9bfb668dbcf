ALTER TABLE p_parent SET SCHEMA attic;
