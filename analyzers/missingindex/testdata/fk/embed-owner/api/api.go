// Package api sorts before internal/db but does not embed the migrations.
package api
