package missingindex

import (
	"strings"

	"github.com/dblint/dblint/sqlschema"
)

// index is a table's index prepared for matching: keys and the partial
// predicate normalized the way sqlschema.AccessPaths normalizes queries.
type index struct {
	ix        *sqlschema.Index
	method    string
	unique    bool
	exclusion bool // backs an EXCLUDE constraint (GiST with btree_gist equality)
	skipScan  bool // PostgreSQL 18+ can skip-scan a B-tree on a non-leading key
	keys      []ikey
	conds     []string // conjuncts of a partial index's predicate
}

type ikey struct {
	column  string
	expr    string // normalized
	opclass string
	desc    bool
}

func (k ikey) matches(column, expr string) bool {
	if column != "" {
		return k.column == column || (k.column == "" && k.expr == column)
	}
	return k.column == "" && k.expr == expr
}

func (ix *index) btree() bool { return ix.method == "btree" }

// allColumnsIn reports whether every key is a column of set.
func (ix *index) allColumnsIn(set map[string]bool) bool {
	for _, k := range ix.keys {
		if k.column == "" || !set[k.column] {
			return false
		}
	}
	return len(ix.keys) > 0
}

// indexes returns the table's valid indexes, prepared once per pass.
func (c *checker) indexes(t *sqlschema.Table) []*index {
	if out, ok := c.tables[t]; ok {
		return out
	}
	var out []*index
	for _, ix := range t.Indexes {
		if !ix.Valid || len(ix.Keys) == 0 {
			continue
		}
		m := strings.ToLower(ix.Method)
		if m == "" {
			m = "btree"
		}
		p := &index{ix: ix, method: m, unique: ix.Unique || ix.Primary, conds: sqlschema.PredicateConds(ix.Predicate),
			skipScan: c.cfg != nil && c.cfg.PGVersion >= 18}
		if ix.Constraint != "" {
			if k := t.Constraint(ix.Constraint); k != nil && k.Kind == sqlschema.Exclusion {
				p.exclusion, p.unique = true, false
			}
		}
		for _, k := range ix.Keys {
			ik := ikey{column: k.Column, opclass: k.Opclass, desc: k.Desc}
			if k.Column == "" {
				ik.expr = sqlschema.NormalizeExpr(k.Expr)
			}
			p.keys = append(p.keys, ik)
		}
		out = append(out, p)
	}
	c.tables[t] = out
	return out
}

// usable returns the indexes the access can use: all but partial indexes
// whose predicate its conditions do not imply.
func (c *checker) usable(a *sqlschema.Access) []*index {
	var out []*index
	for _, ix := range c.indexes(a.Table) {
		if implies(a, ix.conds) {
			out = append(out, ix)
		}
	}
	return out
}

// implies reports whether the access's conditions imply every conjunct of
// a partial index's predicate: the same condition, or `x IS NOT NULL`
// implied by a strict comparison of x (x = $1 is never true for NULL).
func implies(a *sqlschema.Access, conds []string) bool {
	for _, want := range conds {
		if !impliesOne(a, want) {
			return false
		}
	}
	return true
}

func impliesOne(a *sqlschema.Access, want string) bool {
	for _, have := range a.Conds {
		if have == want {
			return true
		}
	}
	x, ok := strings.CutSuffix(want, " IS NOT NULL")
	if !ok {
		return false
	}
	for _, p := range a.Preds {
		if p.Column != x && p.Expr != x {
			continue
		}
		switch p.Op {
		case sqlschema.OpEq, sqlschema.OpIn, sqlschema.OpRange, sqlschema.OpIsNotNull,
			sqlschema.OpLikePrefix, sqlschema.OpLikeInfix, sqlschema.OpILike:
			return true
		}
	}
	return false
}

// servedAccess reports whether an index serves at least one of the
// access's own conditions; the planner then filters the rest.
func servedAccess(a *sqlschema.Access, usable []*index) bool {
	for _, p := range a.Preds {
		if !p.Join && served(usable, p) {
			return true
		}
	}
	for _, o := range a.Ors {
		all := len(o.Branches) > 0
		for _, b := range o.Branches {
			hit := false
			for _, p := range b {
				hit = hit || served(usable, p)
			}
			all = all && hit
		}
		if all {
			return true // a BitmapOr of index scans
		}
	}
	return false
}

// served reports whether one of the indexes serves the predicate.
func served(usable []*index, p sqlschema.Pred) bool {
	for _, ix := range usable {
		if ix.serves(p) {
			return true
		}
	}
	return false
}

func (ix *index) serves(p sqlschema.Pred) bool {
	lead := ix.keys[0].matches(p.Column, p.Expr)
	switch ix.method {
	case "btree":
		if !lead && ix.skipScan && (p.Op == sqlschema.OpEq || p.Op == sqlschema.OpIn) {
			// A skip scan pays off when the keys before are few; we
			// cannot tell, so assume it does.
			for _, k := range ix.keys[1:] {
				lead = lead || k.matches(p.Column, p.Expr)
			}
		}
		if !lead {
			return false
		}
		switch p.Op {
		case sqlschema.OpEq, sqlschema.OpIn, sqlschema.OpIsNull, sqlschema.OpIsNotNull,
			sqlschema.OpRange, sqlschema.OpLikePrefix:
			return true
		}
		return false
	case "hash":
		return lead && p.Op == sqlschema.OpEq
	case "brin":
		for _, k := range ix.keys {
			if k.matches(p.Column, p.Expr) {
				switch p.Op {
				case sqlschema.OpEq, sqlschema.OpIn, sqlschema.OpRange, sqlschema.OpIsNull:
					return true
				}
			}
		}
		return false
	case "gin", "gist", "spgist":
		for i, k := range ix.keys {
			if !k.matches(p.Column, p.Expr) {
				continue
			}
			switch {
			case p.Op == sqlschema.OpOther:
				return true // an operator we do not model (@>, &&, @@, ~): maybe this index's
			case strings.HasSuffix(k.opclass, "_trgm_ops"):
				switch p.Op {
				case sqlschema.OpLikeInfix, sqlschema.OpLikePrefix, sqlschema.OpILike:
					return true
				}
			case ix.exclusion && i == 0 && (p.Op == sqlschema.OpEq || p.Op == sqlschema.OpIn):
				return true // EXCLUDE USING gist (room_id WITH =, ...) through btree_gist
			}
		}
		return false
	}
	// An access method we do not know (bloom, rum, ...): assume it serves
	// what it is built on.
	for _, k := range ix.keys {
		if k.matches(p.Column, p.Expr) {
			return true
		}
	}
	return false
}

// providesOrder reports whether a B-tree index, read forward or backward,
// returns rows in the order of sorts once the equality columns are fixed.
func (ix *index) providesOrder(eq map[string]bool, sorts []sqlschema.OrderKey) bool {
	if !ix.btree() {
		return false
	}
	i := 0
	for i < len(ix.keys) && ix.keys[i].column != "" && eq[ix.keys[i].column] {
		i++
	}
	if i+len(sorts) > len(ix.keys) {
		return false
	}
	flip := ix.keys[i].desc != sorts[0].Desc
	for j, s := range sorts {
		k := ix.keys[i+j]
		if !k.matches(s.Column, s.Expr) || (k.desc != s.Desc) != flip {
			return false
		}
	}
	return true
}
