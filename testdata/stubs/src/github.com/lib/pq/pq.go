// Package pq is a stub of github.com/lib/pq for tests.
package pq

import ()

// QuoteIdentifier quotes an "identifier" (e.g. a table or a column name).
func QuoteIdentifier(name string) string { return name }

// QuoteLiteral quotes a 'literal' (e.g. a parameter, often used to pass
// literal to DDL and other statements that do not accept parameters).
func QuoteLiteral(literal string) string { return literal }
