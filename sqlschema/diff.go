package sqlschema

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// Difference is one way two catalogs disagree.
type Difference struct {
	// Kind is "missing" (in want, not in got), "extra" (in got, not in
	// want) or "changed".
	Kind string
	// Object is "schema", "table", "column", "constraint", "index",
	// "view", "enum" or "domain".
	Object string
	// Name is qualified: "public.orders", "public.orders.customer_id"
	// (a column, constraint or index of orders).
	Name string
	// Attr is what differs in a changed object: "type", "not null",
	// "default", "keys", "values", ...
	Attr string
	// Want and Got are the printed forms: of Attr for a changed object,
	// of the whole object (column type and options, index definition...)
	// for a missing or extra one. Empty for an object that has none.
	Want, Got             string
	WantSource, GotSource Source
}

// Difference kinds.
const (
	DiffMissing = "missing"
	DiffExtra   = "extra"
	DiffChanged = "changed"
)

// String reads like `column "orders.total": type numeric(10,2) in want,
// numeric in got`.
func (d Difference) String() string {
	name := fmt.Sprintf("%s %q", d.Object, strings.TrimPrefix(d.Name, "public."))
	where := func(form string, src Source) string {
		var parts []string
		if form != "" {
			parts = append(parts, form)
		}
		if s := src.String(); s != "" {
			parts = append(parts, s)
		}
		if len(parts) == 0 {
			return ""
		}
		return " (" + strings.Join(parts, ", ") + ")"
	}
	switch d.Kind {
	case DiffMissing:
		return fmt.Sprintf("%s: in want%s, not in got", name, where(d.Want, d.WantSource))
	case DiffExtra:
		return fmt.Sprintf("%s: in got%s, not in want", name, where(d.Got, d.GotSource))
	}
	show := func(s string) string {
		if s == "" {
			return "none"
		}
		return s
	}
	s := fmt.Sprintf("%s: %s %s in want, %s in got", name, d.Attr, show(d.Want), show(d.Got))
	if src := d.WantSource.String(); src != "" {
		s += " (want from " + src + ")"
	}
	return s
}

// Diff compares two catalogs and returns how got differs from want, in a
// deterministic order: by schema, then enums, domains, tables (each with
// its columns, constraints and indexes) and views, by name.
//
// It compares what a schema means, not how it was written: types by their
// internal names (integer and int4 agree), and expressions (defaults,
// checks, index predicates and expressions) after reparsing both sides and
// dropping what PostgreSQL adds when it prints them back: casts on
// literals and column references ('x'::text), parentheses, IN lists
// turned into = ANY (ARRAY[...]), BETWEEN turned into two comparisons. So
// a catalog folded from migrations and one introspected from the database
// they built compare equal.
//
// System schemas (pg_catalog, information_schema) and what only one side
// can know (sources, row estimates, tombstones, view query text, search
// path, extensions) are not compared.
//
// A table, view, enum or domain both catalogs hold (the same pointer,
// under the same name) equals itself and is not looked at: comparing a
// catalog with a Fork of it costs what was applied to the fork, not the
// size of the schema.
func Diff(want, got *Catalog) []Difference {
	d := &differ{}
	for _, name := range diffUnion(diffSchemaNames(want), diffSchemaNames(got)) {
		ws, gs := want.Schemas[name], got.Schemas[name]
		switch {
		case gs == nil:
			d.add(Difference{Kind: DiffMissing, Object: "schema", Name: name, WantSource: ws.Source})
			d.schemaContents(ws, DiffMissing)
		case ws == nil:
			d.add(Difference{Kind: DiffExtra, Object: "schema", Name: name, GotSource: gs.Source})
			d.schemaContents(gs, DiffExtra)
		default:
			d.schema(ws, gs)
		}
	}
	return d.out
}

type differ struct{ out []Difference }

func (d *differ) add(x Difference) { d.out = append(d.out, x) }

// changed records a changed attribute when the printed forms differ.
func (d *differ) changed(object, name, attr, want, got string, ws, gs Source) {
	if want != got {
		d.add(Difference{Kind: DiffChanged, Object: object, Name: name, Attr: attr, Want: want, Got: got, WantSource: ws, GotSource: gs})
	}
}

func diffSchemaNames(c *Catalog) []string {
	var out []string
	if c == nil {
		return nil
	}
	for name := range c.Schemas {
		if name == "pg_catalog" || name == "information_schema" {
			continue
		}
		out = append(out, name)
	}
	return out
}

// diffUnion returns the sorted union of names.
func diffUnion(a, b []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, list := range [][]string{a, b} {
		for _, n := range list {
			if !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	sort.Strings(out)
	return out
}

// diffNames returns the sorted names of the objects of one kind that two
// schemas do not share: those only one of them has, and those each has a
// different object for. An object both hold has no differences with
// itself, so leaving it out changes nothing but the cost.
func diffNames[V comparable](want, got map[string]V) []string {
	var out []string
	for n, w := range want {
		if g, ok := got[n]; !ok || g != w {
			out = append(out, n)
		}
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

func diffKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// schemaContents lists the objects of a schema only one side has, without
// descending into them.
func (d *differ) schemaContents(s *Schema, kind string) {
	one := func(object, name, form string, src Source) {
		x := Difference{Kind: kind, Object: object, Name: s.Name + "." + name}
		if kind == DiffMissing {
			x.Want, x.WantSource = form, src
		} else {
			x.Got, x.GotSource = form, src
		}
		d.add(x)
	}
	for _, n := range diffSorted(diffKeys(s.Enums)) {
		one("enum", n, diffEnumForm(s.Enums[n]), s.Enums[n].Source)
	}
	for _, n := range diffSorted(diffKeys(s.Domains)) {
		one("domain", n, s.Domains[n].BaseType, s.Domains[n].Source)
	}
	for _, n := range diffSorted(diffKeys(s.Tables)) {
		one("table", n, diffTableForm(s.Tables[n]), s.Tables[n].Source)
	}
	for _, n := range diffSorted(diffKeys(s.Views)) {
		one("view", n, diffViewForm(s.Views[n]), s.Views[n].Source)
	}
}

func diffSorted(s []string) []string { sort.Strings(s); return s }

func (d *differ) schema(ws, gs *Schema) {
	q := func(n string) string { return ws.Name + "." + n }

	for _, n := range diffNames(ws.Enums, gs.Enums) {
		we, ge := ws.Enums[n], gs.Enums[n]
		switch {
		case ge == nil:
			d.add(Difference{Kind: DiffMissing, Object: "enum", Name: q(n), Want: diffEnumForm(we), WantSource: we.Source})
		case we == nil:
			d.add(Difference{Kind: DiffExtra, Object: "enum", Name: q(n), Got: diffEnumForm(ge), GotSource: ge.Source})
		default:
			d.changed("enum", q(n), "values", diffEnumForm(we), diffEnumForm(ge), we.Source, ge.Source)
		}
	}

	for _, n := range diffNames(ws.Domains, gs.Domains) {
		wd, gd := ws.Domains[n], gs.Domains[n]
		switch {
		case gd == nil:
			d.add(Difference{Kind: DiffMissing, Object: "domain", Name: q(n), Want: wd.BaseType, WantSource: wd.Source})
		case wd == nil:
			d.add(Difference{Kind: DiffExtra, Object: "domain", Name: q(n), Got: gd.BaseType, GotSource: gd.Source})
		default:
			d.changed("domain", q(n), "base type", diffCanonType(wd.BaseType), diffCanonType(gd.BaseType), wd.Source, gd.Source)
			d.changed("domain", q(n), "not null", diffNotNull(wd.NotNull), diffNotNull(gd.NotNull), wd.Source, gd.Source)
			d.changed("domain", q(n), "checks", diffExprList(wd.Checks), diffExprList(gd.Checks), wd.Source, gd.Source)
		}
	}

	for _, n := range diffNames(ws.Tables, gs.Tables) {
		wt, gt := ws.Tables[n], gs.Tables[n]
		switch {
		case gt == nil:
			d.add(Difference{Kind: DiffMissing, Object: "table", Name: q(n), Want: diffTableForm(wt), WantSource: wt.Source})
		case wt == nil:
			d.add(Difference{Kind: DiffExtra, Object: "table", Name: q(n), Got: diffTableForm(gt), GotSource: gt.Source})
		default:
			d.table(q(n), wt, gt)
		}
	}

	for _, n := range diffNames(ws.Views, gs.Views) {
		wv, gv := ws.Views[n], gs.Views[n]
		switch {
		case gv == nil:
			d.add(Difference{Kind: DiffMissing, Object: "view", Name: q(n), Want: diffViewForm(wv), WantSource: wv.Source})
		case wv == nil:
			d.add(Difference{Kind: DiffExtra, Object: "view", Name: q(n), Got: diffViewForm(gv), GotSource: gv.Source})
		default:
			d.view(q(n), wv, gv)
		}
	}
}

func (d *differ) table(name string, wt, gt *Table) {
	ws, gs := wt.Source, gt.Source
	d.changed("table", name, "unlogged", strconv.FormatBool(wt.Unlogged), strconv.FormatBool(gt.Unlogged), ws, gs)
	d.changed("table", name, "partition key", diffNormPartKey(wt.PartitionKey), diffNormPartKey(gt.PartitionKey), ws, gs)
	d.changed("table", name, "partition of", diffQualified(wt.PartitionOf), diffQualified(gt.PartitionOf), ws, gs)
	d.changed("table", name, "partition bound", diffNormBound(wt.PartitionBound), diffNormBound(gt.PartitionBound), ws, gs)

	// Columns, in want's order, then got's extras.
	gotCols := map[string]*Column{}
	for _, c := range gt.Columns {
		gotCols[c.Name] = c
	}
	wantCols := map[string]*Column{}
	var wantOrder, gotOrder []string
	for _, wc := range wt.Columns {
		wantCols[wc.Name] = wc
		cn := name + "." + wc.Name
		gc := gotCols[wc.Name]
		if gc == nil {
			d.add(Difference{Kind: DiffMissing, Object: "column", Name: cn, Want: diffColumnForm(wc), WantSource: diffSrc(wc.Source, ws)})
			continue
		}
		wantOrder = append(wantOrder, wc.Name)
		d.column(cn, wc, gc, diffSrc(wc.Source, ws), diffSrc(gc.Source, gs))
	}
	for _, gc := range gt.Columns {
		if wantCols[gc.Name] == nil {
			d.add(Difference{Kind: DiffExtra, Object: "column", Name: name + "." + gc.Name, Got: diffColumnForm(gc), GotSource: diffSrc(gc.Source, gs)})
			continue
		}
		gotOrder = append(gotOrder, gc.Name)
	}
	// The order of the columns both have: SELECT * and INSERT without a
	// column list depend on it.
	d.changed("table", name, "column order", "("+strings.Join(wantOrder, ", ")+")", "("+strings.Join(gotOrder, ", ")+")", ws, gs)

	d.constraints(name, wt.Constraints, gt.Constraints, ws, gs)
	d.indexes(name, wt.Indexes, gt.Indexes, ws, gs)
}

// diffSrc returns the object's source, or its parent's when unknown.
func diffSrc(s, parent Source) Source {
	if s.IsZero() {
		return parent
	}
	return s
}

func (d *differ) column(name string, wc, gc *Column, ws, gs Source) {
	d.changed("column", name, "type", diffCanonType(wc.Type), diffCanonType(gc.Type), ws, gs)
	d.changed("column", name, "not null", diffNotNull(wc.NotNull), diffNotNull(gc.NotNull), ws, gs)
	d.changed("column", name, "default", diffNormExpr(wc.Default), diffNormExpr(gc.Default), ws, gs)
	d.changed("column", name, "identity", wc.Identity, gc.Identity, ws, gs)
	d.changed("column", name, "generated", diffNormExpr(wc.Generated), diffNormExpr(gc.Generated), ws, gs)
}

func diffNotNull(b bool) string {
	if b {
		return "NOT NULL"
	}
	return "NULL"
}

func (d *differ) constraints(table string, want, got []*Constraint, ws, gs Source) {
	wm, gm := map[string]*Constraint{}, map[string]*Constraint{}
	for _, k := range want {
		wm[k.Name] = k
	}
	for _, k := range got {
		gm[k.Name] = k
	}
	for _, n := range diffUnion(diffKeys(wm), diffKeys(gm)) {
		wk, gk := wm[n], gm[n]
		cn := table + "." + n
		switch {
		case gk == nil:
			d.add(Difference{Kind: DiffMissing, Object: "constraint", Name: cn, Want: diffConstraintForm(wk), WantSource: diffSrc(wk.Source, ws)})
		case wk == nil:
			d.add(Difference{Kind: DiffExtra, Object: "constraint", Name: cn, Got: diffConstraintForm(gk), GotSource: diffSrc(gk.Source, gs)})
		default:
			d.constraint(cn, wk, gk, diffSrc(wk.Source, ws), diffSrc(gk.Source, gs))
		}
	}
}

func (d *differ) constraint(name string, wk, gk *Constraint, ws, gs Source) {
	if wk.Kind != gk.Kind {
		d.changed("constraint", name, "definition", diffConstraintForm(wk), diffConstraintForm(gk), ws, gs)
		return
	}
	ch := func(attr, w, g string) { d.changed("constraint", name, attr, w, g, ws, gs) }
	switch wk.Kind {
	case PrimaryKey, Unique:
		ch("columns", diffList(wk.Columns), diffList(gk.Columns))
	case ForeignKey:
		ch("columns", diffList(wk.Columns), diffList(gk.Columns))
		ch("references", diffQualified(QualifiedName(wk.RefSchema, wk.RefTable))+diffList(wk.RefColumns),
			diffQualified(QualifiedName(gk.RefSchema, gk.RefTable))+diffList(gk.RefColumns))
		ch("on delete", diffAction(wk.OnDelete), diffAction(gk.OnDelete))
		ch("on update", diffAction(wk.OnUpdate), diffAction(gk.OnUpdate))
	case Check:
		ch("expression", diffNormExpr(wk.Expr), diffNormExpr(gk.Expr))
	case Exclusion:
		ch("elements", diffNormText(wk.Expr), diffNormText(gk.Expr))
	}
	ch("validated", strconv.FormatBool(wk.Validated), strconv.FormatBool(gk.Validated))
	ch("deferrable", strconv.FormatBool(wk.Deferrable), strconv.FormatBool(gk.Deferrable))
}

func diffAction(a string) string {
	if a == "" {
		return "NO ACTION"
	}
	return strings.ToUpper(a)
}

func diffList(s []string) string { return "(" + strings.Join(s, ", ") + ")" }

func (d *differ) indexes(owner string, want, got []*Index, ws, gs Source) {
	wm, gm := map[string]*Index{}, map[string]*Index{}
	for _, ix := range want {
		wm[ix.Name] = ix
	}
	for _, ix := range got {
		gm[ix.Name] = ix
	}
	for _, n := range diffUnion(diffKeys(wm), diffKeys(gm)) {
		wi, gi := wm[n], gm[n]
		in := owner + "." + n
		switch {
		case gi == nil:
			d.add(Difference{Kind: DiffMissing, Object: "index", Name: in, Want: diffIndexForm(wi), WantSource: diffSrc(wi.Source, ws)})
		case wi == nil:
			d.add(Difference{Kind: DiffExtra, Object: "index", Name: in, Got: diffIndexForm(gi), GotSource: diffSrc(gi.Source, gs)})
		default:
			s1, s2 := diffSrc(wi.Source, ws), diffSrc(gi.Source, gs)
			ch := func(attr, w, g string) { d.changed("index", in, attr, w, g, s1, s2) }
			ch("method", diffMethod(wi.Method), diffMethod(gi.Method))
			ch("keys", diffKeyList(wi.Keys), diffKeyList(gi.Keys))
			ch("unique", strconv.FormatBool(wi.Unique), strconv.FormatBool(gi.Unique))
			ch("primary", strconv.FormatBool(wi.Primary), strconv.FormatBool(gi.Primary))
			ch("include", diffList(wi.Include), diffList(gi.Include))
			ch("predicate", diffNormExpr(wi.Predicate), diffNormExpr(gi.Predicate))
			ch("valid", strconv.FormatBool(wi.Valid), strconv.FormatBool(gi.Valid))
		}
	}
}

func diffMethod(m string) string {
	if m == "" {
		return "btree"
	}
	return strings.ToLower(m)
}

func diffKeyList(keys []IndexKey) string {
	parts := make([]string, len(keys))
	for i, k := range keys {
		var b strings.Builder
		if k.Column != "" {
			b.WriteString(k.Column)
		} else {
			b.WriteString("(" + diffNormExpr(k.Expr) + ")")
		}
		if k.Collation != "" {
			b.WriteString(" COLLATE " + strings.Trim(k.Collation, `"`))
		}
		if k.Opclass != "" {
			b.WriteString(" " + strings.ToLower(k.Opclass))
		}
		if k.Desc {
			b.WriteString(" DESC")
		}
		if k.NullsFirst {
			b.WriteString(" NULLS FIRST")
		}
		parts[i] = b.String()
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

func (d *differ) view(name string, wv, gv *View) {
	ws, gs := wv.Source, gv.Source
	kind := func(v *View) string {
		if v.Materialized {
			return "materialized view"
		}
		return "view"
	}
	d.changed("view", name, "kind", kind(wv), kind(gv), ws, gs)
	names := func(v *View) string {
		var out []string
		for _, c := range v.Columns {
			out = append(out, c.Name)
		}
		return diffList(out)
	}
	if wn, gn := names(wv), names(gv); wn != gn {
		d.changed("view", name, "columns", wn, gn, ws, gs)
	} else {
		// Same columns: compare the types both sides know.
		for i, wc := range wv.Columns {
			gc := gv.Columns[i]
			if wc.Type != "" && gc.Type != "" {
				d.changed("column", name+"."+wc.Name, "type", diffCanonType(wc.Type), diffCanonType(gc.Type), diffSrc(wc.Source, ws), diffSrc(gc.Source, gs))
			}
		}
	}
	d.indexes(name, wv.Indexes, gv.Indexes, ws, gs)
}

// Printed forms of whole objects, for missing and extra differences.

func diffEnumForm(e *Enum) string {
	q := make([]string, len(e.Values))
	for i, v := range e.Values {
		q[i] = "'" + strings.ReplaceAll(v, "'", "''") + "'"
	}
	return diffList(q)
}

func diffTableForm(t *Table) string {
	var cols []string
	for _, c := range t.Columns {
		cols = append(cols, c.Name)
	}
	s := diffList(cols)
	if t.PartitionOf != "" {
		s = "partition of " + t.PartitionOf + " " + t.PartitionBound
	}
	return s
}

func diffViewForm(v *View) string {
	var cols []string
	for _, c := range v.Columns {
		cols = append(cols, c.Name)
	}
	if v.Materialized {
		return "materialized " + diffList(cols)
	}
	return diffList(cols)
}

func diffColumnForm(c *Column) string {
	s := c.Type
	if c.NotNull {
		s += " NOT NULL"
	}
	if c.Default != "" {
		s += " DEFAULT " + c.Default
	}
	if c.Identity != "" {
		s += " GENERATED " + strings.ToUpper(c.Identity) + " AS IDENTITY"
	}
	if c.Generated != "" {
		s += " GENERATED ALWAYS AS (" + c.Generated + ") STORED"
	}
	return s
}

func diffConstraintForm(k *Constraint) string {
	var s string
	switch k.Kind {
	case PrimaryKey:
		s = "PRIMARY KEY " + diffList(k.Columns)
	case Unique:
		s = "UNIQUE " + diffList(k.Columns)
	case Check:
		s = "CHECK (" + k.Expr + ")"
	case ForeignKey:
		s = "FOREIGN KEY " + diffList(k.Columns) + " REFERENCES " + QualifiedName(k.RefSchema, k.RefTable) + diffList(k.RefColumns)
		if a := diffAction(k.OnDelete); a != "NO ACTION" {
			s += " ON DELETE " + a
		}
		if a := diffAction(k.OnUpdate); a != "NO ACTION" {
			s += " ON UPDATE " + a
		}
	case Exclusion:
		s = "EXCLUDE (" + k.Expr + ")"
	default:
		s = string(k.Kind)
	}
	if k.Deferrable {
		s += " DEFERRABLE"
	}
	if !k.Validated {
		s += " NOT VALID"
	}
	return s
}

func diffIndexForm(ix *Index) string {
	s := diffMethod(ix.Method) + " " + diffKeyList(ix.Keys)
	if ix.Unique {
		s = "UNIQUE " + s
	}
	if len(ix.Include) > 0 {
		s += " INCLUDE " + diffList(ix.Include)
	}
	if ix.Predicate != "" {
		s += " WHERE " + ix.Predicate
	}
	return s
}

func diffExprList(exprs []string) string {
	out := make([]string, len(exprs))
	for i, e := range exprs {
		out[i] = diffNormExpr(e)
	}
	return strings.Join(out, "; ")
}

// diffQualified drops "public." from a qualified name.
func diffQualified(name string) string { return strings.TrimPrefix(name, "public.") }

// diffCanonType canonicalizes a type name: the internal names the model
// uses (int4, varchar(n), timestamptz...), whatever spelling came in.
func diffCanonType(t string) string {
	t = strings.Join(strings.Fields(t), " ")
	dims := ""
	for strings.HasSuffix(t, "[]") {
		t, dims = strings.TrimSpace(strings.TrimSuffix(t, "[]")), dims+"[]"
	}
	for _, prefix := range []string{"pg_catalog.", "public.", `"public".`} {
		if len(t) > len(prefix) && strings.EqualFold(t[:len(prefix)], prefix) {
			t = t[len(prefix):]
		}
	}
	name, mod := t, ""
	if i := strings.IndexByte(t, '('); i >= 0 {
		name, mod = strings.TrimSpace(t[:i]), strings.ReplaceAll(t[i:], " ", "")
		// timestamp(3) with time zone
		if j := strings.IndexByte(t[i:], ')'); j >= 0 && i+j+1 < len(t) {
			name, mod = name+" "+strings.TrimSpace(t[i+j+1:]), strings.ReplaceAll(t[i:i+j+1], " ", "")
		}
	}
	// Built-in names are keywords, case-insensitive; a user type keeps
	// its case (an unquoted name was folded to lower case already).
	if alias, ok := diffTypeAliases[strings.ToLower(name)]; ok {
		return alias + strings.ToLower(mod) + dims
	}
	return strings.ReplaceAll(name, `"`, "") + mod + dims
}

var diffTypeAliases = map[string]string{
	"smallint": "int2", "int2": "int2", "smallserial": "int2",
	"integer": "int4", "int": "int4", "int4": "int4", "serial": "int4", "serial4": "int4",
	"bigint": "int8", "int8": "int8", "bigserial": "int8", "serial8": "int8",
	"real": "float4", "float4": "float4",
	"double precision": "float8", "float8": "float8", "float": "float8",
	"boolean": "bool", "bool": "bool",
	"character varying": "varchar", "varchar": "varchar",
	"character": "bpchar", "char": "bpchar", "bpchar": "bpchar",
	"bit varying": "varbit", "varbit": "varbit",
	"decimal": "numeric", "numeric": "numeric",
	"timestamp without time zone": "timestamp", "timestamp": "timestamp",
	"timestamp with time zone": "timestamptz", "timestamptz": "timestamptz",
	"time without time zone": "time", "time": "time",
	"time with time zone": "timetz", "timetz": "timetz",
}

// diffNormExpr canonicalizes an expression for comparison: it reparses it
// and deparses it after dropping what PostgreSQL adds when it prints an
// expression it stored. Text that does not parse is compared with its
// whitespace collapsed.
func diffNormExpr(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	// The result depends on s alone, and a schema repeats a handful of
	// expressions (now(), 0, '', false) in every table: migrationsafety
	// diffs the whole catalog once per migration, so without this a
	// history of 2,000 migrations reparses and deparses the same
	// defaults hundreds of thousands of times.
	if v, ok := normExprCache.Load(s); ok {
		return v.(string)
	}
	out := diffNormExprUncached(s)
	if normExprCount.Add(1) <= maxNormExprCache {
		normExprCache.Store(s, out)
	}
	return out
}

var (
	normExprCache sync.Map // expression text -> canonical form
	normExprCount atomic.Int64
)

// maxNormExprCache bounds normExprCache; past it, results are computed
// every time.
const maxNormExprCache = 1 << 16

func diffNormExprUncached(s string) string {
	// ParseUncached: the tree is rewritten below, and cached trees are
	// shared.
	res, err := pgsql.ParseUncached("SELECT " + s)
	if err != nil || len(res.Statements) != 1 {
		return diffNormText(s)
	}
	sel := res.Statements[0].Node.GetSelectStmt()
	if sel == nil || len(sel.TargetList) != 1 || sel.FromClause != nil || sel.WhereClause != nil {
		return diffNormText(s)
	}
	rt := sel.TargetList[0].GetResTarget()
	if rt == nil || rt.Name != "" {
		return diffNormText(s)
	}
	rt.Val = diffNormNode(rt.Val)
	out, err := pgsql.Deparse(res.Statements[0].Node)
	if err != nil {
		return diffNormText(s)
	}
	return strings.TrimPrefix(out, "SELECT ")
}

// diffNormNode rewrites an expression tree in place (returning the node
// that replaces n) into a canonical form:
//   - casts on literals, column references and arrays go
//     ('x'::text, (email)::text, ARRAY[...]::text[]): PostgreSQL prints the
//     coercions it added, the DDL did not write them;
//   - string literals that are numbers become numbers ('-1'::integer);
//   - x IN (a, b) becomes x = ANY (ARRAY[a, b]) and NOT IN <> ALL, as
//     PostgreSQL stores them; x IN (a) becomes x = a;
//   - BETWEEN becomes two comparisons; LIKE becomes ~~;
//   - nested AND/OR are flattened; pg_catalog. is dropped from names.
func diffNormNode(n *pgsql.Node) *pgsql.Node {
	if n == nil {
		return nil
	}
	list := func(nodes []*pgsql.Node) {
		for i := range nodes {
			nodes[i] = diffNormNode(nodes[i])
		}
	}
	switch x := n.Node.(type) {
	case *pgsql.Node_TypeCast:
		tc := x.TypeCast
		tc.Arg = diffNormNode(tc.Arg)
		if diffCastFree(tc.Arg) {
			return tc.Arg
		}
		if tc.TypeName != nil {
			tc.TypeName.Names = diffDropCatalog(tc.TypeName.Names)
		}
	case *pgsql.Node_AConst:
		diffNormConst(x.AConst)
	case *pgsql.Node_AExpr:
		return diffNormAExpr(n, x.AExpr)
	case *pgsql.Node_BoolExpr:
		be := x.BoolExpr
		list(be.Args)
		if be.Boolop != pgsql.BoolExprType_NOT_EXPR {
			var flat []*pgsql.Node
			for _, a := range be.Args {
				if inner := a.GetBoolExpr(); inner != nil && inner.Boolop == be.Boolop {
					flat = append(flat, inner.Args...)
				} else {
					flat = append(flat, a)
				}
			}
			be.Args = flat
		}
	case *pgsql.Node_FuncCall:
		fc := x.FuncCall
		fc.Funcname = diffDropCatalog(fc.Funcname)
		list(fc.Args)
	case *pgsql.Node_AArrayExpr:
		list(x.AArrayExpr.Elements)
	case *pgsql.Node_NullTest:
		x.NullTest.Arg = diffNormNode(x.NullTest.Arg)
	case *pgsql.Node_BooleanTest:
		x.BooleanTest.Arg = diffNormNode(x.BooleanTest.Arg)
	case *pgsql.Node_CaseExpr:
		ce := x.CaseExpr
		ce.Arg = diffNormNode(ce.Arg)
		list(ce.Args)
		ce.Defresult = diffNormNode(ce.Defresult)
	case *pgsql.Node_CaseWhen:
		x.CaseWhen.Expr = diffNormNode(x.CaseWhen.Expr)
		x.CaseWhen.Result = diffNormNode(x.CaseWhen.Result)
	case *pgsql.Node_CoalesceExpr:
		list(x.CoalesceExpr.Args)
	case *pgsql.Node_MinMaxExpr:
		list(x.MinMaxExpr.Args)
	case *pgsql.Node_RowExpr:
		list(x.RowExpr.Args)
	case *pgsql.Node_SubLink:
		x.SubLink.Testexpr = diffNormNode(x.SubLink.Testexpr)
	case *pgsql.Node_CollateClause:
		x.CollateClause.Arg = diffNormNode(x.CollateClause.Arg)
	case *pgsql.Node_AIndirection:
		x.AIndirection.Arg = diffNormNode(x.AIndirection.Arg)
	case *pgsql.Node_List:
		list(x.List.Items)
	}
	return n
}

// diffCastFree reports whether a cast on n is one PostgreSQL adds when it
// prints a stored expression.
func diffCastFree(n *pgsql.Node) bool {
	switch n.Node.(type) {
	case *pgsql.Node_AConst, *pgsql.Node_ColumnRef, *pgsql.Node_AArrayExpr:
		return true
	}
	return false
}

// diffDropCatalog drops a leading pg_catalog from a qualified name.
func diffDropCatalog(names []*pgsql.Node) []*pgsql.Node {
	if len(names) > 1 && names[0].GetString_().GetSval() == "pg_catalog" {
		return names[1:]
	}
	return names
}

// diffNormConst turns a string literal that is a number into a number,
// and a bit-string literal into the string PostgreSQL prints for it
// (B'0101' reads back as '0101'::"bit").
func diffNormConst(c *pgsql.A_Const) {
	if bs, ok := c.Val.(*pgsql.A_Const_Bsval); ok && bs.Bsval != nil {
		if bits, ok := strings.CutPrefix(bs.Bsval.Bsval, "b"); ok {
			c.Val = &pgsql.A_Const_Sval{Sval: &pgsql.String{Sval: bits}}
		}
		return
	}
	sv, ok := c.Val.(*pgsql.A_Const_Sval)
	if !ok || sv.Sval == nil {
		return
	}
	s := sv.Sval.Sval
	if i, err := strconv.ParseInt(s, 10, 32); err == nil && strconv.FormatInt(i, 10) == s {
		c.Val = &pgsql.A_Const_Ival{Ival: &pgsql.Integer{Ival: int32(i)}}
		return
	}
	if diffIsDecimal(s) {
		c.Val = &pgsql.A_Const_Fval{Fval: &pgsql.Float{Fval: s}}
	}
}

// diffIsDecimal reports whether s is a plain decimal number as PostgreSQL
// prints one: -12, 3.50, but not 0012 (a bit string, a zip code).
func diffIsDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' {
		return false
	}
	if len(s) > 1 && s[0] == '0' && s[1] != '.' {
		return false
	}
	dot := false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] >= '0' && s[i] <= '9':
		case s[i] == '.' && !dot:
			dot = true
		default:
			return false
		}
	}
	return true
}

func diffNormAExpr(n *pgsql.Node, e *pgsql.A_Expr) *pgsql.Node {
	e.Lexpr = diffNormNode(e.Lexpr)
	e.Rexpr = diffNormNode(e.Rexpr)
	op := ""
	if len(e.Name) > 0 {
		op = e.Name[len(e.Name)-1].GetString_().GetSval()
	}
	switch e.Kind {
	case pgsql.A_Expr_Kind_AEXPR_IN:
		items := e.Rexpr.GetList().GetItems()
		if items == nil {
			return n
		}
		if len(items) == 1 {
			e.Kind, e.Rexpr = pgsql.A_Expr_Kind_AEXPR_OP, items[0]
			return n
		}
		e.Kind = pgsql.A_Expr_Kind_AEXPR_OP_ANY
		if op == "<>" {
			e.Kind = pgsql.A_Expr_Kind_AEXPR_OP_ALL
		}
		e.Rexpr = &pgsql.Node{Node: &pgsql.Node_AArrayExpr{AArrayExpr: &pgsql.A_ArrayExpr{Elements: items}}}
	case pgsql.A_Expr_Kind_AEXPR_LIKE, pgsql.A_Expr_Kind_AEXPR_ILIKE:
		e.Kind = pgsql.A_Expr_Kind_AEXPR_OP
	case pgsql.A_Expr_Kind_AEXPR_BETWEEN, pgsql.A_Expr_Kind_AEXPR_NOT_BETWEEN:
		bounds := e.Rexpr.GetList().GetItems()
		if len(bounds) != 2 {
			return n
		}
		cmp := func(op string, r *pgsql.Node) *pgsql.Node {
			return &pgsql.Node{Node: &pgsql.Node_AExpr{AExpr: &pgsql.A_Expr{
				Kind: pgsql.A_Expr_Kind_AEXPR_OP, Name: []*pgsql.Node{{Node: &pgsql.Node_String_{String_: &pgsql.String{Sval: op}}}},
				Lexpr: e.Lexpr, Rexpr: r,
			}}}
		}
		if e.Kind == pgsql.A_Expr_Kind_AEXPR_BETWEEN {
			return &pgsql.Node{Node: &pgsql.Node_BoolExpr{BoolExpr: &pgsql.BoolExpr{
				Boolop: pgsql.BoolExprType_AND_EXPR, Args: []*pgsql.Node{cmp(">=", bounds[0]), cmp("<=", bounds[1])}}}}
		}
		return &pgsql.Node{Node: &pgsql.Node_BoolExpr{BoolExpr: &pgsql.BoolExpr{
			Boolop: pgsql.BoolExprType_OR_EXPR, Args: []*pgsql.Node{cmp("<", bounds[0]), cmp(">", bounds[1])}}}}
	}
	e.Name = diffDropCatalog(e.Name)
	return n
}

// diffNormText canonicalizes text that is not a single expression (a
// partition key or bound, exclusion elements): outside string literals it
// lowercases, collapses whitespace, drops space around brackets and
// commas, and drops casts on literals.
func diffNormText(s string) string {
	var b strings.Builder
	space := false
	lastLiteral := false
	for i := 0; i < len(s); {
		ch := s[i]
		switch {
		case ch == '\'':
			j := i + 1
			for j < len(s) {
				if s[j] == '\'' {
					if j+1 < len(s) && s[j+1] == '\'' {
						j += 2
						continue
					}
					break
				}
				j++
			}
			if j < len(s) {
				j++
			}
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteString(s[i:j])
			i = j
			lastLiteral = true
			continue
		case ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r':
			space = true
			i++
			continue
		case ch == ':' && lastLiteral && strings.HasPrefix(s[i:], "::"):
			i = diffSkipType(s, i+2)
			continue
		}
		lastLiteral = false
		if space && b.Len() > 0 && !strings.ContainsRune("(),[]", rune(ch)) && !strings.HasSuffix(b.String(), "(") && !strings.HasSuffix(b.String(), "[") {
			b.WriteByte(' ')
		}
		space = false
		if ch == ',' {
			b.WriteString(", ")
			i++
			for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
				i++
			}
			continue
		}
		b.WriteByte(diffLower(ch))
		i++
	}
	return strings.TrimSpace(b.String())
}

func diffLower(ch byte) byte {
	if ch >= 'A' && ch <= 'Z' {
		return ch + 'a' - 'A'
	}
	return ch
}

// diffSkipType returns the offset just past the type name of a cast that
// starts at i: a (qualified, quoted) name or one of the multi-word built-in
// names, with an optional modifier and array brackets.
func diffSkipType(s string, i int) int {
	rest := strings.ToLower(s[i:])
	for _, multi := range []string{"timestamp with time zone", "timestamp without time zone", "time with time zone",
		"time without time zone", "character varying", "double precision", "bit varying"} {
		if strings.HasPrefix(rest, multi) {
			i += len(multi)
			goto mod
		}
	}
	for i < len(s) {
		ch := s[i]
		if ch == '"' {
			j := strings.IndexByte(s[i+1:], '"')
			if j < 0 {
				return len(s)
			}
			i += j + 2
			continue
		}
		if ch == '_' || ch == '.' || ch == '$' || ch >= '0' && ch <= '9' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' {
			i++
			continue
		}
		break
	}
mod:
	if i < len(s) && s[i] == '(' {
		if j := strings.IndexByte(s[i:], ')'); j >= 0 {
			i += j + 1
		}
	}
	for strings.HasPrefix(s[i:], "[]") {
		i += 2
	}
	return i
}

// diffNormPartKey canonicalizes a partition key, "RANGE (created_at)":
// the strategy in lower case and each element as an expression.
func diffNormPartKey(s string) string {
	s = strings.TrimSpace(s)
	open := strings.IndexByte(s, '(')
	if open < 0 || !strings.HasSuffix(s, ")") {
		return diffNormText(s)
	}
	inner := s[open+1 : len(s)-1]
	var elems []string
	depth, start, inStr := 0, 0, false
	for i := 0; i <= len(inner); i++ {
		if i == len(inner) || (inner[i] == ',' && depth == 0 && !inStr) {
			elems = append(elems, diffNormExpr(inner[start:i]))
			start = i + 1
			continue
		}
		switch inner[i] {
		case '\'':
			inStr = !inStr
		case '(':
			if !inStr {
				depth++
			}
		case ')':
			if !inStr {
				depth--
			}
		}
	}
	return strings.ToLower(strings.TrimSpace(s[:open])) + " (" + strings.Join(elems, ", ") + ")"
}

// diffNormBound canonicalizes a partition bound. PostgreSQL prints the
// bound values in their type's output form, so a timestamptz bound written
// '2024-01-01' reads back '2024-01-01 00:00:00+00' (in the session's time
// zone): a midnight time is dropped from both sides.
func diffNormBound(s string) string {
	return diffMidnight.ReplaceAllString(diffNormText(s), "'")
}

var diffMidnight = regexp.MustCompile(` 00:00:00(?:\.0+)?(?:[+-]\d\d(?::\d\d)?)?'`)
