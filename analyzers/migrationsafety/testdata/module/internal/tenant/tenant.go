// Package tenant embeds goose migrations that no configuration names; it
// reports them itself.
package tenant

import "embed"

//go:embed tenant_migrations
var migrations embed.FS

var _ = migrations
