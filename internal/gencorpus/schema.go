package gencorpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// This file plans the migration history: a sequence of golang-migrate
// migrations that builds the schema the generated Go code queries. The
// history is written the way a careful team writes it (lock_timeout before
// DDL on live tables, indexes built CONCURRENTLY in files of their own,
// foreign keys and checks added NOT VALID and validated later), so the
// migrations are mostly clean; renames are the exception that
// migrationsafety reports, by design.

// colType is a column type and the Go types that hold it.
type colType struct {
	sql    string
	goType string // NOT NULL column
	goNull string // nullable column
	def    string // a constant default for ADD COLUMN ... NOT NULL DEFAULT
	arg    string // a Go expression of goType, for seeded arguments
}

var colTypes = []colType{
	{sql: "text", goType: "string", goNull: "*string", def: "''", arg: `"x"`},
	{sql: "bigint", goType: "int64", goNull: "*int64", def: "0", arg: "int64(1)"},
	{sql: "integer", goType: "int32", goNull: "*int32", def: "0", arg: "int32(1)"},
	{sql: "numeric(12,2)", goType: "float64", goNull: "*float64", def: "0", arg: "1.5"},
	{sql: "boolean", goType: "bool", goNull: "*bool", def: "false", arg: "true"},
	{sql: "timestamptz", goType: "time.Time", goNull: "*time.Time", arg: "time.Now()"},
}

func typeOf(sql string) *colType {
	for i := range colTypes {
		if colTypes[i].sql == sql {
			return &colTypes[i]
		}
	}
	panic("gencorpus: unknown type " + sql)
}

type column struct {
	name     string
	typ      *colType
	notNull  bool
	hasDef   bool // a default or an identity: INSERT may omit it
	indexed  bool // some index leads with it
	ref      *table
	base     bool     // id, name, created_at: never renamed
	oldNames []string // names before RENAME COLUMN, oldest first
}

func (c *column) goType() string {
	if c.notNull {
		return c.typ.goType
	}
	return c.typ.goNull
}

type table struct {
	name     string
	oldNames []string
	cols     []*column
	created  int // migration index
	seq      int // counter for constraint and index names
}

func (t *table) col(name string) *column {
	for _, c := range t.cols {
		if c.name == name {
			return c
		}
	}
	return nil
}

func (t *table) hasCol(name string) bool { return t.col(name) != nil }

// fkCols are the table's columns that reference another table and that an
// index leads with.
func (t *table) fkCols() []*column {
	var out []*column
	for _, c := range t.cols {
		if c.ref != nil && c.indexed {
			out = append(out, c)
		}
	}
	return out
}

func (t *table) indexedCols() []*column {
	var out []*column
	for _, c := range t.cols {
		if c.indexed && c.name != "id" {
			out = append(out, c)
		}
	}
	return out
}

// unindexed returns columns no index leads with (besides id).
func (t *table) unindexed() []*column {
	var out []*column
	for _, c := range t.cols {
		if !c.indexed && c.ref == nil && c.name != "id" {
			out = append(out, c)
		}
	}
	return out
}

// Migration is one generated golang-migrate migration.
type Migration struct {
	Version int
	Name    string
	Up      string
	Down    string
}

// FileName returns the up file's name: 000042_add_orders_note.up.sql.
func (m Migration) FileName(dir string) string {
	return fmt.Sprintf("%06d_%s.%s.sql", m.Version, m.Name, dir)
}

var nouns = []string{
	"accounts", "invoices", "orders", "customers", "products", "shipments", "payments", "refunds",
	"carts", "sessions", "tenants", "projects", "tasks", "comments", "attachments", "labels",
	"teams", "members", "roles", "permissions", "webhooks", "events", "subscriptions", "plans",
	"coupons", "addresses", "warehouses", "suppliers", "deliveries", "reviews", "tickets", "messages",
	"channels", "devices", "reports", "exports", "imports", "jobs", "schedules", "vendors",
	"contracts", "quotes", "leads", "campaigns", "segments", "notes", "folders", "documents",
}

var extraCols = []struct{ name, typ string }{
	{"note", "text"}, {"title", "text"}, {"email", "text"}, {"region", "text"}, {"label", "text"},
	{"quantity", "integer"}, {"priority", "integer"}, {"score", "integer"}, {"position", "integer"},
	{"amount", "numeric(12,2)"}, {"balance", "numeric(12,2)"}, {"weight", "numeric(12,2)"},
	{"archived", "boolean"}, {"verified", "boolean"}, {"flagged", "boolean"},
	{"due_at", "timestamptz"}, {"closed_at", "timestamptz"}, {"seen_at", "timestamptz"},
	{"external_ref", "bigint"}, {"revision", "bigint"}, {"owner_ref", "bigint"},
	{"summary", "text"}, {"currency", "text"}, {"source", "text"}, {"status", "text"},
}

// schemaPlan is the state of the schema while the history is written.
type schemaPlan struct {
	rng     *rand.Rand
	tables  []*table
	migs    []Migration
	pending []func() Migration // follow-up migrations: VALIDATE, indexes on new FK columns
	names   map[string]bool    // table names ever used
	renames int
}

func (p *schemaPlan) tableName() string {
	for i := 0; ; i++ {
		n := nouns[p.rng.IntN(len(nouns))]
		if i > 8 || len(p.names) >= len(nouns) {
			n = fmt.Sprintf("%s_%d", n, len(p.names))
		}
		if !p.names[n] {
			p.names[n] = true
			return n
		}
	}
}

func singular(name string) string {
	if i := strings.LastIndexByte(name, '_'); i > 0 && isDigits(name[i+1:]) {
		return singular(name[:i]) + name[i:]
	}
	switch {
	case strings.HasSuffix(name, "ies"):
		return name[:len(name)-3] + "y"
	case strings.HasSuffix(name, "sses"), strings.HasSuffix(name, "ches"), strings.HasSuffix(name, "xes"):
		return name[:len(name)-2]
	case strings.HasSuffix(name, "s"):
		return name[:len(name)-1]
	}
	return name
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

const lockTimeout = "SET lock_timeout = '5s';\n"

// plan writes k migrations aiming at about targetTables tables.
func planSchema(rng *rand.Rand, k int) *schemaPlan {
	p := &schemaPlan{rng: rng, names: map[string]bool{}}
	target := max(3, k/6)
	for len(p.migs) < k {
		left := k - len(p.migs)
		i := len(p.migs)
		switch {
		case len(p.pending) > 0 && (left <= len(p.pending) || rng.IntN(3) == 0):
			next := p.pending[0]
			p.pending = p.pending[1:]
			p.add(next())
		case len(p.tables) < 2 || len(p.tables)*k < target*(i+1) && left > len(p.pending):
			p.add(p.createTable(i))
		default:
			p.add(p.alter(left))
		}
	}
	return p
}

func (p *schemaPlan) add(m Migration) {
	m.Version = len(p.migs) + 1
	p.migs = append(p.migs, m)
}

func (p *schemaPlan) createTable(i int) Migration {
	t := &table{name: p.tableName(), created: i}
	t.cols = append(t.cols,
		&column{name: "id", typ: typeOf("bigint"), notNull: true, hasDef: true, indexed: true, base: true},
		&column{name: "name", typ: typeOf("text"), notNull: true, base: true},
		&column{name: "created_at", typ: typeOf("timestamptz"), notNull: true, hasDef: true, base: true},
	)
	var up strings.Builder
	var parent *table
	if len(p.tables) > 0 && p.rng.IntN(4) != 0 {
		parent = p.tables[p.rng.IntN(len(p.tables))]
	}
	if parent != nil {
		up.WriteString(lockTimeout) // the REFERENCES locks the parent
	}
	fmt.Fprintf(&up, "CREATE TABLE %s (\n    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n    name text NOT NULL,\n    created_at timestamptz NOT NULL DEFAULT now()", t.name)
	var fk *column
	if parent != nil {
		fk = &column{name: singular(parent.name) + "_id", typ: typeOf("bigint"), notNull: true, indexed: true, ref: parent}
		t.cols = append(t.cols, fk)
		fmt.Fprintf(&up, ",\n    %s bigint NOT NULL REFERENCES %s (id)", fk.name, parent.name)
	}
	for n := p.rng.IntN(4); n > 0; n-- {
		e := extraCols[p.rng.IntN(len(extraCols))]
		if t.hasCol(e.name) {
			continue
		}
		c := &column{name: e.name, typ: typeOf(e.typ), notNull: p.rng.IntN(3) == 0}
		t.cols = append(t.cols, c)
		fmt.Fprintf(&up, ",\n    %s %s", c.name, c.typ.sql)
		if c.notNull {
			up.WriteString(" NOT NULL")
			if c.typ.def != "" {
				c.hasDef = true
				up.WriteString(" DEFAULT " + c.typ.def)
			}
		}
	}
	up.WriteString("\n);\n")
	if fk != nil {
		fmt.Fprintf(&up, "CREATE INDEX %s_%s_idx ON %s (%s);\n", t.name, fk.name, t.name, fk.name)
	}
	p.tables = append(p.tables, t)
	return Migration{Name: "create_" + t.name, Up: up.String(), Down: fmt.Sprintf("DROP TABLE %s;\n", t.name)}
}

// alter writes a migration that changes an existing table.
func (p *schemaPlan) alter(left int) Migration {
	t := p.tables[p.rng.IntN(len(p.tables))]
	r := p.rng.IntN(100)
	switch {
	case r < 40:
		return p.addColumn(t)
	case r < 62:
		if cols := t.unindexed(); len(cols) > 0 {
			return p.createIndex(t, cols[p.rng.IntN(len(cols))])
		}
		return p.addColumn(t)
	case r < 77 && left > 3:
		return p.addForeignKey(t)
	case r < 88 && left > 2:
		return p.addCheck(t)
	case r < 91:
		return p.renameColumn(t)
	case r < 92:
		return p.renameTable(t)
	default:
		return p.comment(t)
	}
}

func (p *schemaPlan) addColumn(t *table) Migration {
	e := extraCols[p.rng.IntN(len(extraCols))]
	name := e.name
	for t.hasCol(name) {
		t.seq++
		name = fmt.Sprintf("%s_%d", e.name, t.seq)
	}
	c := &column{name: name, typ: typeOf(e.typ)}
	ddl := fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s", t.name, c.name, c.typ.sql)
	if c.typ.def != "" && p.rng.IntN(3) == 0 {
		c.notNull, c.hasDef = true, true
		ddl += " NOT NULL DEFAULT " + c.typ.def
	}
	t.cols = append(t.cols, c)
	return Migration{
		Name: fmt.Sprintf("add_%s_%s", t.name, c.name),
		Up:   lockTimeout + ddl + ";\n",
		Down: lockTimeout + fmt.Sprintf("ALTER TABLE %s DROP COLUMN %s;\n", t.name, c.name),
	}
}

func indexName(t *table, c *column) string {
	t.seq++
	return fmt.Sprintf("%s_%s_idx%d", t.name, c.name, t.seq)
}

func (p *schemaPlan) createIndex(t *table, c *column) Migration {
	idx := indexName(t, c)
	c.indexed = true
	// golang-migrate runs a file of one statement outside a transaction:
	// the only way CONCURRENTLY works with it.
	return Migration{
		Name: "index_" + idx,
		Up:   fmt.Sprintf("CREATE INDEX CONCURRENTLY %s ON %s (%s);\n", idx, t.name, c.name),
		Down: fmt.Sprintf("DROP INDEX CONCURRENTLY %s;\n", idx),
	}
}

func (p *schemaPlan) addForeignKey(t *table) Migration {
	parent := p.tables[p.rng.IntN(len(p.tables))]
	if parent == t {
		return p.addColumn(t)
	}
	name := singular(parent.name) + "_id"
	for t.hasCol(name) {
		t.seq++
		name = fmt.Sprintf("%s_id%d", singular(parent.name), t.seq)
	}
	c := &column{name: name, typ: typeOf("bigint"), ref: parent}
	t.cols = append(t.cols, c)
	t.seq++
	con := fmt.Sprintf("%s_%s_fk%d", t.name, name, t.seq)
	up := lockTimeout +
		fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s bigint;\n", t.name, name) +
		fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (id) NOT VALID;\n", t.name, con, name, parent.name)
	down := lockTimeout + fmt.Sprintf("ALTER TABLE %s DROP COLUMN %s;\n", t.name, name)
	p.pending = append(p.pending, func() Migration {
		// The down script puts the constraint back as it was: not valid.
		return Migration{
			Name: "validate_" + con,
			Up:   lockTimeout + fmt.Sprintf("ALTER TABLE %s VALIDATE CONSTRAINT %s;\n", t.name, con),
			Down: lockTimeout + fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %s;\nALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (id) NOT VALID;\n",
				t.name, con, t.name, con, c.name, parent.name),
		}
	}, func() Migration { return p.createIndex(t, c) })
	return Migration{Name: "fk_" + con, Up: up, Down: down}
}

func (p *schemaPlan) addCheck(t *table) Migration {
	var num []*column
	for _, c := range t.cols {
		if c.typ.sql == "integer" || c.typ.sql == "numeric(12,2)" {
			num = append(num, c)
		}
	}
	if len(num) == 0 {
		return p.addColumn(t)
	}
	c := num[p.rng.IntN(len(num))]
	t.seq++
	con := fmt.Sprintf("%s_%s_check%d", t.name, c.name, t.seq)
	p.pending = append(p.pending, func() Migration {
		return Migration{
			Name: "validate_" + con,
			Up:   lockTimeout + fmt.Sprintf("ALTER TABLE %s VALIDATE CONSTRAINT %s;\n", t.name, con),
			Down: lockTimeout + fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %s;\nALTER TABLE %s ADD CONSTRAINT %s CHECK (%s >= 0) NOT VALID;\n",
				t.name, con, t.name, con, c.name),
		}
	})
	return Migration{
		Name: "check_" + con,
		Up:   lockTimeout + fmt.Sprintf("ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s >= 0) NOT VALID;\n", t.name, con, c.name),
		Down: lockTimeout + fmt.Sprintf("ALTER TABLE %s DROP CONSTRAINT %s;\n", t.name, con),
	}
}

// renameColumn renames a column; migrationsafety reports it (rename-column),
// and a seeded query may still use the old name.
func (p *schemaPlan) renameColumn(t *table) Migration {
	var cands []*column
	for _, c := range t.cols {
		if !c.base && c.ref == nil {
			cands = append(cands, c)
		}
	}
	if len(cands) == 0 {
		return p.addColumn(t)
	}
	c := cands[p.rng.IntN(len(cands))]
	old := c.name
	t.seq++
	c.name = fmt.Sprintf("%s_v%d", strings.SplitN(old, "_v", 2)[0], t.seq)
	c.oldNames = append(c.oldNames, old)
	p.renames++
	return Migration{
		Name: fmt.Sprintf("rename_%s_%s", t.name, old),
		Up:   lockTimeout + fmt.Sprintf("ALTER TABLE %s RENAME COLUMN %s TO %s;\n", t.name, old, c.name),
		Down: lockTimeout + fmt.Sprintf("ALTER TABLE %s RENAME COLUMN %s TO %s;\n", t.name, c.name, old),
	}
}

func (p *schemaPlan) renameTable(t *table) Migration {
	old := t.name
	t.name = p.tableName()
	t.oldNames = append(t.oldNames, old)
	p.renames++
	return Migration{
		Name: "rename_" + old,
		Up:   lockTimeout + fmt.Sprintf("ALTER TABLE %s RENAME TO %s;\n", old, t.name),
		Down: lockTimeout + fmt.Sprintf("ALTER TABLE %s RENAME TO %s;\n", t.name, old),
	}
}

func (p *schemaPlan) comment(t *table) Migration {
	c := t.cols[p.rng.IntN(len(t.cols))]
	return Migration{
		Name: fmt.Sprintf("comment_%s_%s", t.name, c.name),
		Up:   lockTimeout + fmt.Sprintf("COMMENT ON COLUMN %s.%s IS 'set by migration %d';\n", t.name, c.name, len(p.migs)+1),
		Down: lockTimeout + fmt.Sprintf("COMMENT ON COLUMN %s.%s IS NULL;\n", t.name, c.name),
	}
}
