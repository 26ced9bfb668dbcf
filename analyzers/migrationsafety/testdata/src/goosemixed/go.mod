module goosemixed

go 1.24
