create table widgets (
  id serial primary key,
  name text not null,
  weight numeric(10,2)
);

---- create above / drop below ----

drop table widgets;
