module pgbouncer

go 1.22
