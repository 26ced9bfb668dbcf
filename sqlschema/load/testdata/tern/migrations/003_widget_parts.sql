create table widget_parts (
  widget_id int not null references widgets on delete cascade,
  part text not null,
  primary key (widget_id, part)
);
