package gormq

import "gorm.io/gorm"

func run(db *gorm.DB) {
	var n int64
	db.Raw("SELECT count(*) FROM users WHERE email = ?", "a").Scan(&n)
	db.Raw("SELECT count(*) FROM userz WHERE email = ?", "a").Scan(&n) // want `relation "userz" does not exist`
	db.Exec("UPDATE users SET nickname = ? WHERE id = ?", "x")          // want `query uses 2 placeholders`
	db.Where("emial = ?", "x").Find(&n)
}

type User struct {
	ID       int64
	Email    string
	FullName string
	Nickname *string
}

type Order struct {
	ID     int64
	UserID int64
	Total  float64
}

type Legacy struct{ ID int64 }

func (Legacy) TableName() string { return "users" }

func chains(db *gorm.DB, ids []int64) {
	var u User
	var us []User
	var os []Order
	db.Where("email = ?", "a").First(&u)
	db.Where("emial = ?", "a").First(&u) // want `GORM Where: column "emial" does not exist in "users"; did you mean "email"\?`
	db.Where("id IN ?", ids).Order("full_name").Find(&us)
	db.Where("id IN ?", ids).Order("fullname DESC").Find(&us) // want `GORM Order: column "fullname" does not exist in "users"; did you mean "full_name"\?`
	db.Model(&Order{}).Where("user_id = ? AND total > ?", 1, 2).Find(&os)
	db.Model(&Order{}).Where("note IS NULL").Find(&os) // want `GORM Where: column "note" does not exist in "orders"`
	db.Table("orders").Select("id, total").Where("status = ?", "new").Scan(&os)
	var l Legacy
	db.Where("email = ?", "x").First(&l)
	db.Where("name = ?", "x").First(&l) // want `column "name" does not exist in "users"; renamed to "full_name"`
	db.Joins("JOIN orders ON orders.user_id = users.id").Where("total > 5").Find(&us)
	db.Where("lower(email) = lower(?)", "X").First(&u)
}
