package livedb

import (
	"testing"

	"github.com/dblint/dblint/internal/pgtest"
)

// One throwaway server for the package's tests; each test takes a fresh
// database.
func TestMain(m *testing.M) { pgtest.Main(m) }
