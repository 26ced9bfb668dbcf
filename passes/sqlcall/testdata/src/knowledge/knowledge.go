// Package knowledge imports every stub so the table can be checked
// against their signatures.
package knowledge

import (
	_ "database/sql"

	_ "github.com/jackc/pgx/v5"
	_ "github.com/jackc/pgx/v5/pgxpool"
	_ "github.com/jmoiron/sqlx"
	_ "gorm.io/gorm"
)
