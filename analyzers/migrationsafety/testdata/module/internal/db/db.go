// Package db embeds the configured migrations; the root package reports
// them, so this package must not report them again.
package db

import "embed"

//go:embed migrations/*.sql
var Migrations embed.FS
