package sqlschema

import (
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// newTypeSchema returns the schema a new type named by names goes into
// and its unqualified name, or PostgreSQL's error when the name is taken.
func (a *applier) newTypeSchema(names []string) (*Schema, string, error) {
	schema, name := splitName(names)
	s, err := a.creationSchema(schema)
	if err != nil {
		return nil, "", err
	}
	if typeTaken(s, name) {
		return nil, "", a.errorf(DuplicateObject, "type %q already exists", name)
	}
	return s, name, nil
}

// createEnum is CREATE TYPE ... AS ENUM.
func (a *applier) createEnum(st *pgsql.CreateEnumStmt) error {
	s, name, err := a.newTypeSchema(strs(st.GetTypeName()))
	if err != nil {
		return err
	}
	vals := strs(st.GetVals())
	seen := map[string]bool{}
	for _, v := range vals {
		if seen[v] {
			return a.errorf(DuplicateObject, "enum label %q used more than once", v)
		}
		seen[v] = true
	}
	s.Enums[name] = &Enum{Schema: s.Name, Name: name, Values: vals, Source: a.src}
	return nil
}

// alterEnum is ALTER TYPE ... ADD VALUE [IF NOT EXISTS] [BEFORE|AFTER] and
// ALTER TYPE ... RENAME VALUE.
func (a *applier) alterEnum(st *pgsql.AlterEnumStmt) error {
	schema, name := splitName(strs(st.GetTypeName()))
	ss, err := a.lookupSchemas(schema)
	if err != nil {
		return err
	}
	var e *Enum
	for _, s := range ss {
		if e = s.Enums[name]; e != nil {
			break
		}
		if s.Domains[name] != nil || s.Tables[name] != nil || s.Views[name] != nil {
			return a.errorf(wrongObjectType, "%s is not an enum", name)
		}
	}
	if e == nil {
		return a.errorf(UndefinedObject, "type %q does not exist", written(schema, name))
	}
	index := func(v string) int {
		for i, x := range e.Values {
			if x == v {
				return i
			}
		}
		return -1
	}
	if old := st.GetOldVal(); old != "" {
		i := index(old)
		if i < 0 {
			return a.errorf(invalidParameterValue, "%q is not an existing enum label", old)
		}
		if index(st.GetNewVal()) >= 0 {
			return a.errorf(DuplicateObject, "enum label %q already exists", st.GetNewVal())
		}
		e.Values[i] = st.GetNewVal()
		return nil
	}
	v := st.GetNewVal()
	if index(v) >= 0 {
		if st.GetSkipIfNewValExists() {
			return nil
		}
		return a.errorf(DuplicateObject, "enum label %q already exists", v)
	}
	pos := len(e.Values)
	if nb := st.GetNewValNeighbor(); nb != "" {
		i := index(nb)
		if i < 0 {
			return a.errorf(invalidParameterValue, "%q is not an existing enum label", nb)
		}
		pos = i
		if st.GetNewValIsAfter() {
			pos = i + 1
		}
	}
	vals := append([]string(nil), e.Values[:pos]...)
	vals = append(vals, v)
	e.Values = append(vals, e.Values[pos:]...)
	return nil
}

// createDomain is CREATE DOMAIN.
func (a *applier) createDomain(st *pgsql.CreateDomainStmt) error {
	base, _, err := normalizeType(st.GetTypeName(), a.c)
	if err != nil {
		return a.typeErr(err)
	}
	s, name, err := a.newTypeSchema(strs(st.GetDomainname()))
	if err != nil {
		return err
	}
	d := &Domain{Schema: s.Name, Name: name, BaseType: base, Source: a.src}
	for _, n := range st.GetConstraints() {
		con := n.GetConstraint()
		switch con.GetContype() {
		case pgsql.ConstrType_CONSTR_NOTNULL:
			d.NotNull = true
		case pgsql.ConstrType_CONSTR_NULL:
			d.NotNull = false
		case pgsql.ConstrType_CONSTR_CHECK:
			d.Checks = append(d.Checks, pgsql.DeparseExpr(con.GetRawExpr()))
		}
	}
	s.Domains[name] = d
	return nil
}

// alterDomain is ALTER DOMAIN ... SET/DROP NOT NULL and ADD CHECK.
func (a *applier) alterDomain(st *pgsql.AlterDomainStmt) error {
	schema, name := splitName(strs(st.GetTypeName()))
	s, err := a.findTypeSchema(schema, name)
	if err != nil {
		return err
	}
	if s == nil || s.Domains[name] == nil {
		if st.GetMissingOk() {
			return nil
		}
		return a.errorf(UndefinedObject, "type %q does not exist", written(schema, name))
	}
	d := s.Domains[name]
	switch st.GetSubtype() {
	case "N":
		d.NotNull = false
	case "O":
		d.NotNull = true
	case "C":
		if con := st.GetDef().GetConstraint(); con != nil && con.GetContype() == pgsql.ConstrType_CONSTR_CHECK {
			d.Checks = append(d.Checks, pgsql.DeparseExpr(con.GetRawExpr()))
		}
	}
	return nil
}

// createCompositeType records CREATE TYPE ... AS (...): the fold does not
// model composite types, so it is kept as a Domain with no base type, which
// makes its name known to columns.
func (a *applier) createCompositeType(st *pgsql.CompositeTypeStmt) error {
	rv := st.GetTypevar()
	names := []string{rv.GetRelname()}
	if rv.GetSchemaname() != "" {
		names = []string{rv.GetSchemaname(), rv.GetRelname()}
	}
	return a.createOpaqueType(names, false)
}

// createOpaqueType records a type the fold does not model (composite,
// range, base or shell type) as a Domain with an empty BaseType. A base
// type's full definition may follow its shell.
func (a *applier) createOpaqueType(names []string, base bool) error {
	schema, name := splitName(names)
	s, err := a.creationSchema(schema)
	if err != nil {
		return err
	}
	if d := s.Domains[name]; base && d != nil && d.BaseType == "" {
		return nil
	}
	if typeTaken(s, name) {
		return a.errorf(DuplicateObject, "type %q already exists", name)
	}
	s.Domains[name] = &Domain{Schema: s.Name, Name: name, Source: a.src}
	return nil
}

// createSchema is CREATE SCHEMA [IF NOT EXISTS] [name] [AUTHORIZATION role]
// with its schema elements, which are created in the new schema.
func (a *applier) createSchema(st *pgsql.CreateSchemaStmt) error {
	name := st.GetSchemaname()
	if name == "" {
		name = st.GetAuthrole().GetRolename()
	}
	if name == "" {
		return nil
	}
	if a.c.Schemas[name] != nil {
		if st.GetIfNotExists() {
			return nil
		}
		return a.errorf(DuplicateSchema, "schema %q already exists", name)
	}
	a.c.Schemas[name] = newSchema(name, a.src)
	if len(st.GetSchemaElts()) == 0 {
		return nil
	}
	saved := a.c.SearchPath
	a.c.SearchPath = append([]string{name}, saved...)
	defer func() { a.c.SearchPath = saved }()
	for _, el := range st.GetSchemaElts() {
		if err := a.stmt(el); err != nil {
			return err
		}
	}
	return nil
}
