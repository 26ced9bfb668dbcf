module example.com/foreign-key

go 1.22
