package sqlschema

import (
	"fmt"
	"sort"
	"strings"
)

// dumpCatalog renders a catalog as compact text for golden tests: one
// block per table, view, enum and domain, sorted by schema and name, with
// columns in order and indexes and constraints sorted by name.
//
//	table public.orders
//	  col id int4 not null default nextval('orders_id_seq'::regclass)
//	  index orders_pkey primary unique btree (id)
//	  pk orders_pkey (id)
//	  fk orders_customer_id_fkey (customer_id) -> customers(id) on delete CASCADE
func dumpCatalog(c *Catalog) string {
	var b strings.Builder
	var schemas []string
	for name := range c.Schemas {
		schemas = append(schemas, name)
	}
	sort.Strings(schemas)
	for _, sn := range schemas {
		s := c.Schemas[sn]
		if sn != "public" {
			fmt.Fprintf(&b, "schema %s\n", sn)
		}
		for _, name := range sortedNames(s.Enums) {
			e := s.Enums[name]
			fmt.Fprintf(&b, "enum %s.%s (%s)\n", sn, name, strings.Join(e.Values, ", "))
		}
		for _, name := range sortedNames(s.Domains) {
			d := s.Domains[name]
			fmt.Fprintf(&b, "domain %s.%s %s", sn, name, orDash(d.BaseType))
			if d.NotNull {
				b.WriteString(" not null")
			}
			for _, ck := range d.Checks {
				fmt.Fprintf(&b, " check (%s)", ck)
			}
			b.WriteString("\n")
		}
		for _, name := range sortedNames(s.Tables) {
			dumpTable(&b, s.Tables[name])
		}
		for _, name := range sortedNames(s.Views) {
			v := s.Views[name]
			kind := "view"
			if v.Materialized {
				kind = "matview"
			}
			fmt.Fprintf(&b, "%s %s.%s\n", kind, sn, name)
			if v.Columns == nil {
				b.WriteString("  (columns unknown)\n")
			}
			for _, col := range v.Columns {
				fmt.Fprintf(&b, "  col %s %s\n", col.Name, orDash(col.Type))
			}
			dumpIndexes(&b, v.Indexes)
		}
	}
	return b.String()
}

func dumpTable(b *strings.Builder, t *Table) {
	fmt.Fprintf(b, "table %s.%s", t.Schema, t.Name)
	if t.Unlogged {
		b.WriteString(" unlogged")
	}
	if t.PartitionKey != "" {
		fmt.Fprintf(b, " partition by %s", t.PartitionKey)
	}
	if t.PartitionOf != "" {
		fmt.Fprintf(b, " partition of %s %s", t.PartitionOf, t.PartitionBound)
	}
	b.WriteString("\n")
	if t.Columns == nil {
		b.WriteString("  (columns unknown)\n")
	}
	for _, col := range t.Columns {
		fmt.Fprintf(b, "  col %s %s", col.Name, orDash(col.Type))
		if col.NotNull {
			b.WriteString(" not null")
		}
		if col.Default != "" {
			fmt.Fprintf(b, " default %s", col.Default)
			if col.DefaultVolatile {
				b.WriteString(" volatile")
			}
		}
		if col.Identity != "" {
			fmt.Fprintf(b, " identity %s", col.Identity)
		}
		if col.Generated != "" {
			fmt.Fprintf(b, " generated (%s)", col.Generated)
		}
		if col.Serial != "" {
			fmt.Fprintf(b, " %s", col.Serial)
		}
		b.WriteString("\n")
	}
	dumpIndexes(b, t.Indexes)
	ks := append([]*Constraint(nil), t.Constraints...)
	sort.SliceStable(ks, func(i, j int) bool { return ks[i].Name < ks[j].Name })
	for _, k := range ks {
		switch k.Kind {
		case PrimaryKey:
			fmt.Fprintf(b, "  pk %s (%s)", k.Name, strings.Join(k.Columns, ", "))
		case Unique:
			fmt.Fprintf(b, "  unique %s (%s)", k.Name, strings.Join(k.Columns, ", "))
		case Exclusion:
			fmt.Fprintf(b, "  exclude %s (%s)", k.Name, k.Expr)
		case Check:
			fmt.Fprintf(b, "  check %s (%s)", k.Name, k.Expr)
		case ForeignKey:
			fmt.Fprintf(b, "  fk %s (%s) -> %s(%s)", k.Name, strings.Join(k.Columns, ", "),
				QualifiedName(k.RefSchema, k.RefTable), strings.Join(k.RefColumns, ", "))
			if k.OnDelete != "NO ACTION" {
				fmt.Fprintf(b, " on delete %s", k.OnDelete)
			}
			if k.OnUpdate != "NO ACTION" {
				fmt.Fprintf(b, " on update %s", k.OnUpdate)
			}
		}
		if k.Index != "" && k.Index != k.Name {
			fmt.Fprintf(b, " index %s", k.Index)
		}
		if !k.Validated {
			b.WriteString(" not valid")
		}
		if k.Deferrable {
			b.WriteString(" deferrable")
		}
		b.WriteString("\n")
	}
	if len(t.DroppedColumns) > 0 {
		for _, name := range sortedNames(t.DroppedColumns) {
			ts := t.DroppedColumns[name]
			if ts.RenamedTo != "" {
				fmt.Fprintf(b, "  gone %s renamed to %s\n", name, ts.RenamedTo)
			} else {
				fmt.Fprintf(b, "  gone %s dropped\n", name)
			}
		}
	}
}

func dumpIndexes(b *strings.Builder, ixs []*Index) {
	list := append([]*Index(nil), ixs...)
	sort.SliceStable(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	for _, ix := range list {
		fmt.Fprintf(b, "  index %s", ix.Name)
		if ix.Primary {
			b.WriteString(" primary")
		}
		if ix.Unique {
			b.WriteString(" unique")
		}
		var keys []string
		for _, k := range ix.Keys {
			s := k.String()
			if k.Collation != "" {
				s += " collate " + k.Collation
			}
			if k.Opclass != "" {
				s += " " + k.Opclass
			}
			if k.Desc {
				s += " desc"
			}
			if k.NullsFirst {
				s += " nulls first"
			}
			keys = append(keys, s)
		}
		fmt.Fprintf(b, " %s (%s)", ix.Method, strings.Join(keys, ", "))
		if len(ix.Include) > 0 {
			fmt.Fprintf(b, " include (%s)", strings.Join(ix.Include, ", "))
		}
		if ix.Predicate != "" {
			fmt.Fprintf(b, " where %s", ix.Predicate)
		}
		b.WriteString("\n")
	}
}

func sortedNames[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
