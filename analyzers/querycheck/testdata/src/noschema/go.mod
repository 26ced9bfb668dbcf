module noschema

go 1.22
