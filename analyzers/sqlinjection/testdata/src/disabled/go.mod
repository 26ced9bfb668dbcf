module disabled

go 1.24
