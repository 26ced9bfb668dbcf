// Package legacy embeds a migration that does not parse: a syntax-error
// finding at the offending token, not a failed run.
package legacy

import "embed"

//go:embed migrations/*.sql
var migrations embed.FS

var _ = migrations
