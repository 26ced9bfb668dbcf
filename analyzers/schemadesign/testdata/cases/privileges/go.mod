module example.com/privileges

go 1.22
