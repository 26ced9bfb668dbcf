package dsn

import "testing"

const testURL = "postgres://test:test@db.ci.internal:5432/test?sslmode=disable"

func TestDSN(t *testing.T) {
	_ = "host=ci-db user=test password=test sslmode=disable"
	_ = testURL
}
