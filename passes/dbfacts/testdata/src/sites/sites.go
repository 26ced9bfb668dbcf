// Package sites is checked by a test analyzer that reports every site.
package sites

import (
	"context"

	"github.com/jackc/pgx/v5"
	"gorm.io/gorm"

	"store"
)

func calls(ctx context.Context, s *store.Store, conn *pgx.Conn, db *gorm.DB, b *pgx.Batch) {
	s.GetCustomer(ctx, 1)                                                         // want `^site store.GetCustomer -> SELECT id, name FROM customers WHERE id = \$1 key=id$`
	conn.Exec(ctx, "DELETE FROM sessions WHERE id = $1", 1)                       // want `^site DELETE FROM sessions WHERE id = \$1 write key=id$`
	conn.Exec(ctx, "UPDATE t SET a = 1 WHERE id = ANY($1::bigint[])", []int64{1}) // want `^site UPDATE t SET a = 1 WHERE id = ANY\(\$1::bigint\[\]\) write batched$`
	conn.Exec(ctx, "INSERT INTO t (a) SELECT * FROM unnest($1::int[])", []int{1}) // want `write batched`
	conn.Exec(ctx, "INSERT INTO t (a) VALUES ($1), ($2)", 1, 2)                   // want `write batched`
	b.Queue("SELECT 1")
	var n int64
	db.Raw("SELECT count(*) FROM users WHERE name = ?", "x").Scan(&n) // want `^site SELECT count\(\*\) FROM users WHERE name = \? key=name$`
	db.Where("id IN ?", []int{1, 2}).Find(&n)                         // want `^site db.Where\("id IN \?", \[\]int{1, 2}\).Find\(&n\) batched$`
	db.Create([]int{1})                                               // want `^site db.Create\(\[\]int\{1\}\) write batched$`
	db.Model(&n).Association("Orders").Count()                        // want `^site db.Model\(&n\).Association\("Orders"\).Count\(\)$`
	load := func(id int64) error {
		_, err := s.GetCustomer(ctx, id) // want `^site store.GetCustomer`
		return err
	}
	load(2) // want `^site load -> store.GetCustomer -> SELECT`
	get := s.GetCustomer
	get(ctx, 3) // want `^site get -> store.GetCustomer -> SELECT`
	again := s.LogEvent
	again = nil
	_ = again
	conn.QueryRow(ctx, "SELECT name FROM "+store.TableName()+" WHERE id = $1", 1) // want `^site SELECT name FROM ... WHERE id = \$1 key=id$`
}

func long(ctx context.Context, conn *pgx.Conn) {
	conn.QueryRow(ctx, "SELECT id, email, full_name, nickname, created_at, (SELECT 1 FROM x) FROM customers WHERE id = $1", 1) // want `^site SELECT ... FROM customers WHERE id = \$1 key=id$`
}
