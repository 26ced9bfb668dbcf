package gormcalls

import (
	"database/sql"
	"time"

	"gorm.io/gorm"
)

type User struct {
	ID       uint
	Name     string
	HTTPCode int
	Email    string `gorm:"column:email_address"`
	Ignored  string `gorm:"-"`
}

func calls(db *gorm.DB, name string) {
	var users []User
	db.Where("name = ?", name).Find(&users)                                                             // want `^sql-call gorm fragment "name = \?" args=1 scan=none recv=unknown style=question$` `^sql-call gorm orm - args=0 scan=4 recv=unknown style=question via=gorm-dest into=User cols=id,name,http_code,email_address$`
	db.Raw("SELECT id, name FROM users WHERE name = ?", name).Scan(&users)                              // want `^sql-call gorm query "SELECT id, name FROM users WHERE name = \?" args=1 scan=4 recv=unknown style=question via=gorm-dest into=User` `^sql-call gorm orm - args=0 scan=4`
	db.Exec("UPDATE users SET name = @name WHERE id = @id", map[string]any{"name": "x", "id": 1})       // want `^sql-call gorm exec "UPDATE users SET name = @name WHERE id = @id" args=1 scan=none recv=unknown style=named-at named=\[name id\]$`
	db.Exec("UPDATE users SET name = @name WHERE id = @id", sql.Named("name", "x"), sql.Named("id", 1)) // want `exec .* args=2 scan=none recv=unknown style=named-at named=\[name id\]$`
	db.Raw("SELECT * FROM users WHERE name = @Name", User{Name: "x"})                                   // want `query "SELECT \* FROM users WHERE name = @Name" args=1 scan=none recv=unknown style=named-at struct=User$`
	db.Raw("SELECT id FROM users WHERE created_at > ?", time.Now())                                     // want `^sql-call gorm query "SELECT id FROM users WHERE created_at > \?" args=1 scan=none recv=unknown style=question$`
	db.Where("created_at > @since", sql.Named("since", time.Now())).Find(&users)                        // want `^sql-call gorm fragment "created_at > @since" args=1 scan=none recv=unknown style=named-at named=\[since\]$` `orm`
	var u User
	db.Where(&User{Name: "x"}).First(&u)         // want `^sql-call gorm orm - args=0 scan=4 recv=unknown style=question via=gorm-dest into=User`
	db.Order("id desc").Limit(10)                // want `^sql-call gorm fragment "id desc" args=0`
	db.Where("name = '" + name + "'").Delete(&u) // want `fragment "name = '__dblint_dyn_0__'" args=0 scan=none recv=unknown style=question holes=concat$` `^sql-call gorm orm - args=0 scan=none`
	var n int64
	db.Model(&User{}).Count(&n) // want `^sql-call gorm orm - args=0 scan=none`
	db.Create(&u)               // want `^sql-call gorm orm -`
}
