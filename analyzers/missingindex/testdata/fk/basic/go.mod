module example.com/fkbasic

go 1.22
