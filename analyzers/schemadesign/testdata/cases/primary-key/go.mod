module example.com/primary-key

go 1.22
