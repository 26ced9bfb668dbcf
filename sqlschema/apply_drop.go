package sqlschema

import (
	"sort"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// drop is DROP TABLE / VIEW / MATERIALIZED VIEW / INDEX / TYPE / DOMAIN /
// SCHEMA / EXTENSION / SEQUENCE; other DROPs change nothing modeled.
func (a *applier) drop(ds *pgsql.DropStmt) error {
	switch ds.GetRemoveType() {
	case pgsql.ObjectType_OBJECT_TABLE:
		return a.dropRelations(ds, "table")
	case pgsql.ObjectType_OBJECT_VIEW:
		return a.dropRelations(ds, "view")
	case pgsql.ObjectType_OBJECT_MATVIEW:
		return a.dropRelations(ds, "materialized view")
	case pgsql.ObjectType_OBJECT_INDEX:
		return a.dropIndexes(ds)
	case pgsql.ObjectType_OBJECT_TYPE, pgsql.ObjectType_OBJECT_DOMAIN:
		return a.dropTypes(ds)
	case pgsql.ObjectType_OBJECT_SCHEMA:
		return a.dropSchemas(ds)
	case pgsql.ObjectType_OBJECT_EXTENSION:
		for _, o := range ds.GetObjects() {
			delete(a.c.Extensions, o.GetString_().GetSval())
		}
	case pgsql.ObjectType_OBJECT_SEQUENCE:
		return a.dropSequences(ds)
	}
	return nil
}

// relTarget is a table or view a DROP names.
type relTarget struct {
	s *Schema
	t *Table
	v *View
}

// dropRelations drops tables or views named together: objects dropped by
// the same statement may depend on each other.
func (a *applier) dropRelations(ds *pgsql.DropStmt, kind string) error {
	cascade := ds.GetBehavior() == pgsql.DropBehavior_DROP_CASCADE
	var targets []relTarget
	for _, obj := range ds.GetObjects() {
		schema, name := splitName(strs(obj.GetList().GetItems()))
		s, t, v, err := a.relation(schema, name)
		if err != nil {
			if ds.GetMissingOk() {
				continue
			}
			return err
		}
		switch {
		case t == nil && v == nil:
			if ds.GetMissingOk() {
				continue
			}
			if ix, _, _, _ := a.findIndex(schema, name); ix != nil {
				return a.errorf(wrongObjectType, "%q is not a %s", name, kind)
			}
			return a.errorf(UndefinedTable, "%s %q does not exist", kind, name)
		case kind == "table" && t == nil,
			kind == "view" && (v == nil || v.Materialized),
			kind == "materialized view" && (v == nil || !v.Materialized):
			return a.errorf(wrongObjectType, "%q is not a %s", name, kind)
		}
		targets = append(targets, relTarget{s, t, v})
	}
	// Partitions go with their partitioned table.
	for i := 0; i < len(targets); i++ {
		if t := targets[i].t; t != nil {
			for _, p := range a.partitions(t) {
				if !hasTarget(targets, p) {
					targets = append(targets, relTarget{s: a.c.Schemas[p.Schema], t: p})
				}
			}
		}
	}
	for _, tg := range targets {
		if tg.t == nil {
			continue
		}
		for _, ref := range a.referencingFKs(tg.t) {
			if hasTarget(targets, ref.t) {
				continue
			}
			if !cascade {
				return a.errorf(DependentObjects, "cannot drop table %s because other objects depend on it", a.describe(tg.t.Schema, tg.t.Name))
			}
			ref.t.Constraints = removeConstraint(ref.t.Constraints, ref.k)
		}
	}
	for _, tg := range targets {
		if tg.t != nil {
			delete(tg.s.Tables, tg.t.Name)
			tg.s.Dropped[tg.t.Name] = &Tombstone{Name: tg.t.Name, Kind: "table", By: a.src}
			if cascade {
				a.dropDependentViews(tg.s.Name, tg.t.Name, "")
			}
		} else {
			delete(tg.s.Views, tg.v.Name)
			tg.s.Dropped[tg.v.Name] = &Tombstone{Name: tg.v.Name, Kind: "view", By: a.src}
			if cascade {
				a.dropDependentViews(tg.s.Name, tg.v.Name, "")
			}
		}
	}
	return nil
}

func hasTarget(list []relTarget, t *Table) bool {
	for _, x := range list {
		if x.t == t {
			return true
		}
	}
	return false
}

// dropTypes is DROP TYPE / DROP DOMAIN. Columns of the type need CASCADE,
// which drops them.
func (a *applier) dropTypes(ds *pgsql.DropStmt) error {
	cascade := ds.GetBehavior() == pgsql.DropBehavior_DROP_CASCADE
	for _, obj := range ds.GetObjects() {
		names := strs(obj.GetTypeName().GetNames())
		if names == nil {
			names = strs(obj.GetList().GetItems())
		}
		schema, name := splitName(names)
		ss, err := a.lookupSchemas(schema)
		if err != nil {
			if ds.GetMissingOk() {
				continue
			}
			return err
		}
		var s *Schema
		for _, x := range ss {
			if x.Enums[name] != nil || x.Domains[name] != nil {
				s = x
				break
			}
		}
		if s == nil {
			if ds.GetMissingOk() {
				continue
			}
			return a.errorf(UndefinedObject, "type %q does not exist", written(schema, name))
		}
		typ := QualifiedName(s.Name, name)
		type colRef struct {
			t   *Table
			col string
		}
		var deps []colRef
		var viewDeps []*View
		var domDeps []*Domain
		for _, o := range a.c.Schemas {
			for _, t := range o.Tables {
				for _, c := range t.Columns {
					if baseType(c.Type) == typ {
						deps = append(deps, colRef{t, c.Name})
					}
				}
			}
			for _, v := range o.Views {
				for _, c := range v.Columns {
					if baseType(c.Type) == typ {
						viewDeps = append(viewDeps, v)
						break
					}
				}
			}
			for _, d := range o.Domains {
				if d.BaseType != "" && baseType(d.BaseType) == typ {
					domDeps = append(domDeps, d)
				}
			}
		}
		if (len(deps) > 0 || len(viewDeps) > 0 || len(domDeps) > 0) && !cascade {
			return a.errorf(DependentObjects, "cannot drop type %s because other objects depend on it", a.describe(s.Name, name))
		}
		for _, d := range deps {
			if d.t.Column(d.col) != nil {
				a.dropColumnFrom(d.t, d.col)
			}
		}
		for _, v := range viewDeps {
			a.dropView(v)
		}
		for _, d := range domDeps {
			delete(a.c.Schemas[d.Schema].Domains, d.Name)
		}
		delete(s.Enums, name)
		delete(s.Domains, name)
	}
	return nil
}

// dropSchemas is DROP SCHEMA; a schema with objects needs CASCADE.
func (a *applier) dropSchemas(ds *pgsql.DropStmt) error {
	cascade := ds.GetBehavior() == pgsql.DropBehavior_DROP_CASCADE
	for _, obj := range ds.GetObjects() {
		name := obj.GetString_().GetSval()
		s := a.c.Schemas[name]
		if s == nil {
			if ds.GetMissingOk() {
				continue
			}
			return a.errorf(UndefinedSchema, "schema %q does not exist", name)
		}
		empty := len(s.Tables) == 0 && len(s.Views) == 0 && len(s.Enums) == 0 && len(s.Domains) == 0
		if !empty && !cascade {
			return a.errorf(DependentObjects, "cannot drop schema %s because other objects depend on it", name)
		}
		for _, t := range s.Tables {
			for _, ref := range a.referencingFKs(t) {
				if ref.t.Schema != name {
					ref.t.Constraints = removeConstraint(ref.t.Constraints, ref.k)
				}
			}
		}
		for tn := range s.Tables {
			a.dropDependentViews(name, tn, "")
		}
		delete(a.c.Schemas, name)
	}
	return nil
}

// dropSequences handles DROP SEQUENCE: a serial column's default needs
// CASCADE, which drops the default.
func (a *applier) dropSequences(ds *pgsql.DropStmt) error {
	cascade := ds.GetBehavior() == pgsql.DropBehavior_DROP_CASCADE
	for _, obj := range ds.GetObjects() {
		schema, name := splitName(strs(obj.GetList().GetItems()))
		ss, err := a.lookupSchemas(schema)
		if err != nil {
			if ds.GetMissingOk() {
				continue
			}
			return err
		}
		for _, s := range ss {
			for _, t := range s.Tables {
				for _, c := range t.Columns {
					if c.Identity == "" && sequenceOf(t, c) == name {
						if !cascade {
							return a.errorf(DependentObjects, "cannot drop sequence %s because other objects depend on it", a.describe(s.Name, name))
						}
						c.Default, c.DefaultVolatile = "", false
					}
				}
			}
		}
	}
	return nil
}

// dropView removes a view, leaving a tombstone, and the views on it.
func (a *applier) dropView(v *View) {
	s := a.c.Schemas[v.Schema]
	if s == nil || s.Views[v.Name] != v {
		return
	}
	delete(s.Views, v.Name)
	s.Dropped[v.Name] = &Tombstone{Name: v.Name, Kind: "view", By: a.src}
	a.dropDependentViews(v.Schema, v.Name, "")
}

// dropDependentViews drops the views that read the relation (and, when
// column is set, use that column or *), as DROP ... CASCADE does.
func (a *applier) dropDependentViews(schema, rel, column string) {
	var victims []*View
	for _, s := range a.c.Schemas {
		for _, v := range s.Views {
			if a.viewReads(v, schema, rel, column) {
				victims = append(victims, v)
			}
		}
	}
	sort.Slice(victims, func(i, j int) bool { return victims[i].Name < victims[j].Name })
	for _, v := range victims {
		a.dropView(v)
	}
}
