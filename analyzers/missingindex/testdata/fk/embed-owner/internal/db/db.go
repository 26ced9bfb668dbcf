// Package db embeds the migrations: with no Go file at the module root,
// it reports the module's schema findings.
package db

import "embed"

//go:embed migrations/*.sql
var Migrations embed.FS
