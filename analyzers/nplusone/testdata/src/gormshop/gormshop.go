// Package gormshop runs queries through GORM.
package gormshop

import "gorm.io/gorm"

type User struct {
	ID     uint
	Orders []Order
}

type Order struct {
	ID     uint
	UserID uint
}

func Totals(db *gorm.DB, users []User) {
	for _, u := range users {
		var orders []Order
		db.Where("user_id = ?", u.ID).Find(&orders) // want `^query runs once per iteration of the loop over "users" \(N\+1\): db.Where\("user_id = \?", u.ID\).Find\(&orders\); load them in one query \(Where\("user_id IN \?", keys\)\) or with Preload$`
		db.Model(&u).Association("Orders").Count()  // want `^query runs once per iteration of the loop over "users" \(N\+1\): db.Model\(&u\).Association\("Orders"\).Count\(\)`
		db.Create(&Order{UserID: u.ID})             // want `^INSERT runs once per iteration of the loop over "users": db.Create\(&Order\{UserID: u.ID\}\); create them with one Create of a slice, or CreateInBatches$`
		var n int64
		db.Raw("SELECT count(*) FROM orders WHERE user_id = ?", u.ID).Scan(&n) // want `^query runs once per iteration of the loop over "users" \(N\+1\): SELECT count\(\*\) FROM orders WHERE user_id = \?; load them in one query \(Where\("user_id IN \?", keys\)\) or with Preload$`
	}
}

// Preloaded loads the orders with the users: the loop runs no query.
func Preloaded(db *gorm.DB) int {
	var users []User
	db.Preload("Orders").Find(&users)
	total := 0
	for _, u := range users {
		total += len(u.Orders)
	}
	var orders []Order
	db.Joins("User").Find(&orders)
	for _, o := range orders {
		total += int(o.UserID)
	}
	return total
}

// Chunks are batched: IN ? with a slice, Create of a slice.
func Chunks(db *gorm.DB, chunks [][]uint, batches [][]Order) {
	for _, chunk := range chunks {
		var users []User
		db.Preload("Orders").Where("id IN ?", chunk).Find(&users)
		db.Find(&users, chunk)
	}
	for _, b := range batches {
		db.Create(&b)
	}
}

// Loaded names the query that loaded the collection.
func Loaded(db *gorm.DB) {
	var users []User
	db.Find(&users)
	for _, u := range users {
		var n int64
		db.Model(&Order{}).Where("user_id = ?", u.ID).Count(&n) // want `^query runs once per iteration of the loop over "users" \(loaded by db.Find\(&users\)\) \(N\+1\)`
	}
}
