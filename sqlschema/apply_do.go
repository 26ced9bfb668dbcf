package sqlschema

import (
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// doBlock applies the DDL a DO block runs as written. Migrations wrap DDL
// in DO blocks to make it conditional:
//
//	DO $$ BEGIN
//		CREATE TYPE job_status AS ENUM ('new', 'done');
//	EXCEPTION WHEN duplicate_object THEN null;
//	END $$;
//
// Each static statement of the block (pgsql.BlockStatements: every
// branch of an IF, the body of a loop) is applied on its own; one that
// does not apply is skipped and leaves the catalog as it was, as the
// block's guard (IF NOT EXISTS ..., an exception handler) skips it when
// it runs. The block never fails: which branches run is decided by the
// database at run time, so the fold takes the statements that can apply.
// SQL built at run time (EXECUTE), or a block in another language, is
// beyond the fold: the catalog is marked Opaque.
func (a *applier) doBlock(n *pgsql.DoStmt) {
	lang, body := "plpgsql", ""
	for _, arg := range n.GetArgs() {
		de := arg.GetDefElem()
		switch de.GetDefname() {
		case "as":
			body = pgsql.StringValue(de.GetArg())
		case "language":
			lang = pgsql.StringValue(de.GetArg())
		}
	}
	if lang != "plpgsql" {
		a.c.Opaque = true
		return
	}
	texts, dynamic, err := pgsql.BlockStatements(body)
	if err != nil || dynamic {
		a.c.Opaque = true
	}
	for _, text := range texts {
		res, err := pgsql.Parse(text)
		if err != nil {
			a.c.Opaque = true
			continue
		}
		for i := range res.Statements {
			// Findings and objects point at the DO statement.
			st := res.Statements[i]
			st.Pos = pgsql.Position{Offset: -1, Line: a.src.Line, Column: a.src.Column}
			trial := a.c.Fork()
			if trial.Apply(&st, a.src.File) != nil {
				continue
			}
			// The trial shares a.c's objects and copied what it
			// changed: it becomes a.c. A catalog that was not a fork
			// stays one that changes in place (nothing else holds its
			// objects now).
			plain := a.c.fork == nil
			*a.c = *trial
			if plain {
				a.c.fork = nil
			}
		}
	}
}
