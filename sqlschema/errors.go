package sqlschema

import "fmt"

// SQLSTATE codes used by the catalog's errors, as PostgreSQL assigns them.
const (
	UndefinedTable     = "42P01"
	UndefinedColumn    = "42703"
	UndefinedObject    = "42704"
	UndefinedSchema    = "3F000"
	DuplicateTable     = "42P07"
	DuplicateColumn    = "42701"
	DuplicateObject    = "42710"
	DuplicateSchema    = "42P06"
	InvalidTableDef    = "42P16"
	DependentObjects   = "2BP01"
	FeatureUnsupported = "0A000"
)

// Error is a failure to apply DDL. Message reads like PostgreSQL's own
// (`relation "orders" does not exist`), SQLState is the code PostgreSQL
// would give, and File:Line:Column names the statement.
type Error struct {
	Message  string
	SQLState string
	File     string
	Line     int
	Column   int
}

func (e *Error) Error() string {
	switch {
	case e.File != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Column, e.Message)
	case e.File != "":
		return e.File + ": " + e.Message
	}
	return e.Message
}
