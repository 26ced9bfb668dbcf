---- tern: disable-tx ----
create index concurrently widgets_name_idx on widgets (name text_pattern_ops);
---- create above / drop below ----
drop index concurrently widgets_name_idx;
