// Package pgerrcode is a stub of github.com/jackc/pgerrcode for tests.
package pgerrcode

import ()

const (
	SerializationFailure = "40001"
	DeadlockDetected     = "40P01"
	UniqueViolation      = "23505"
)

func IsTransactionRollback(code string) bool { return len(code) == 5 && code[:2] == "40" }
