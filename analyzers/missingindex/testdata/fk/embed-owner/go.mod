module example.com/fkembed

go 1.22
