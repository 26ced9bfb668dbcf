package gormq

import "gorm.io/gorm"

func run(db *gorm.DB) {
	var n int64
	db.Raw("SELECT count(*) FROM users WHERE email = ?", "a").Scan(&n)
	db.Raw("SELECT count(*) FROM userz WHERE email = ?", "a").Scan(&n) // want `relation "userz" does not exist`
	db.Exec("UPDATE users SET nickname = ? WHERE id = ?", "x")          // want `query uses 2 placeholders`
	db.Where("emial = ?", "x").Find(&n)
}
