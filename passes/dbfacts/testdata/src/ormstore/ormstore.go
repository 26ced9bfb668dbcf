// Package ormstore runs queries through GORM.
package ormstore

import "gorm.io/gorm"

type User struct {
	ID     uint
	Orders []Order
}

type Order struct{ ID uint }

func Find(db *gorm.DB, id uint) (User, error) { // want Find:`^queries\(SELECT\)$`
	var u User
	err := db.Where("id = ?", id).First(&u).Error
	return u, err
}

func FromTable(db *gorm.DB, id uint) (int64, error) { // want FromTable:`^queries\(SELECT orders\)$`
	var n int64
	err := db.Table("orders").Where("user_id = ?", id).Count(&n).Error
	return n, err
}

func Raw(db *gorm.DB, id uint) (User, error) { // want Raw:`^queries\(SELECT users\)$`
	var u User
	err := db.Raw("SELECT id FROM users WHERE id = ?", id).Scan(&u).Error
	return u, err
}

func Orders(db *gorm.DB, u *User) ([]Order, error) { // want Orders:`^queries\(SELECT\)$`
	var out []Order
	err := db.Model(u).Association("Orders").Find(&out)
	return out, err
}

func Save(db *gorm.DB, u *User) error { // want Save:`^queries\(INSERT\)$`
	return db.Create(u).Error
}

// Chain builds a query without running it.
func Chain(db *gorm.DB, id uint) *gorm.DB {
	return db.Where("id = ?", id).Preload("Orders")
}
