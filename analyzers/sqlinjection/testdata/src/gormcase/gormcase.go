// Package gormcase: GORM Raw/Exec and fragment methods.
package gormcase

import (
	"fmt"
	"net/http"
	"strings"

	"gorm.io/gorm"
)

type Item struct {
	ID   int64
	Name string
}

type Query struct {
	Sort   string
	Group  string
	Fields []string
}

func Raw(db *gorm.DB, name string) {
	var items []Item
	db.Raw("SELECT id, name FROM items WHERE name = '" + name + "'").Scan(&items) // want `^SQL text includes parameter "name" \(concatenation at line 25\); pass it as a query argument \(\?\)$`
	db.Exec(fmt.Sprintf("DELETE FROM items WHERE name = %q", name))               // want `parameter "name" \(fmt.Sprintf at line 26\); pass it as a query argument \(\?\)`
	db.Raw("SELECT id, name FROM items WHERE name = ?", name).Scan(&items)
}

func Fragments(db *gorm.DB, name string, q Query) {
	var items []Item
	db.Where("name = '" + name + "'").Find(&items)                   // want `parameter "name" \(concatenation at line 32\); pass it as a query argument \(\?\)`
	db.Or(fmt.Sprintf("name LIKE '%s%%'", name)).Find(&items)        // want `parameter "name" \(fmt.Sprintf at line 33\); pass it as a query argument \(\?\)`
	db.Not("name = " + name).Find(&items)                            // want `parameter "name" \(concatenation at line 34\); pass it as a query argument \(\?\)`
	db.Order(q.Sort + " DESC").Find(&items)                          // want `field "q.Sort" \(concatenation at line 35\); choose it from a fixed set`
	db.Group("kind, " + q.Group).Find(&items)                        // want `field "q.Group" \(concatenation at line 36\); choose it from a fixed set`
	db.Having("count(*) > " + name).Find(&items)                     // want `parameter "name" \(concatenation at line 37\); pass it as a query argument \(\?\)`
	db.Joins("JOIN tags ON tags.name = '" + name + "'").Find(&items) // want `parameter "name" \(concatenation at line 38\); pass it as a query argument \(\?\)`
	db.Select("id, " + strings.Join(q.Fields, ", ")).Find(&items)    // want `field "q.Fields" \(strings.Join at line 39\); choose it from a fixed set`
	db.Where("name = ?", name).Find(&items)
	db.Where(&Item{Name: name}).Find(&items)
}

func Handler(db *gorm.DB) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var items []Item
		db.Order(r.URL.Query().Get("sort")).Find(&items) // want `^SQL text is request data r.URL.Query\(\).Get\("sort"\); choose it from a fixed set$`
		db.Where(r.FormValue("filter")).Find(&items)     // want `^SQL text is request data r.FormValue\("filter"\); run a fixed statement and pass the values as query arguments \(\?\)$`
		sortBy(db, r.FormValue("by")).Find(&items)       // want `^SQL text is request data r.FormValue\("by"\); choose it from a fixed set$`
	}
}

func sortBy(db *gorm.DB, col string) *gorm.DB {
	return db.Order(col) // a wrapper: its callers are checked
}

func Sorted(db *gorm.DB, col string) *gorm.DB {
	return sortBy(db, col+" DESC") // want `parameter "col" \(concatenation at line 58\); choose it from a fixed set`
}

// --- silent

var orders = map[string]string{"name": "name", "newest": "id DESC"}

func Allowed(db *gorm.DB, q Query) {
	var items []Item
	if col, ok := orders[q.Sort]; ok {
		db.Order(col).Find(&items)
	}
	switch q.Group {
	case "kind", "owner":
		db.Group(q.Group).Find(&items)
	}
	db.Order("id DESC").Find(&items)
}
