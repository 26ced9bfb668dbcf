package sqlschema

import (
	"strings"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// rename is ALTER ... RENAME for tables, views, indexes, columns,
// constraints, types and schemas.
func (a *applier) rename(rs *pgsql.RenameStmt) error {
	switch rs.GetRenameType() {
	case pgsql.ObjectType_OBJECT_TABLE, pgsql.ObjectType_OBJECT_VIEW, pgsql.ObjectType_OBJECT_MATVIEW,
		pgsql.ObjectType_OBJECT_INDEX, pgsql.ObjectType_OBJECT_FOREIGN_TABLE:
		return a.renameRelation(rs)
	case pgsql.ObjectType_OBJECT_COLUMN:
		return a.renameColumn(rs)
	case pgsql.ObjectType_OBJECT_TABCONSTRAINT:
		return a.renameConstraint(rs)
	case pgsql.ObjectType_OBJECT_TYPE, pgsql.ObjectType_OBJECT_DOMAIN:
		return a.renameType(rs)
	case pgsql.ObjectType_OBJECT_SCHEMA:
		return a.renameSchema(rs.GetSubname(), rs.GetNewname())
	case pgsql.ObjectType_OBJECT_SEQUENCE:
		a.renameSequence(rs)
	}
	return nil
}

// renameSequence points the defaults that call nextval on a renamed
// sequence at its new name (PostgreSQL stores the sequence, not its name).
func (a *applier) renameSequence(rs *pgsql.RenameStmt) {
	rv := rs.GetRelation()
	ss, err := a.lookupSchemas(rv.GetSchemaname())
	if err != nil {
		return
	}
	for _, s := range ss {
		found := false
		for _, t := range s.Tables {
			for _, c := range t.Columns {
				if c.Identity == "" && sequenceOf(t, c) == rv.GetRelname() {
					c.Default = "nextval(" + quoteLiteral(regclassName(s.Name, rs.GetNewname())) + "::regclass)"
					found = true
				}
			}
		}
		if found {
			return
		}
	}
}

func (a *applier) renameRelation(rs *pgsql.RenameStmt) error {
	rv := rs.GetRelation()
	schema, name, newName := rv.GetSchemaname(), rv.GetRelname(), rs.GetNewname()
	s, t, v, err := a.relation(schema, name)
	if err != nil {
		if rs.GetMissingOk() {
			return nil
		}
		return err
	}
	var ix *Index
	var ixTable *Table
	if t == nil && v == nil {
		ix, ixTable, _, err = a.findIndex(schema, name)
		if err != nil {
			return err
		}
		if ix == nil {
			if rs.GetMissingOk() {
				return nil
			}
			if rs.GetRenameType() == pgsql.ObjectType_OBJECT_INDEX {
				return a.errorf(UndefinedTable, "relation %q does not exist", written(schema, name))
			}
			return a.errorf(UndefinedTable, "relation %q does not exist", written(schema, name))
		}
		s = a.indexSchema(ix)
	}
	if relationTaken(s, newName) {
		return a.errorf(DuplicateTable, "relation %q already exists", newName)
	}
	switch {
	case ix != nil:
		ix.Name = newName
		if ix.Constraint != "" && ixTable != nil {
			if k := ixTable.Constraint(ix.Constraint); k != nil {
				k.Name, k.Index = newName, newName
			}
			ix.Constraint = newName
		}
	case t != nil:
		if typeTaken(s, newName) {
			return a.errorf(DuplicateObject, "type %q already exists", newName)
		}
		oldQ := t.QualifiedName()
		delete(s.Tables, name)
		t.Name = newName
		s.Tables[newName] = t
		a.retarget(s.Name, name, s.Name, newName, oldQ, t.QualifiedName())
		s.Dropped[name] = &Tombstone{Name: name, Kind: "table", RenamedTo: newName, By: a.src}
		forgetTombstone(s, newName)
	case v != nil:
		if typeTaken(s, newName) {
			return a.errorf(DuplicateObject, "type %q already exists", newName)
		}
		delete(s.Views, name)
		v.Name = newName
		s.Views[newName] = v
		a.rewriteViewRelations(s.Name, name, s.Name, newName)
		s.Dropped[name] = &Tombstone{Name: name, Kind: "view", RenamedTo: newName, By: a.src}
		forgetTombstone(s, newName)
	}
	return nil
}

// indexSchema returns the schema holding an index.
func (a *applier) indexSchema(ix *Index) *Schema {
	for _, s := range a.c.Schemas {
		for _, t := range s.Tables {
			for _, o := range t.Indexes {
				if o == ix {
					return s
				}
			}
		}
		for _, v := range s.Views {
			for _, o := range v.Indexes {
				if o == ix {
					return s
				}
			}
		}
	}
	return nil
}

// retarget points foreign keys, partitions and views at a table's new
// schema or name.
func (a *applier) retarget(oldSchema, oldName, newSchema, newName, oldQ, newQ string) {
	for _, s := range a.c.Schemas {
		for _, t := range s.Tables {
			for _, k := range t.Constraints {
				if k.Kind == ForeignKey && k.RefSchema == oldSchema && k.RefTable == oldName {
					k.RefSchema, k.RefTable = newSchema, newName
				}
			}
			if t.PartitionOf == oldQ {
				t.PartitionOf = newQ
			}
		}
	}
	a.rewriteViewRelations(oldSchema, oldName, newSchema, newName)
}

// rewriteViewRelations rewrites the stored queries of views that read a
// renamed relation, so that they keep naming it (PostgreSQL stores the
// relation, not its name).
func (a *applier) rewriteViewRelations(oldSchema, oldName, newSchema, newName string) {
	for _, s := range a.c.Schemas {
		for _, v := range s.Views {
			if v.Query == "" || !strings.Contains(v.Query, oldName) {
				continue
			}
			res, err := pgsql.ParseUncached(v.Query)
			if err != nil || len(res.Statements) != 1 {
				continue
			}
			changed := false
			for _, rv := range rangeVars(res.Statements[0].Node) {
				if rv.GetRelname() != oldName {
					continue
				}
				if rs := rv.GetSchemaname(); rs != "" && rs != oldSchema {
					continue
				}
				rv.Relname = newName
				if rv.GetSchemaname() != "" || newSchema != oldSchema {
					rv.Schemaname = newSchema
				}
				changed = true
			}
			if changed {
				if q, err := pgsql.Deparse(res.Statements[0].Node); err == nil {
					v.Query = q
				}
			}
		}
	}
}

func (a *applier) renameColumn(rs *pgsql.RenameStmt) error {
	rv := rs.GetRelation()
	_, t, v, err := a.relation(rv.GetSchemaname(), rv.GetRelname())
	if err != nil {
		if rs.GetMissingOk() {
			return nil
		}
		return err
	}
	old, newName := rs.GetSubname(), rs.GetNewname()
	if v != nil {
		for _, c := range v.Columns {
			if c.Name == newName {
				return a.errorf(DuplicateColumn, "column %q of relation %q already exists", newName, v.Name)
			}
		}
		for _, c := range v.Columns {
			if c.Name == old {
				c.Name = newName
				return nil
			}
		}
		if len(v.Columns) == 0 {
			return nil
		}
		return a.errorf(UndefinedColumn, "column %q does not exist", old)
	}
	if t == nil {
		if rs.GetMissingOk() {
			return nil
		}
		return a.errorf(UndefinedTable, "relation %q does not exist", rvWritten(rv))
	}
	col := t.Column(old)
	if col == nil {
		if !columnsKnown(t) {
			return nil
		}
		return a.errorf(UndefinedColumn, "column %q does not exist", old)
	}
	if t.Column(newName) != nil {
		return a.errorf(DuplicateColumn, "column %q of relation %q already exists", newName, t.Name)
	}
	if p := a.parentOf(t); p != nil && p.Column(old) != nil {
		return a.errorf(InvalidTableDef, "cannot rename inherited column %q", old)
	}
	a.renameColumnIn(t, old, newName)
	for _, p := range a.allPartitions(t) {
		if p.Column(old) != nil && p.Column(newName) == nil {
			a.renameColumnIn(p, old, newName)
		}
	}
	return nil
}

// renameColumnIn renames a column and every reference to it: index keys
// and expressions, constraints, and foreign keys that reference it.
func (a *applier) renameColumnIn(t *Table, old, newName string) {
	t.Column(old).Name = newName
	rename := func(list []string) {
		for i, c := range list {
			if c == old {
				list[i] = newName
			}
		}
	}
	for _, ix := range t.Indexes {
		for i, k := range ix.Keys {
			if k.Column == old {
				ix.Keys[i].Column = newName
			} else if k.Expr != "" {
				ix.Keys[i].Expr = renameInExpr(k.Expr, old, newName)
			}
		}
		rename(ix.Include)
		if ix.Predicate != "" {
			ix.Predicate = renameInExpr(ix.Predicate, old, newName)
		}
	}
	for _, k := range t.Constraints {
		if contains(k.Columns, old) && k.Expr != "" && k.Kind == Check {
			k.Expr = renameInExpr(k.Expr, old, newName)
		}
		if k.Kind == Exclusion && k.Expr != "" {
			k.Expr = renameExclusion(k.Expr, old, newName)
		}
		rename(k.Columns)
	}
	for _, c := range t.Columns {
		if c.Generated != "" {
			c.Generated = renameInExpr(c.Generated, old, newName)
		}
	}
	for _, ref := range a.referencingFKs(t) {
		rename(ref.k.RefColumns)
	}
	if t.PartitionKey != "" {
		t.PartitionKey = renamePartitionKey(t.PartitionKey, old, newName)
	}
	if t.DroppedColumns == nil {
		t.DroppedColumns = map[string]*Tombstone{}
	}
	t.DroppedColumns[old] = &Tombstone{Name: old, Kind: "column", RenamedTo: newName, By: a.src}
	delete(t.DroppedColumns, newName)
}

// renameInExpr renames column references in a printed expression.
func renameInExpr(expr, old, newName string) string {
	n := parseExpr(expr)
	if n == nil {
		return expr
	}
	changed := false
	walkExpr(n, func(x *pgsql.Node) bool {
		if cr := x.GetColumnRef(); cr != nil {
			f := cr.GetFields()
			if len(f) > 0 {
				if s := f[len(f)-1].GetString_(); s != nil && s.GetSval() == old {
					s.Sval = newName
					changed = true
				}
			}
		}
		return true
	})
	if !changed {
		return expr
	}
	if out := pgsql.DeparseExpr(n); out != "" {
		return out
	}
	return expr
}

// renameExclusion renames a column in "col WITH op, (expr) WITH op".
func renameExclusion(expr, old, newName string) string {
	parts := strings.Split(expr, ", ")
	for i, p := range parts {
		if j := strings.LastIndex(p, " WITH "); j > 0 {
			key := p[:j]
			if key == quoteIdent(old) || key == old {
				parts[i] = quoteIdent(newName) + p[j:]
			} else if strings.HasPrefix(key, "(") {
				parts[i] = "(" + renameInExpr(key[1:len(key)-1], old, newName) + ")" + p[j:]
			}
		}
	}
	return strings.Join(parts, ", ")
}

func renamePartitionKey(key, old, newName string) string {
	i, j := strings.IndexByte(key, '('), strings.LastIndexByte(key, ')')
	if i < 0 || j < i {
		return key
	}
	parts := strings.Split(key[i+1:j], ", ")
	for k, p := range parts {
		f := strings.Fields(p)
		if len(f) > 0 && strings.Trim(f[0], `"`) == old {
			f[0] = quoteIdent(newName)
			parts[k] = strings.Join(f, " ")
		}
	}
	return key[:i+1] + strings.Join(parts, ", ") + key[j:]
}

func (a *applier) renameConstraint(rs *pgsql.RenameStmt) error {
	rv := rs.GetRelation()
	s, t, err := a.table(rv, rs.GetMissingOk())
	if err != nil || t == nil {
		return err
	}
	old, newName := rs.GetSubname(), rs.GetNewname()
	k := t.Constraint(old)
	if k == nil {
		return a.errorf(UndefinedObject, "constraint %q for table %q does not exist", old, t.Name)
	}
	if t.Constraint(newName) != nil {
		return a.errorf(DuplicateObject, "constraint %q for relation %q already exists", newName, t.Name)
	}
	if k.Index != "" {
		if relationTaken(s, newName) {
			return a.errorf(DuplicateTable, "relation %q already exists", newName)
		}
		if ix := t.Index(k.Index); ix != nil {
			ix.Name, ix.Constraint = newName, newName
		}
		k.Index = newName
	}
	k.Name = newName
	if k.Index == "" {
		for _, p := range a.allPartitions(t) {
			if pk := p.Constraint(old); pk != nil && pk.Kind == k.Kind && p.Constraint(newName) == nil {
				pk.Name = newName
			}
		}
	}
	return nil
}

// findTypeSchema returns the schema holding an enum or domain.
func (a *applier) findTypeSchema(schema, name string) (*Schema, error) {
	ss, err := a.lookupSchemas(schema)
	if err != nil {
		return nil, err
	}
	for _, s := range ss {
		if s.Enums[name] != nil || s.Domains[name] != nil {
			return s, nil
		}
	}
	return nil, nil
}

func (a *applier) renameType(rs *pgsql.RenameStmt) error {
	var names []string
	if l := rs.GetObject().GetList(); l != nil {
		names = strs(l.GetItems())
	} else if tn := rs.GetObject().GetTypeName(); tn != nil {
		names = strs(tn.GetNames())
	}
	schema, name := splitName(names)
	s, err := a.findTypeSchema(schema, name)
	if err != nil {
		if rs.GetMissingOk() {
			return nil
		}
		return err
	}
	if s == nil {
		if rs.GetMissingOk() {
			return nil
		}
		return a.errorf(UndefinedObject, "type %q does not exist", written(schema, name))
	}
	newName := rs.GetNewname()
	if typeTaken(s, newName) {
		return a.errorf(DuplicateObject, "type %q already exists", newName)
	}
	if e := s.Enums[name]; e != nil {
		delete(s.Enums, name)
		e.Name = newName
		s.Enums[newName] = e
	}
	if d := s.Domains[name]; d != nil {
		delete(s.Domains, name)
		d.Name = newName
		s.Domains[newName] = d
	}
	a.retype(QualifiedName(s.Name, name), QualifiedName(s.Name, newName))
	return nil
}

// retype renames a user type in column and domain types.
func (a *applier) retype(old, newName string) {
	fix := func(typ string) string {
		arr := ""
		if strings.HasSuffix(typ, "[]") {
			arr = "[]"
		}
		b := strings.TrimSuffix(typ, "[]")
		mods := ""
		if i := strings.IndexByte(b, '('); i > 0 {
			b, mods = b[:i], b[i:]
		}
		if b == old {
			return newName + mods + arr
		}
		return typ
	}
	for _, s := range a.c.Schemas {
		for _, t := range s.Tables {
			for _, c := range t.Columns {
				c.Type = fix(c.Type)
			}
		}
		for _, v := range s.Views {
			for _, c := range v.Columns {
				c.Type = fix(c.Type)
			}
		}
		for _, d := range s.Domains {
			d.BaseType = fix(d.BaseType)
		}
	}
}

func (a *applier) renameSchema(old, newName string) error {
	s := a.c.Schemas[old]
	if s == nil {
		return a.errorf(UndefinedSchema, "schema %q does not exist", old)
	}
	if a.c.Schemas[newName] != nil {
		return a.errorf(DuplicateSchema, "schema %q already exists", newName)
	}
	delete(a.c.Schemas, old)
	s.Name = newName
	a.c.Schemas[newName] = s
	for _, t := range s.Tables {
		oldQ := QualifiedName(old, t.Name)
		t.Schema = newName
		requalifySequences(t)
		a.retarget(old, t.Name, newName, t.Name, oldQ, t.QualifiedName())
	}
	for _, v := range s.Views {
		v.Schema = newName
	}
	for _, e := range s.Enums {
		e.Schema = newName
		a.retype(QualifiedName(old, e.Name), QualifiedName(newName, e.Name))
	}
	for _, d := range s.Domains {
		d.Schema = newName
		a.retype(QualifiedName(old, d.Name), QualifiedName(newName, d.Name))
	}
	return nil
}

// setSchema is ALTER TABLE / VIEW / TYPE / DOMAIN ... SET SCHEMA.
func (a *applier) setSchema(st *pgsql.AlterObjectSchemaStmt) error {
	switch st.GetObjectType() {
	case pgsql.ObjectType_OBJECT_TABLE, pgsql.ObjectType_OBJECT_VIEW, pgsql.ObjectType_OBJECT_MATVIEW:
		rv := st.GetRelation()
		s, t, v, err := a.relation(rv.GetSchemaname(), rv.GetRelname())
		if err != nil {
			if st.GetMissingOk() {
				return nil
			}
			return err
		}
		if t == nil && v == nil {
			if st.GetMissingOk() {
				return nil
			}
			return a.errorf(UndefinedTable, "relation %q does not exist", rvWritten(rv))
		}
		ns := a.c.Schemas[st.GetNewschema()]
		if ns == nil {
			return a.errorf(UndefinedSchema, "schema %q does not exist", st.GetNewschema())
		}
		if ns == s {
			return nil
		}
		name := rv.GetRelname()
		if relationTaken(ns, name) {
			return a.errorf(DuplicateTable, "relation %q already exists in schema %q", name, ns.Name)
		}
		for _, ix := range append(tableIndexes(t), viewIndexes(v)...) {
			if relationTaken(ns, ix.Name) {
				return a.errorf(DuplicateTable, "relation %q already exists in schema %q", ix.Name, ns.Name)
			}
		}
		kind := "view"
		if t != nil {
			kind = "table"
			oldQ := t.QualifiedName()
			delete(s.Tables, name)
			t.Schema = ns.Name
			ns.Tables[name] = t
			requalifySequences(t)
			a.retarget(s.Name, name, ns.Name, name, oldQ, t.QualifiedName())
		} else {
			delete(s.Views, name)
			v.Schema = ns.Name
			ns.Views[name] = v
			a.rewriteViewRelations(s.Name, name, ns.Name, name)
		}
		s.Dropped[name] = &Tombstone{Name: name, Kind: kind, RenamedTo: ns.Name + "." + name, By: a.src}
		forgetTombstone(ns, name)
	case pgsql.ObjectType_OBJECT_TYPE, pgsql.ObjectType_OBJECT_DOMAIN:
		var names []string
		if l := st.GetObject().GetList(); l != nil {
			names = strs(l.GetItems())
		} else if tn := st.GetObject().GetTypeName(); tn != nil {
			names = strs(tn.GetNames())
		}
		schema, name := splitName(names)
		s, err := a.findTypeSchema(schema, name)
		if err != nil {
			return err
		}
		if s == nil {
			if st.GetMissingOk() {
				return nil
			}
			return a.errorf(UndefinedObject, "type %q does not exist", written(schema, name))
		}
		ns := a.c.Schemas[st.GetNewschema()]
		if ns == nil {
			return a.errorf(UndefinedSchema, "schema %q does not exist", st.GetNewschema())
		}
		if ns == s {
			return nil
		}
		if typeTaken(ns, name) {
			return a.errorf(DuplicateObject, "type %q already exists in schema %q", name, ns.Name)
		}
		if e := s.Enums[name]; e != nil {
			delete(s.Enums, name)
			e.Schema = ns.Name
			ns.Enums[name] = e
		}
		if d := s.Domains[name]; d != nil {
			delete(s.Domains, name)
			d.Schema = ns.Name
			ns.Domains[name] = d
		}
		a.retype(QualifiedName(s.Name, name), QualifiedName(ns.Name, name))
	}
	return nil
}

func tableIndexes(t *Table) []*Index {
	if t == nil {
		return nil
	}
	return t.Indexes
}

func viewIndexes(v *View) []*Index {
	if v == nil {
		return nil
	}
	return v.Indexes
}

// requalifySequences rewrites the defaults of a table's serial columns
// after the table changed schema: their sequences move with it.
func requalifySequences(t *Table) {
	for _, c := range t.Columns {
		if c.Serial == "" {
			continue
		}
		if seq := sequenceOf(t, c); seq != "" {
			c.Default = "nextval(" + quoteLiteral(regclassName(t.Schema, seq)) + "::regclass)"
		}
	}
}
