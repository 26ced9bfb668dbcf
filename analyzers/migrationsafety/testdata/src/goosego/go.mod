module goosego

go 1.24
