module gooseowned

go 1.24
