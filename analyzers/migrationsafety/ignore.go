package migrationsafety

import (
	"strings"

	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// ignoreDirective is a `-- dblint:ignore <rule>[,<rule>] <reason>` comment
// before a statement; it suppresses findings reported at that statement.
type ignoreDirective struct {
	script    *sqlschema.Script
	stmt      int
	comment   pgsql.Comment
	ids       []string
	hasReason bool
	used      bool
}

// isIgnoreComment reports whether a comment is a dblint:ignore directive,
// with or without a reason.
func isIgnoreComment(c pgsql.Comment) bool {
	rest, ok := strings.CutPrefix(c.Body(), "dblint:ignore")
	return ok && (rest == "" || rest[0] == ' ' || rest[0] == '\t')
}

// collectIgnores records the directives in the comments before each
// statement of a script.
func (mc *migChecker) collectIgnores(s *sqlschema.Script) {
	for i := range s.Statements {
		for _, c := range s.Statements[i].Comments {
			if !isIgnoreComment(c) {
				continue
			}
			d := &ignoreDirective{script: s, stmt: i, comment: c}
			if ids, ok := report.ParseIgnore(c.Text); ok {
				d.ids, d.hasReason = ids, true
			} else if f := strings.Fields(strings.TrimPrefix(c.Body(), "dblint:ignore")); len(f) > 0 {
				d.ids = strings.Split(f[0], ",")
			}
			mc.ignores = append(mc.ignores, d)
		}
	}
}

// suppressed reports whether a directive before the finding's statement
// names its rule, and marks the directive used.
func (mc *migChecker) suppressed(p Finding) bool {
	hit := false
	for _, d := range mc.ignores {
		if !d.hasReason || d.script.File != p.Script.File || !d.covers(p) {
			continue
		}
		for _, id := range d.ids {
			if matchesRule(id, p.Rule) {
				d.used, hit = true, true
			}
		}
	}
	return hit
}

// wouldSuppress reports whether a directive suppresses the finding,
// without marking it used.
func (mc *migChecker) wouldSuppress(p Finding) bool {
	for _, d := range mc.ignores {
		if !d.hasReason || d.script.File != p.Script.File || !d.covers(p) {
			continue
		}
		for _, id := range d.ids {
			if matchesRule(id, p.Rule) {
				return true
			}
		}
	}
	return false
}

// covers reports whether the directive sits before the statement the
// finding is attached to; a finding on the whole file (stmt -1) is
// covered by a directive before the script's first statement.
func (d *ignoreDirective) covers(p Finding) bool {
	if p.Stmt < 0 {
		return d.script == p.Script && d.stmt == 0
	}
	return d.script == p.Script && d.stmt == p.Stmt
}

func matchesRule(id, rule string) bool {
	return id == rule || id == Name || id == Name+"/"+rule || id == "all"
}

// ourRule reports whether a directive id names this analyzer or one of its
// rules (directives for other analyzers' rules are theirs to judge).
func ourRule(id string) bool {
	if id == Name {
		return true
	}
	id = strings.TrimPrefix(id, Name+"/")
	for _, r := range Rules {
		if r.ID == id {
			return true
		}
	}
	return false
}

func (d *ignoreDirective) mentionsOurs() bool {
	if len(d.ids) == 0 {
		return true
	}
	for _, id := range d.ids {
		if ourRule(id) || id == "all" {
			return true
		}
	}
	return false
}

// unusedIDs returns the directive's ids that name enabled rules of this
// analyzer; a directive naming "all" may serve another analyzer.
func (d *ignoreDirective) unusedIDs(enabled func(string) bool) []string {
	var out []string
	for _, id := range d.ids {
		if id == "all" {
			return nil
		}
		if !ourRule(id) {
			continue
		}
		if r := strings.TrimPrefix(id, Name+"/"); r != Name && !enabled(r) {
			continue
		}
		out = append(out, id)
	}
	return out
}
