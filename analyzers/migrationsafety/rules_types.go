package migrationsafety

import (
	"fmt"
	"strings"

	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// tableKeys are the key columns a CREATE TABLE declares in table
// constraints: primary key columns, and foreign key columns with the
// constraint that makes them one.
type tableKeys struct {
	primary map[string]bool
	foreign map[string]fkTarget
	// self is the table being created and its column types, for keys
	// that reference the table itself.
	self  relation
	types map[string]string
	pk    []string
}

type fkTarget struct {
	table *pgsql.RangeVar
	col   string // "" when the constraint names no referenced columns
}

func (sc *stmtCheck) createTable(cs *pgsql.CreateStmt) {
	r := sc.mc.resolveRV(cs.GetRelation())
	keys := &tableKeys{primary: map[string]bool{}, foreign: map[string]fkTarget{}, self: r, types: map[string]string{}}
	for _, e := range cs.GetTableElts() {
		if cd := e.GetColumnDef(); cd != nil {
			keys.types[cd.GetColname()] = sqlschema.NormalizeType(cd.GetTypeName(), sc.mc.cat)
			if columnFacts(cd).primary {
				keys.pk = []string{cd.GetColname()}
			}
		}
		c := e.GetConstraint()
		switch c.GetContype() {
		case pgsql.ConstrType_CONSTR_PRIMARY:
			for _, k := range c.GetKeys() {
				keys.primary[pgsql.StringValue(k)] = true
			}
			keys.pk = pgsql.Strings(c.GetKeys())
		case pgsql.ConstrType_CONSTR_FOREIGN:
			fk, pk := pgsql.Strings(c.GetFkAttrs()), pgsql.Strings(c.GetPkAttrs())
			for i, col := range fk {
				t := fkTarget{table: c.GetPktable()}
				if i < len(pk) {
					t.col = pk[i]
				}
				keys.foreign[col] = t
			}
		}
	}
	for _, e := range cs.GetTableElts() {
		if cd := e.GetColumnDef(); cd != nil {
			sc.columnTypes(r, cd, keys)
		}
	}
}

// columnTypes reports type hygiene for a new column.
func (sc *stmtCheck) columnTypes(r relation, cd *pgsql.ColumnDef, keys *tableKeys) {
	if cd == nil || cd.GetTypeName() == nil {
		return
	}
	typ := sqlschema.NormalizeType(cd.GetTypeName(), sc.mc.cat)
	base, mods := typeParts(strings.TrimSuffix(typ, "[]"))
	col := cd.GetColname()
	at := func(rule, msg string) { sc.reportClause(rule, cd.GetLocation(), msg, nil) }
	switch base {
	case "bpchar":
		n := "1"
		if len(mods) == 1 {
			n = mods[0]
		}
		at("prefer-text-over-char", fmt.Sprintf(
			"column %q of %q is char(%s), which pads values with spaces and is no faster than text; use text (or varchar(%s)), with a CHECK on the length if it matters",
			col, r.name, n, n))
	case "timestamp":
		at("prefer-timestamptz", fmt.Sprintf(
			"column %q of %q is timestamp without time zone, which stores wall-clock time and loses the offset, so values depend on the session time zone; use timestamptz",
			col, r.name))
	case "json":
		at("prefer-jsonb", fmt.Sprintf(
			"column %q of %q is json, which is stored as text and reparsed on every access, keeps duplicate keys and has no equality or GIN indexing; use jsonb",
			col, r.name))
	}
	if strings.HasSuffix(typ, "[]") || (base != "int4" && base != "int2") {
		return
	}
	f := columnFacts(cd)
	kind := map[string]string{"int4": "integer", "int2": "smallint"}[base]
	limit := map[string]string{"int4": "2147483647", "int2": "32767"}[base]
	if s := serialOf(cd.GetTypeName()); s != "" {
		kind = s
	}
	if f.primary || keys != nil && keys.primary[col] {
		at("prefer-bigint-keys", fmt.Sprintf(
			"primary key column %q of %q is %s, which runs out at %s and takes a full table rewrite to widen later; use bigint (bigint GENERATED ALWAYS AS IDENTITY, or bigserial)",
			col, r.name, kind, limit))
		return
	}
	var target *fkTarget
	if fk := f.foreign; fk != nil {
		t := fkTarget{table: fk.GetPktable()}
		if pk := pgsql.Strings(fk.GetPkAttrs()); len(pk) == 1 {
			t.col = pk[0]
		}
		target = &t
	} else if keys != nil {
		if t, ok := keys.foreign[col]; ok {
			target = &t
		}
	}
	if target == nil {
		return
	}
	// A key referencing an integer key is consistent with it; only a
	// narrower reference to a bigint key is a problem this column owns.
	refName, refCol, refType := "", target.col, ""
	if ref := sc.mc.cat.Table(target.table.GetSchemaname(), target.table.GetRelname()); ref != nil {
		refName = ref.QualifiedName()
		if refCol == "" {
			if pk := ref.PrimaryKey(); pk != nil && len(pk.Columns) == 1 {
				refCol = pk.Columns[0]
			}
		}
		if rc := ref.Column(refCol); rc != nil {
			refType = rc.Type
		}
	} else if keys != nil && sc.mc.resolveRV(target.table).key == keys.self.key {
		// The table references itself.
		refName = keys.self.name
		if refCol == "" && len(keys.pk) == 1 {
			refCol = keys.pk[0]
		}
		refType = keys.types[refCol]
	}
	if refType != "int8" {
		return
	}
	at("prefer-bigint-keys", fmt.Sprintf(
		"foreign key column %q of %q is %s but references %q.%q, which is bigint, so it runs out at %s long before the key does; make it bigint",
		col, r.name, kind, refName, refCol, limit))
}
