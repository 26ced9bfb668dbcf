package sqlschema

import (
	"maps"
	"strings"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// Fork returns a catalog equal to c that shares c's tables, views, enums
// and domains instead of copying them. Applying DDL to the fork (Apply,
// ApplyScript, ApplySQL) first copies, into the fork, every object of c the
// statement can change, so c is left as it was: forking costs a copy of
// c's name maps, and each statement a copy of what it can reach, where
// Clone copies every object. Diff skips the objects both of its catalogs
// hold, so comparing c with the fork costs what the statements reached.
//
// The objects the fork has not copied are c's: c must not change while the
// fork is in use, and the fork must change only by applying DDL to it. A
// pointer to one of the fork's objects taken before a statement may be
// stale after it (the statement worked on a copy).
func (c *Catalog) Fork() *Catalog {
	if c == nil {
		return nil
	}
	n := c.settingsCopy()
	n.fork = &forkState{owned: map[any]bool{}}
	if c.Schemas != nil {
		n.Schemas = make(map[string]*Schema, len(c.Schemas))
		for k, s := range c.Schemas {
			ns := *s
			ns.Tables, ns.Views = maps.Clone(s.Tables), maps.Clone(s.Views)
			ns.Enums, ns.Domains = maps.Clone(s.Enums), maps.Clone(s.Domains)
			// Tombstones are replaced, never changed in place.
			ns.Dropped = maps.Clone(s.Dropped)
			n.Schemas[k] = &ns
		}
	}
	n.Extensions = maps.Clone(c.Extensions)
	return n
}

// forkState is what a fork knows of the objects it holds.
//
// The fold changes objects in place, so before a statement is applied to a
// fork, prepare copies each object the statement can change: its
// footprint. The footprint is found from the statement and the catalog
// as they are before the statement, mirroring the fold function by
// function; where it can err, it errs on the large side (a name looked
// up in every schema instead of along search_path, the partitions of
// every table a statement names, ...), and the statements whose reach is
// wide and rare (DROP SCHEMA/TYPE ... CASCADE, ALTER TYPE ... RENAME, SET
// SCHEMA of a type, CREATE SCHEMA with elements) copy everything. Objects
// the fold creates belong to the fork from the start; copying one again is
// harmless.
//
// Schemas, their name maps, the search path and the extensions are the
// fork's own from Fork on: the fold may change them freely.
type forkState struct {
	owned map[any]bool // the copies this fork made
	all   bool         // every object of the fork is its own
}

// prepare copies the objects of c that applying n can change.
func (f *forkState) prepare(c *Catalog, n *pgsql.Node) {
	if f.all {
		return
	}
	switch x := n.GetNode().(type) {
	case *pgsql.Node_CreateStmt:
		// A new table: createTable changes it and its partitions
		// (partitions finds them by their parent's qualified name),
		// which only a stale PartitionOf can name before it exists.
		f.ownPartitionsNamed(c, x.CreateStmt.GetRelation().GetRelname())

	case *pgsql.Node_AlterTableStmt:
		// The table and its partitions at every level (forColumn,
		// addColumn, addCheck, addIndexConstraint, addForeignKey,
		// VALIDATE, dropColumn, dropConstraint recurse into them); an
		// attached or detached partition and the partitions below it
		// (inheritPartitionObjects); with DROP COLUMN or DROP
		// CONSTRAINT, the tables whose foreign keys reference them
		// (removed by CASCADE). The views CASCADE drops are only removed
		// from their schema's map.
		st := x.AlterTableStmt
		refs := false
		rels := []*pgsql.RangeVar{st.GetRelation()}
		for _, cmd := range st.GetCmds() {
			ac := cmd.GetAlterTableCmd()
			switch ac.GetSubtype() {
			case pgsql.AlterTableType_AT_DropColumn, pgsql.AlterTableType_AT_DropConstraint:
				refs = true
			}
			if pc := ac.GetDef().GetPartitionCmd(); pc != nil {
				rels = append(rels, pc.GetName())
			}
		}
		for _, rv := range rels {
			f.ownRelation(c, rv.GetSchemaname(), rv.GetRelname(), refs)
		}

	case *pgsql.Node_IndexStmt:
		// The table and its partitions (cloneIndexToPartition), or the
		// materialized view.
		rv := x.IndexStmt.GetRelation()
		f.ownRelation(c, rv.GetSchemaname(), rv.GetRelname(), false)

	case *pgsql.Node_DropStmt:
		f.prepareDrop(c, x.DropStmt)

	case *pgsql.Node_RenameStmt:
		f.prepareRename(c, x.RenameStmt)

	case *pgsql.Node_AlterObjectSchemaStmt:
		st := x.AlterObjectSchemaStmt
		switch st.GetObjectType() {
		case pgsql.ObjectType_OBJECT_TABLE, pgsql.ObjectType_OBJECT_VIEW, pgsql.ObjectType_OBJECT_MATVIEW:
			rv := st.GetRelation()
			f.ownMoved(c, rv.GetSchemaname(), rv.GetRelname())
		case pgsql.ObjectType_OBJECT_TYPE, pgsql.ObjectType_OBJECT_DOMAIN:
			// retype rewrites the columns of every relation.
			f.ownAll(c)
		}

	case *pgsql.Node_AlterEnumStmt:
		schema, name := splitName(strs(x.AlterEnumStmt.GetTypeName()))
		f.ownType(c, schema, name)

	case *pgsql.Node_AlterDomainStmt:
		schema, name := splitName(strs(x.AlterDomainStmt.GetTypeName()))
		f.ownType(c, schema, name)

	case *pgsql.Node_DoStmt:
		// doBlock applies each statement of the block to a fork of its
		// own, through Apply and so through prepare.

	case *pgsql.Node_CreateSchemaStmt:
		// Its elements are applied without prepare.
		if len(x.CreateSchemaStmt.GetSchemaElts()) > 0 {
			f.ownAll(c)
		}
	}
	// Every other statement creates objects (views, tables from queries,
	// types, domains, schemas), changes only the fork's own maps and
	// settings (extensions, search_path), or is skipped by the fold.
}

// prepareDrop is DROP's footprint.
func (f *forkState) prepareDrop(c *Catalog, ds *pgsql.DropStmt) {
	cascade := ds.GetBehavior() == pgsql.DropBehavior_DROP_CASCADE
	switch ds.GetRemoveType() {
	case pgsql.ObjectType_OBJECT_TABLE, pgsql.ObjectType_OBJECT_VIEW, pgsql.ObjectType_OBJECT_MATVIEW:
		// dropRelations drops the partitions with their table and
		// removes the foreign keys that reference any of them from the
		// tables they are on; views only leave their schema's map.
		for _, obj := range ds.GetObjects() {
			schema, name := splitName(strs(obj.GetList().GetItems()))
			f.ownRelation(c, schema, name, true)
		}
	case pgsql.ObjectType_OBJECT_INDEX:
		// The index's table, with the foreign keys that need the index
		// (fksNeeding) and the partitions' copies of it; or its
		// materialized view.
		for _, obj := range ds.GetObjects() {
			schema, name := splitName(strs(obj.GetList().GetItems()))
			f.ownIndexHolders(c, schema, name, true)
		}
	case pgsql.ObjectType_OBJECT_TYPE, pgsql.ObjectType_OBJECT_DOMAIN:
		// Without CASCADE a type with dependents is an error, and one
		// without only leaves its schema's map.
		if cascade {
			f.ownAll(c)
		}
	case pgsql.ObjectType_OBJECT_SCHEMA:
		// Likewise: without CASCADE only an empty schema goes.
		if cascade {
			f.ownAll(c)
		}
	case pgsql.ObjectType_OBJECT_SEQUENCE:
		// CASCADE drops the defaults that call nextval on it.
		for _, obj := range ds.GetObjects() {
			schema, name := splitName(strs(obj.GetList().GetItems()))
			f.ownSequenceUsers(c, schema, name)
		}
	}
}

// prepareRename is ALTER ... RENAME's footprint, by the cases of rename.
func (f *forkState) prepareRename(c *Catalog, rs *pgsql.RenameStmt) {
	rv := rs.GetRelation()
	schema, name := rv.GetSchemaname(), rv.GetRelname()
	switch rs.GetRenameType() {
	case pgsql.ObjectType_OBJECT_TABLE, pgsql.ObjectType_OBJECT_VIEW, pgsql.ObjectType_OBJECT_MATVIEW,
		pgsql.ObjectType_OBJECT_INDEX, pgsql.ObjectType_OBJECT_FOREIGN_TABLE:
		// renameRelation renames a table or view (retargeting what
		// refers to it) or, when no relation has the name, an index.
		f.ownMoved(c, schema, name)
		f.ownIndexHolders(c, schema, name, false)
	case pgsql.ObjectType_OBJECT_COLUMN:
		// renameColumnIn renames in the table, its partitions and the
		// foreign keys referencing any of them; or in a view.
		f.ownRelation(c, schema, name, true)
	case pgsql.ObjectType_OBJECT_TABCONSTRAINT:
		// The table, its index, and the partitions' copies.
		f.ownRelation(c, schema, name, false)
	case pgsql.ObjectType_OBJECT_TYPE, pgsql.ObjectType_OBJECT_DOMAIN, pgsql.ObjectType_OBJECT_SCHEMA:
		// retype, or every object of a schema, and retarget from each.
		f.ownAll(c)
	case pgsql.ObjectType_OBJECT_SEQUENCE:
		f.ownSequenceUsers(c, schema, name)
	}
}

// ownMoved owns what renaming a relation or moving it to another schema
// changes: the table (and its sequences' defaults), the partitions whose
// PartitionOf names it and the foreign keys that reference it (retarget);
// or the view; and the views whose stored query may name it
// (rewriteViewRelations rewrites only queries that contain the name).
func (f *forkState) ownMoved(c *Catalog, schema, name string) {
	f.ownRelation(c, schema, name, true)
	f.ownViewsMentioning(c, name)
}

// schemasFor returns the schemas a name qualified by schema can be found
// in: that schema (as lookupSchemas resolves it) or, for an unqualified
// name, every schema, a superset of search_path's.
func (f *forkState) schemasFor(c *Catalog, schema string) []*Schema {
	if schema == "" {
		out := make([]*Schema, 0, len(c.Schemas))
		for _, s := range c.Schemas {
			out = append(out, s)
		}
		return out
	}
	if schema == "pg_temp" || strings.HasPrefix(schema, "pg_temp_") {
		schema = tempSchema
	}
	if s := c.Schemas[schema]; s != nil {
		return []*Schema{s}
	}
	return nil
}

// ownRelation owns the tables and views a name can resolve to, with each
// table's partitions at every level and, when refs, the tables whose
// foreign keys reference any of them.
func (f *forkState) ownRelation(c *Catalog, schema, name string, refs bool) {
	for _, s := range f.schemasFor(c, schema) {
		if t := f.ownTable(s, name); t != nil {
			f.ownTree(c, []relKey{{s.Name, name}}, t, refs)
		}
		f.ownView(s, name)
	}
}

// relKey names a table as the fold compares names: schema and name.
type relKey struct{ schema, name string }

// ownTree owns the partitions of root at every level below it (as
// partitions and allPartitions find them) and, when refs, the tables
// holding a foreign key that references root or one of them (as
// referencingFKs and retarget find them). keys are further names root is
// known by (the schema and map key it was found under).
func (f *forkState) ownTree(c *Catalog, keys []relKey, root *Table, refs bool) {
	tree := []*Table{root}
	seen := map[*Table]bool{root: true}
	for i := 0; i < len(tree); i++ {
		q := tree[i].QualifiedName()
		type entry struct {
			s    *Schema
			name string
		}
		var found []entry
		for _, s := range c.Schemas {
			for name, p := range s.Tables {
				if p.PartitionOf == q && !seen[p] {
					found = append(found, entry{s, name})
				}
			}
		}
		for _, e := range found {
			if p := f.ownTable(e.s, e.name); !seen[p] {
				seen[p] = true
				tree = append(tree, p)
			}
		}
	}
	if !refs {
		return
	}
	targets := map[relKey]bool{}
	for _, k := range keys {
		targets[k] = true
	}
	for _, t := range tree {
		targets[relKey{t.Schema, t.Name}] = true
	}
	f.ownReferencing(c, targets)
}

// ownReferencing owns the tables with a foreign key to one of targets.
func (f *forkState) ownReferencing(c *Catalog, targets map[relKey]bool) {
	type entry struct {
		s    *Schema
		name string
	}
	var found []entry
	for _, s := range c.Schemas {
		for name, t := range s.Tables {
			for _, k := range t.Constraints {
				if k.Kind == ForeignKey && targets[relKey{k.RefSchema, k.RefTable}] {
					found = append(found, entry{s, name})
					break
				}
			}
		}
	}
	for _, e := range found {
		f.ownTable(e.s, e.name)
	}
}

// ownPartitionsNamed owns the tables whose PartitionOf is what a new
// table named name would be called, in any schema, with their partitions.
func (f *forkState) ownPartitionsNamed(c *Catalog, name string) {
	qs := map[string]bool{QualifiedName(tempSchema, name): true}
	for k, s := range c.Schemas {
		qs[QualifiedName(k, name)] = true
		qs[QualifiedName(s.Name, name)] = true
	}
	type entry struct {
		s    *Schema
		name string
	}
	var found []entry
	for _, s := range c.Schemas {
		for n, p := range s.Tables {
			if qs[p.PartitionOf] {
				found = append(found, entry{s, n})
			}
		}
	}
	for _, e := range found {
		f.ownTree(c, nil, f.ownTable(e.s, e.name), false)
	}
}

// ownIndexHolders owns the tables and materialized views that have an
// index named name, each table with its partitions and, when refs, the
// tables whose foreign keys reference them.
func (f *forkState) ownIndexHolders(c *Catalog, schema, name string, refs bool) {
	for _, s := range f.schemasFor(c, schema) {
		var tables, views []string
		for tn, t := range s.Tables {
			if t.Index(name) != nil {
				tables = append(tables, tn)
			}
		}
		for vn, v := range s.Views {
			for _, ix := range v.Indexes {
				if ix.Name == name {
					views = append(views, vn)
					break
				}
			}
		}
		for _, tn := range tables {
			f.ownTree(c, []relKey{{s.Name, tn}}, f.ownTable(s, tn), refs)
		}
		for _, vn := range views {
			f.ownView(s, vn)
		}
	}
}

// ownSequenceUsers owns the tables with a column whose default calls
// nextval on the sequence (dropSequences, renameSequence).
func (f *forkState) ownSequenceUsers(c *Catalog, schema, name string) {
	for _, s := range f.schemasFor(c, schema) {
		var tables []string
		for tn, t := range s.Tables {
			for _, col := range t.Columns {
				if sequenceOf(t, col) == name {
					tables = append(tables, tn)
					break
				}
			}
		}
		for _, tn := range tables {
			f.ownTable(s, tn)
		}
	}
}

// ownViewsMentioning owns the views whose stored query contains name.
func (f *forkState) ownViewsMentioning(c *Catalog, name string) {
	for _, s := range c.Schemas {
		var views []string
		for vn, v := range s.Views {
			if v.Query != "" && strings.Contains(v.Query, name) {
				views = append(views, vn)
			}
		}
		for _, vn := range views {
			f.ownView(s, vn)
		}
	}
}

// ownType owns the enums and domains a type name can resolve to.
func (f *forkState) ownType(c *Catalog, schema, name string) {
	for _, s := range f.schemasFor(c, schema) {
		f.ownEnum(s, name)
		f.ownDomain(s, name)
	}
}

// ownAll owns every object: from here on the fork is a clone.
func (f *forkState) ownAll(c *Catalog) {
	for _, s := range c.Schemas {
		// The keys first: ownAll does not write a map it ranges over.
		for _, name := range diffKeys(s.Tables) {
			f.ownTable(s, name)
		}
		for _, name := range diffKeys(s.Views) {
			f.ownView(s, name)
		}
		for _, name := range diffKeys(s.Enums) {
			f.ownEnum(s, name)
		}
		for _, name := range diffKeys(s.Domains) {
			f.ownDomain(s, name)
		}
	}
	f.all = true
}

// ownTable makes the table s holds under name the fork's own, copying it
// unless it already is, and returns it (nil when there is none).
func (f *forkState) ownTable(s *Schema, name string) *Table {
	t := s.Tables[name]
	if t == nil || f.owned[t] {
		return t
	}
	n := t.clone()
	s.Tables[name] = n
	f.owned[n] = true
	return n
}

// ownView is ownTable for a view.
func (f *forkState) ownView(s *Schema, name string) *View {
	v := s.Views[name]
	if v == nil || f.owned[v] {
		return v
	}
	n := v.clone()
	s.Views[name] = n
	f.owned[n] = true
	return n
}

// ownEnum is ownTable for an enum.
func (f *forkState) ownEnum(s *Schema, name string) {
	if e := s.Enums[name]; e != nil && !f.owned[e] {
		n := *e
		n.Values = cloneStrings(e.Values)
		s.Enums[name] = &n
		f.owned[&n] = true
	}
}

// ownDomain is ownTable for a domain.
func (f *forkState) ownDomain(s *Schema, name string) {
	if d := s.Domains[name]; d != nil && !f.owned[d] {
		n := *d
		n.Checks = cloneStrings(d.Checks)
		s.Domains[name] = &n
		f.owned[&n] = true
	}
}
