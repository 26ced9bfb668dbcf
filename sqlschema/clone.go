package sqlschema

// Clone returns a deep copy of the catalog: changing the copy (applying
// DDL to it) leaves c untouched. Use it to keep the schema as it was
// before a migration, or to apply a down script and compare.
func (c *Catalog) Clone() *Catalog {
	if c == nil {
		return nil
	}
	n := c.settingsCopy()
	if c.Schemas != nil {
		n.Schemas = make(map[string]*Schema, len(c.Schemas))
		for k, s := range c.Schemas {
			n.Schemas[k] = s.clone()
		}
	}
	if c.Extensions != nil {
		n.Extensions = make(map[string]bool, len(c.Extensions))
		for k, v := range c.Extensions {
			n.Extensions[k] = v
		}
	}
	return n
}

// settingsCopy is a catalog with c's settings and no objects: what Clone
// and Fork start from.
func (c *Catalog) settingsCopy() *Catalog {
	return &Catalog{
		SearchPath:    cloneStrings(c.SearchPath),
		ServerVersion: c.ServerVersion,
		Opaque:        c.Opaque,
	}
}

func (s *Schema) clone() *Schema {
	if s == nil {
		return nil
	}
	n := *s
	if s.Tables != nil {
		n.Tables = make(map[string]*Table, len(s.Tables))
		for k, t := range s.Tables {
			n.Tables[k] = t.clone()
		}
	}
	if s.Views != nil {
		n.Views = make(map[string]*View, len(s.Views))
		for k, v := range s.Views {
			n.Views[k] = v.clone()
		}
	}
	if s.Enums != nil {
		n.Enums = make(map[string]*Enum, len(s.Enums))
		for k, e := range s.Enums {
			ne := *e
			ne.Values = cloneStrings(e.Values)
			n.Enums[k] = &ne
		}
	}
	if s.Domains != nil {
		n.Domains = make(map[string]*Domain, len(s.Domains))
		for k, d := range s.Domains {
			nd := *d
			nd.Checks = cloneStrings(d.Checks)
			n.Domains[k] = &nd
		}
	}
	n.Dropped = cloneTombstones(s.Dropped)
	return &n
}

func (t *Table) clone() *Table {
	if t == nil {
		return nil
	}
	n := *t
	n.Columns = cloneColumns(t.Columns)
	if t.Constraints != nil {
		n.Constraints = make([]*Constraint, len(t.Constraints))
		for i, k := range t.Constraints {
			n.Constraints[i] = cloneConstraintValue(k)
		}
	}
	n.Indexes = cloneIndexes(t.Indexes)
	n.DroppedColumns = cloneTombstones(t.DroppedColumns)
	return &n
}

func (v *View) clone() *View {
	if v == nil {
		return nil
	}
	n := *v
	n.Columns = cloneColumns(v.Columns)
	n.Indexes = cloneIndexes(v.Indexes)
	return &n
}

func cloneColumns(cols []*Column) []*Column {
	if cols == nil {
		return nil
	}
	out := make([]*Column, len(cols))
	for i, c := range cols {
		nc := *c
		out[i] = &nc
	}
	return out
}

func cloneIndexes(ixs []*Index) []*Index {
	if ixs == nil {
		return nil
	}
	out := make([]*Index, len(ixs))
	for i, ix := range ixs {
		out[i] = cloneIndexValue(ix)
	}
	return out
}

// cloneIndexValue copies an index and its slices.
func cloneIndexValue(ix *Index) *Index {
	n := *ix
	if ix.Keys != nil {
		n.Keys = append([]IndexKey(nil), ix.Keys...)
	}
	n.Include = cloneStrings(ix.Include)
	return &n
}

// cloneConstraintValue copies a constraint and its slices.
func cloneConstraintValue(k *Constraint) *Constraint {
	n := *k
	n.Columns = cloneStrings(k.Columns)
	n.RefColumns = cloneStrings(k.RefColumns)
	return &n
}

func cloneTombstones(m map[string]*Tombstone) map[string]*Tombstone {
	if m == nil {
		return nil
	}
	out := make(map[string]*Tombstone, len(m))
	for k, t := range m {
		nt := *t
		out[k] = &nt
	}
	return out
}

func cloneStrings(s []string) []string {
	if s == nil {
		return nil
	}
	return append([]string(nil), s...)
}
