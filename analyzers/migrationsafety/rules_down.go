package migrationsafety

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/dblint/dblint/passes/migrations"
	"github.com/dblint/dblint/sqlschema"
)

// formatsWithDown are the migration tools that have down migrations.
var formatsWithDown = map[string]string{
	"golang-migrate": "",
	"pop":            "",
	"goose":          "add a -- +goose Down section that undoes it",
	"dbmate":         "add a -- migrate:down section that undoes it",
	"sql-migrate":    "add a -- +migrate Down section that undoes it",
	"tern":           "add ---- create above / drop below ---- and the statements that undo it",
	"goose-go":       "pass a down function to goose.AddMigrationContext",
}

// migName names a migration in messages.
func migName(m *sqlschema.Migration) string {
	switch {
	case m.Version != "" && m.Name != "":
		return m.Version + "_" + m.Name
	case m.Version != "":
		return m.Version
	case m.Name != "":
		return m.Name
	case m.Up != nil:
		return filepath.Base(m.Up.File)
	}
	return "?"
}

// reversibility checks that the migration can be rolled back: it has a
// down script, and the down script brings the schema back to what it was.
func (mc *migChecker) reversibility() {
	m := mc.mig
	if m.Up == nil {
		return
	}
	if m.Down == nil {
		remedy, ok := formatsWithDown[m.Format]
		if !ok {
			return
		}
		what, ignore := "script", "-- dblint:ignore"
		switch {
		case remedy == "":
			base := filepath.Base(m.Up.File)
			down := strings.TrimSuffix(base, ".up.sql") + ".down.sql"
			remedy = "add " + down + " that undoes it"
		case m.Format == migrations.FormatGooseGo:
			// Reported at the goose.AddMigration* call, where a Go
			// directive applies.
			what, ignore = "function", "//dblint:ignore"
			if m.Up.Tx == sqlschema.TxNone {
				remedy = "pass a down function to goose.AddMigrationNoTxContext"
			}
		}
		msg := fmt.Sprintf("migration %q has no down %s, so it cannot be rolled back; %s, or mark it irreversible with %s no-down-migration <reason>", migName(m), what, remedy, ignore)
		if len(m.Up.Statements) > 0 {
			st := &m.Up.Statements[0]
			mc.report(m.Up, 0, "no-down-migration", st.Pos.Offset, st.End, msg, nil)
		} else {
			mc.report(m.Up, -1, "no-down-migration", 0, 0, msg, nil)
		}
		return
	}
	if m.Down.File != m.Up.File || !sameStatements(m.Down, m.Up) {
		mc.collectIgnores(m.Down)
	}
	if !mc.enabled("down-does-not-undo") {
		return
	}
	// A fork copies only what the scripts reach, and Diff looks only at
	// what the fork copied or created: the check costs the migration's
	// size, not the schema's.
	after := mc.before.Fork()
	if err := after.ApplyScript(m.Up); err != nil {
		return // the up script does not apply cleanly: nothing to compare
	}
	off, end, stmt := downAnchor(m.Down)
	if err := after.ApplyScript(m.Down); err != nil {
		mc.report(m.Down, stmt, "down-does-not-undo", off, end, fmt.Sprintf(
			"the down script of migration %q fails on the schema its up script leaves: %s; make it undo exactly what the up script does",
			migName(m), errorText(err, m.Format != migrations.FormatGooseGo)), nil)
		return
	}
	diffs := catalogDiff(mc.before, after)
	if len(diffs) == 0 {
		return
	}
	var parts []string
	for i, d := range diffs {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("and %d more", len(diffs)-3))
			break
		}
		parts = append(parts, d)
	}
	mc.report(m.Down, stmt, "down-does-not-undo", off, end, fmt.Sprintf(
		"the down script of migration %q does not restore the schema its up script started from: %s; make it undo every change of the up script",
		migName(m), strings.Join(parts, "; ")), nil)
}

// sameStatements reports whether two scripts share their statements (a
// loader that gives a one-file format the same script twice).
func sameStatements(a, b *sqlschema.Script) bool {
	return len(a.Statements) > 0 && len(b.Statements) > 0 && &a.Statements[0] == &b.Statements[0]
}

// errorText is an apply error without its file position (the finding has
// one), with its line when withLine (not for a synthesized script, whose
// lines are nowhere in its file).
func errorText(err error, withLine bool) string {
	if e, ok := err.(*sqlschema.Error); ok {
		if e.Line > 0 && withLine {
			return fmt.Sprintf("%s (line %d)", e.Message, e.Line)
		}
		return e.Message
	}
	return err.Error()
}

var downMarkerRE = regexp.MustCompile(`(?im)^[ \t]*--+[ \t]*(\+goose[ \t]+down|migrate:down|\+migrate[ \t]+down|-*[ \t]*create above[ \t]*/[ \t]*drop below)[^\n]*`)

// downAnchor is where findings about a down script go: its first
// statement, or the line that starts an empty down section, or the file's
// start.
func downAnchor(s *sqlschema.Script) (off, end, stmt int) {
	if len(s.Statements) > 0 {
		st := &s.Statements[0]
		return st.Pos.Offset, st.End, 0
	}
	if loc := downMarkerRE.FindStringIndex(s.Src); loc != nil {
		return loc[0], loc[1], -1
	}
	return 0, 0, -1
}

// catalogDiff describes how the schema after up and down (got) differs
// from the schema before the migration (want), one phrase per difference.
func catalogDiff(want, got *sqlschema.Catalog) []string {
	var out []string
	for _, d := range sqlschema.Diff(want, got) {
		name := fmt.Sprintf("%s %q", d.Object, strings.TrimPrefix(d.Name, "public."))
		switch d.Kind {
		case sqlschema.DiffExtra:
			out = append(out, name+" is left behind")
		case sqlschema.DiffMissing:
			out = append(out, name+" is not restored")
		default:
			show := func(s string) string {
				if s == "" {
					return "none"
				}
				return s
			}
			out = append(out, fmt.Sprintf("%s has %s %s instead of %s", name, d.Attr, show(d.Got), show(d.Want)))
		}
	}
	return out
}
