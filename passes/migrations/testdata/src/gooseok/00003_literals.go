package gooseok

import (
	"database/sql"

	"github.com/pressly/goose/v3"
)

// Function literals, the deprecated form without a context, a nil down,
// and one Exec that sends two statements.
func init() {
	goose.AddMigration(func(tx *sql.Tx) error { // want `^goose-go 00003 literals tx=wrapped up=2 down=none$`
		_, err := tx.Exec("CREATE TABLE orders (id bigint, user_id bigint); CREATE INDEX orders_user_id_idx ON orders (user_id)") // want `^00003 up\[0\] CREATE TABLE orders \(id bigint, user_id bigint\)$` `^00003 up\[1\] CREATE INDEX orders_user_id_idx ON orders \(user_id\)$`
		return err
	}, nil)
}
