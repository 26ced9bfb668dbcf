// Package sqlschema is dblint's model of a PostgreSQL schema: a Catalog of
// schemas, tables, columns, indexes, constraints, views and types, built by
// applying DDL in order (Apply) or read from a snapshot, and the errors that
// applying bad DDL produces. It has no go/analysis imports.
package sqlschema

import (
	"fmt"
	"sort"
	"strings"
)

// Source is where an object was created, altered or dropped: the file and
// the position of the statement in it.
type Source struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

func (s Source) String() string {
	if s.File == "" {
		return ""
	}
	if s.Line == 0 {
		return s.File
	}
	return fmt.Sprintf("%s:%d", s.File, s.Line)
}

// IsZero reports whether s is unknown.
func (s Source) IsZero() bool { return s == Source{} }

// Catalog is a database schema: every schema with its objects.
type Catalog struct {
	Schemas map[string]*Schema
	// SearchPath resolves unqualified names; ["public"] by default.
	SearchPath []string
	// ServerVersion is server_version_num when the catalog came from a
	// live database (e.g. 150004), else 0.
	ServerVersion int
	// Extensions created (CREATE EXTENSION), by name.
	Extensions map[string]bool
	// Opaque is set when the history ran DDL the fold cannot read: SQL
	// built at run time in a DO block, a DO block in another language.
	// Types the fold does not know are then taken to exist.
	Opaque bool

	// fork is set on a catalog made by Fork: what it shares.
	fork *forkState
}

// Schema is a namespace.
type Schema struct {
	Name    string
	Tables  map[string]*Table
	Views   map[string]*View
	Enums   map[string]*Enum
	Domains map[string]*Domain
	// Dropped records tables and views that existed and were dropped or
	// renamed away, so a later reference can say what happened.
	Dropped map[string]*Tombstone
	Source  Source
}

// Table is a table, partitioned table or partition.
type Table struct {
	Schema  string
	Name    string
	Columns []*Column
	// Constraints are the table's primary key, unique, check, foreign key
	// and exclusion constraints, in creation order.
	Constraints []*Constraint
	// Indexes include those backing primary keys and unique constraints.
	Indexes  []*Index
	Unlogged bool
	// PartitionKey is the PARTITION BY clause of a partitioned table
	// ("RANGE (created_at)"), empty otherwise.
	PartitionKey string
	// PartitionOf is the qualified parent of a partition, with its bound.
	PartitionOf    string
	PartitionBound string
	// RowEstimate is pg_class.reltuples from a live database; -1 unknown.
	RowEstimate int64
	// DroppedColumns remembers columns dropped or renamed away.
	DroppedColumns map[string]*Tombstone
	Source         Source
}

// Column is a table column.
type Column struct {
	Name string
	// Type is the normalized type name: int4, int8, text, varchar(255),
	// numeric(10,2), timestamptz, int4[], an enum or domain name
	// (qualified when not in public).
	Type    string
	NotNull bool
	// Default is the DEFAULT expression as PostgreSQL would print it
	// (empty when none); DefaultVolatile reports a volatile expression
	// (random(), nextval(), a user function), which forces a table rewrite
	// when added to an existing table.
	Default         string
	DefaultVolatile bool
	// Identity is "always" or "by default" for identity columns.
	Identity string
	// Generated is the expression of a stored generated column.
	Generated string
	// Serial is "serial", "bigserial" or "smallserial" when the column
	// was declared with that pseudo-type.
	Serial string
	Source Source
}

// ConstraintKind names a kind of table constraint.
type ConstraintKind string

// Constraint kinds.
const (
	PrimaryKey ConstraintKind = "primary key"
	Unique     ConstraintKind = "unique"
	Check      ConstraintKind = "check"
	ForeignKey ConstraintKind = "foreign key"
	Exclusion  ConstraintKind = "exclude"
)

// Constraint is a table constraint.
type Constraint struct {
	Name    string
	Kind    ConstraintKind
	Columns []string
	// Expr is the CHECK expression or, for EXCLUDE, the element list.
	Expr string
	// Foreign key target and actions ("NO ACTION", "CASCADE", ...).
	RefSchema  string
	RefTable   string
	RefColumns []string
	OnDelete   string
	OnUpdate   string
	// Validated is false for a constraint added NOT VALID and not yet
	// validated.
	Validated  bool
	Deferrable bool
	// Index is the backing index of a primary key, unique or exclusion
	// constraint.
	Index  string
	Source Source
}

// Index is an index on a table.
type Index struct {
	Name    string
	Unique  bool
	Primary bool
	// Method is the access method: btree, hash, gin, gist, brin, spgist.
	Method string
	// Keys are the key columns or expressions, in order.
	Keys []IndexKey
	// Include lists the INCLUDE (covering) columns.
	Include []string
	// Predicate is the WHERE of a partial index, as PostgreSQL prints it.
	Predicate string
	// Valid is false for an index a live database marks invalid (a failed
	// CREATE INDEX CONCURRENTLY).
	Valid bool
	// Constraint names the constraint this index backs, if any.
	Constraint string
	Source     Source
}

// IndexKey is one key of an index: a column or an expression.
type IndexKey struct {
	Column     string // empty for an expression
	Expr       string // the expression, as PostgreSQL prints it
	Desc       bool
	NullsFirst bool   // only set when it differs from the default for the direction
	Opclass    string // non-default operator class, e.g. text_pattern_ops
	Collation  string
}

// String renders the key as in CREATE INDEX: a column, or (expression).
func (k IndexKey) String() string {
	if k.Column != "" {
		return k.Column
	}
	return "(" + k.Expr + ")"
}

// ColumnNames returns the index's key columns; an expression key yields
// its String form.
func (ix *Index) ColumnNames() []string {
	out := make([]string, len(ix.Keys))
	for i, k := range ix.Keys {
		out[i] = k.String()
	}
	return out
}

// View is a view or materialized view.
type View struct {
	Schema       string
	Name         string
	Materialized bool
	// Columns are the output columns; Type is empty when it cannot be
	// inferred statically.
	Columns []*Column
	Query   string
	// Indexes on a materialized view.
	Indexes []*Index
	Source  Source
}

// Enum is an enum type.
type Enum struct {
	Schema string
	Name   string
	Values []string
	Source Source
}

// Domain is a domain over a base type.
type Domain struct {
	Schema   string
	Name     string
	BaseType string
	NotNull  bool
	Checks   []string
	Source   Source
}

// Tombstone remembers a dropped or renamed object.
type Tombstone struct {
	Name string
	Kind string // "table", "view", "column"
	// RenamedTo is the new name when the object was renamed away.
	RenamedTo string
	By        Source
}

// Describe says what happened: `dropped by f.sql:3` or `renamed to "x" by f.sql:3`.
func (t *Tombstone) Describe() string {
	if t.RenamedTo != "" {
		return fmt.Sprintf("renamed to %q by %s", t.RenamedTo, t.By)
	}
	return "dropped by " + t.By.String()
}

// New returns an empty catalog with the public schema and search_path public.
func New() *Catalog {
	c := &Catalog{Schemas: map[string]*Schema{}, SearchPath: []string{"public"}, Extensions: map[string]bool{}}
	c.Schemas["public"] = newSchema("public", Source{})
	return c
}

func newSchema(name string, src Source) *Schema {
	return &Schema{
		Name: name, Source: src,
		Tables: map[string]*Table{}, Views: map[string]*View{},
		Enums: map[string]*Enum{}, Domains: map[string]*Domain{},
		Dropped: map[string]*Tombstone{},
	}
}

// Schema returns the named schema, or nil.
func (c *Catalog) Schema(name string) *Schema { return c.Schemas[name] }

// resolveSchemas returns the schemas an (optionally qualified) name is
// looked up in.
func (c *Catalog) resolveSchemas(schema string) []*Schema {
	if schema != "" {
		if s := c.Schemas[schema]; s != nil {
			return []*Schema{s}
		}
		return nil
	}
	var out []*Schema
	for _, n := range c.SearchPath {
		if s := c.Schemas[n]; s != nil {
			out = append(out, s)
		}
	}
	if s := c.Schemas["pg_catalog"]; s != nil {
		out = append(out, s)
	}
	return out
}

// Table finds a table by optional schema and name, following search_path.
func (c *Catalog) Table(schema, name string) *Table {
	for _, s := range c.resolveSchemas(schema) {
		if t := s.Tables[name]; t != nil {
			return t
		}
	}
	return nil
}

// View finds a view or materialized view by optional schema and name.
func (c *Catalog) View(schema, name string) *View {
	for _, s := range c.resolveSchemas(schema) {
		if v := s.Views[name]; v != nil {
			return v
		}
	}
	return nil
}

// Enum finds an enum type by optional schema and name.
func (c *Catalog) Enum(schema, name string) *Enum {
	for _, s := range c.resolveSchemas(schema) {
		if e := s.Enums[name]; e != nil {
			return e
		}
	}
	return nil
}

// Dropped returns the tombstone of a dropped or renamed table or view, or
// nil when the name never existed or exists now.
func (c *Catalog) Dropped(schema, name string) *Tombstone {
	for _, s := range c.resolveSchemas(schema) {
		if s.Tables[name] != nil || s.Views[name] != nil {
			return nil
		}
		if t := s.Dropped[name]; t != nil {
			return t
		}
	}
	return nil
}

// Index finds an index by optional schema and name, with the table or
// materialized view it is on.
func (c *Catalog) Index(schema, name string) (*Index, *Table, *View) {
	for _, s := range c.resolveSchemas(schema) {
		for _, t := range s.Tables {
			for _, ix := range t.Indexes {
				if ix.Name == name {
					return ix, t, nil
				}
			}
		}
		for _, v := range s.Views {
			for _, ix := range v.Indexes {
				if ix.Name == name {
					return ix, nil, v
				}
			}
		}
	}
	return nil, nil, nil
}

// Tables returns every table, sorted by schema and name.
func (c *Catalog) Tables() []*Table {
	var out []*Table
	for _, s := range c.Schemas {
		for _, t := range s.Tables {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Schema != out[j].Schema {
			return out[i].Schema < out[j].Schema
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// QualifiedName returns schema.name, or name alone for the public schema.
func QualifiedName(schema, name string) string {
	if schema == "" || schema == "public" {
		return name
	}
	return schema + "." + name
}

// QualifiedName returns the table's name, qualified unless in public.
func (t *Table) QualifiedName() string { return QualifiedName(t.Schema, t.Name) }

// Column returns the named column, or nil.
func (t *Table) Column(name string) *Column {
	for _, c := range t.Columns {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// PrimaryKey returns the primary key constraint, or nil.
func (t *Table) PrimaryKey() *Constraint {
	for _, k := range t.Constraints {
		if k.Kind == PrimaryKey {
			return k
		}
	}
	return nil
}

// ForeignKeys returns the table's foreign key constraints.
func (t *Table) ForeignKeys() []*Constraint {
	var out []*Constraint
	for _, k := range t.Constraints {
		if k.Kind == ForeignKey {
			out = append(out, k)
		}
	}
	return out
}

// Constraint returns the named constraint, or nil.
func (t *Table) Constraint(name string) *Constraint {
	for _, k := range t.Constraints {
		if k.Name == name {
			return k
		}
	}
	return nil
}

// Index returns the named index on the table, or nil.
func (t *Table) Index(name string) *Index {
	for _, ix := range t.Indexes {
		if ix.Name == name {
			return ix
		}
	}
	return nil
}

// DroppedColumn returns the tombstone of a column that no longer exists.
func (t *Table) DroppedColumn(name string) *Tombstone {
	if t.Column(name) != nil {
		return nil
	}
	return t.DroppedColumns[name]
}

// IsArray reports whether a normalized type name is an array type.
func IsArray(typ string) bool { return strings.HasSuffix(typ, "[]") }
