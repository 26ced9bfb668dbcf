module example.com/float-for-money

go 1.22
