package sqlschema

import (
	"strings"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// createIndex is CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] on a
// table or materialized view. An index on a partitioned table is created
// on its partitions too (unless ON ONLY), with names generated for each.
func (a *applier) createIndex(is *pgsql.IndexStmt) error {
	rv := is.GetRelation()
	s, t, v, err := a.relation(rv.GetSchemaname(), rv.GetRelname())
	if err != nil {
		return err
	}
	if t == nil && v == nil {
		return a.errorf(UndefinedTable, "relation %q does not exist", rvWritten(rv))
	}
	if v != nil && !v.Materialized {
		return a.errorf(wrongObjectType, "cannot create index on relation %q", v.Name)
	}
	relName := rv.GetRelname()
	cols := v.columns()
	if t != nil {
		cols = t.Columns
		if t.PartitionKey != "" && is.GetConcurrent() {
			return a.errorf(FeatureUnsupported, "cannot create index on partitioned table %q concurrently", t.Name)
		}
	}
	name := is.GetIdxname()
	if name != "" && relationTaken(s, name) {
		if is.GetIfNotExists() {
			return nil
		}
		return a.errorf(DuplicateTable, "relation %q already exists", name)
	}
	ix := &Index{Unique: is.GetUnique(), Method: "btree", Valid: true, Source: a.src}
	if m := is.GetAccessMethod(); m != "" {
		ix.Method = strings.ToLower(m)
	}
	var names []string
	for _, n := range is.GetIndexParams() {
		key, colname, err := a.indexKey(cols, n.GetIndexElem(), "column %q does not exist")
		if err != nil {
			return err
		}
		ix.Keys = append(ix.Keys, key)
		names = append(names, colname)
	}
	for _, n := range is.GetIndexIncludingParams() {
		key, colname, err := a.indexKey(cols, n.GetIndexElem(), "column %q does not exist")
		if err != nil {
			return err
		}
		if key.Column == "" {
			return a.errorf(FeatureUnsupported, "expressions are not supported in included columns")
		}
		ix.Include = append(ix.Include, key.Column)
		names = append(names, colname)
	}
	ix.Predicate = pgsql.DeparseExpr(is.GetWhereClause())
	if t != nil && t.PartitionKey != "" && ix.Unique {
		for _, pk := range partitionKeyColumns(t.PartitionKey) {
			if !contains(keyColumns(ix), pk) {
				return a.errorf(FeatureUnsupported, "unique constraint on partitioned table must include all partitioning columns")
			}
		}
	}
	if name == "" {
		name = chooseIndexName(s, relName, indexColumnNames(names), plainIndex)
	}
	ix.Name = name
	if v != nil {
		v.Indexes = append(v.Indexes, ix)
		return nil
	}
	t.Indexes = append(t.Indexes, ix)
	if rv.GetInh() {
		for _, p := range a.partitions(t) {
			a.cloneIndexToPartition(a.c.Schemas[p.Schema], p, ix, nil)
		}
	}
	return nil
}

// columns returns a view's columns; nil for a nil view.
func (v *View) columns() []*Column {
	if v == nil {
		return nil
	}
	return v.Columns
}

func keyColumns(ix *Index) []string {
	var out []string
	for _, k := range ix.Keys {
		if k.Column != "" {
			out = append(out, k.Column)
		}
	}
	return out
}

// findIndex looks an index up by optional schema and name.
func (a *applier) findIndex(schema, name string) (*Index, *Table, *View, error) {
	ss, err := a.lookupSchemas(schema)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, s := range ss {
		for _, t := range s.Tables {
			if ix := t.Index(name); ix != nil {
				return ix, t, nil, nil
			}
		}
		for _, v := range s.Views {
			for _, ix := range v.Indexes {
				if ix.Name == name {
					return ix, nil, v, nil
				}
			}
		}
	}
	return nil, nil, nil, nil
}

// dropIndexes is DROP INDEX [CONCURRENTLY] [IF EXISTS] name, ...
func (a *applier) dropIndexes(ds *pgsql.DropStmt) error {
	cascade := ds.GetBehavior() == pgsql.DropBehavior_DROP_CASCADE
	for _, obj := range ds.GetObjects() {
		schema, name := splitName(strs(obj.GetList().GetItems()))
		ix, t, v, err := a.findIndex(schema, name)
		if err != nil {
			if ds.GetMissingOk() {
				continue
			}
			return err
		}
		if ix == nil {
			if _, rt, rv, _ := a.relation(schema, name); rt != nil || rv != nil {
				return a.errorf(wrongObjectType, "%q is not an index", name)
			}
			if ds.GetMissingOk() {
				continue
			}
			return a.errorf(UndefinedObject, "index %q does not exist", name)
		}
		if v != nil {
			v.Indexes = removeIndex(v.Indexes, ix)
			continue
		}
		if ix.Constraint != "" {
			return a.errorf(DependentObjects, "cannot drop index %s because constraint %s on table %s requires it", ix.Name, ix.Constraint, a.describe(t.Schema, t.Name))
		}
		deps := a.fksNeeding(t, ix)
		if len(deps) > 0 && !cascade {
			return a.errorf(DependentObjects, "cannot drop index %s because other objects depend on it", ix.Name)
		}
		for _, d := range deps {
			d.t.Constraints = removeConstraint(d.t.Constraints, d.k)
		}
		t.Indexes = removeIndex(t.Indexes, ix)
		for _, p := range a.allPartitions(t) {
			if pix := equivalentIndex(p, ix); pix != nil && pix.Constraint == "" {
				p.Indexes = removeIndex(p.Indexes, pix)
			}
		}
	}
	return nil
}
