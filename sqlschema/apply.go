package sqlschema

import (
	"errors"
	"fmt"
	"strings"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// SQLSTATE codes the fold needs beyond those in errors.go.
const (
	syntaxError            = pgsql.SyntaxErrorCode // 42601
	invalidForeignKey      = "42830"
	wrongObjectType        = "42809"
	objectNotInPrereqState = "55000"
	invalidParameterValue  = "22023"
	invalidSchemaName      = "3F000"
)

// Apply applies one parsed statement to the catalog, as PostgreSQL would
// execute it: DDL changes the catalog's shape; everything else (DML,
// grants, comments, functions, triggers, transaction control) is accepted
// and skipped, and so is any statement the fold does not model.
//
// An error is a *Error that reads like PostgreSQL's own, with the SQLSTATE
// PostgreSQL would give and the statement's position in file. A failing
// CREATE TABLE or multi-command ALTER TABLE leaves the catalog as it was;
// other failures may leave partial changes (Clone first to be sure).
//
// Conventions of the fold: names PostgreSQL generates (indexes,
// constraints, serial sequences) follow its rules; a table or view whose
// columns could not be inferred (CREATE TABLE AS over an unknown
// relation) has nil Columns, and column checks on it are skipped; types
// the catalog does not model (composite, range, base) are recorded as a
// Domain with an empty BaseType; dependencies PostgreSQL would enforce on
// views, functions and triggers are not checked (DROP ... CASCADE does
// drop the views that read a dropped table or column).
func (c *Catalog) Apply(st *pgsql.Statement, file string) error {
	if st == nil || st.Node == nil {
		return nil
	}
	c.init()
	if c.fork != nil {
		c.fork.prepare(c, st.Node)
	}
	a := &applier{c: c, src: Source{File: file, Line: st.Pos.Line, Column: st.Pos.Column}}
	return a.stmt(st.Node)
}

// ApplyScript applies the statements of a script in order and stops at the
// first error. Temporary tables the script creates are gone at its end, as
// they are when its session ends.
func (c *Catalog) ApplyScript(s *Script) error {
	if s == nil {
		return nil
	}
	defer c.dropTemp()
	for i := range s.Statements {
		if err := c.Apply(&s.Statements[i], s.File); err != nil {
			return err
		}
	}
	return nil
}

// ApplySQL parses src and applies its statements in order. A parse error
// is a *Error at the parser's position with SQLSTATE 42601.
func (c *Catalog) ApplySQL(file, src string) error {
	res, err := pgsql.Parse(src)
	if err != nil {
		e := &Error{Message: err.Error(), SQLState: syntaxError, File: file}
		var pe *pgsql.Error
		if errors.As(err, &pe) {
			e.Message = pe.Message
			if pe.SQLState != "" {
				e.SQLState = pe.SQLState
			}
			if pe.Pos.Offset >= 0 && pe.Pos.Line > 0 {
				e.Line, e.Column = pe.Pos.Line, pe.Pos.Column
			}
		}
		return e
	}
	return c.ApplyScript(&Script{File: file, Src: src, Statements: res.Statements})
}

// init fills the maps of a catalog built by hand (a zero Catalog works).
func (c *Catalog) init() {
	if c.Schemas == nil {
		c.Schemas = map[string]*Schema{}
	}
	if c.Schemas["public"] == nil && c.SearchPath == nil {
		c.Schemas["public"] = newSchema("public", Source{})
	}
	if c.SearchPath == nil {
		c.SearchPath = []string{"public"}
	}
	if c.Extensions == nil {
		c.Extensions = map[string]bool{}
	}
	for _, s := range c.Schemas {
		if s.Tables == nil {
			s.Tables = map[string]*Table{}
		}
		if s.Views == nil {
			s.Views = map[string]*View{}
		}
		if s.Enums == nil {
			s.Enums = map[string]*Enum{}
		}
		if s.Domains == nil {
			s.Domains = map[string]*Domain{}
		}
		if s.Dropped == nil {
			s.Dropped = map[string]*Tombstone{}
		}
	}
}

// tempSchema holds the temporary tables of the current script; it is
// searched first for unqualified names, as PostgreSQL's pg_temp is.
const tempSchema = "pg_temp"

func (c *Catalog) dropTemp() {
	delete(c.Schemas, tempSchema)
}

// applier applies one statement.
type applier struct {
	c   *Catalog
	src Source
}

func (a *applier) errorf(state, format string, args ...any) *Error {
	return &Error{
		Message:  fmt.Sprintf(format, args...),
		SQLState: state,
		File:     a.src.File,
		Line:     a.src.Line,
		Column:   a.src.Column,
	}
}

// stmt dispatches on the statement's node type. Statements that do not
// change the catalog's shape fall through to the default and are skipped.
func (a *applier) stmt(n *pgsql.Node) error {
	switch n := n.GetNode().(type) {
	case *pgsql.Node_CreateStmt:
		return a.createTable(n.CreateStmt)
	case *pgsql.Node_AlterTableStmt:
		return a.alterTable(n.AlterTableStmt)
	case *pgsql.Node_IndexStmt:
		return a.createIndex(n.IndexStmt)
	case *pgsql.Node_DropStmt:
		return a.drop(n.DropStmt)
	case *pgsql.Node_RenameStmt:
		return a.rename(n.RenameStmt)
	case *pgsql.Node_AlterObjectSchemaStmt:
		return a.setSchema(n.AlterObjectSchemaStmt)
	case *pgsql.Node_ViewStmt:
		return a.createView(n.ViewStmt)
	case *pgsql.Node_CreateTableAsStmt:
		return a.createTableAs(n.CreateTableAsStmt)
	case *pgsql.Node_SelectStmt:
		if n.SelectStmt.GetIntoClause() != nil {
			return a.selectInto(n.SelectStmt)
		}
		a.selectSetConfig(n.SelectStmt)
	case *pgsql.Node_CreateEnumStmt:
		return a.createEnum(n.CreateEnumStmt)
	case *pgsql.Node_AlterEnumStmt:
		return a.alterEnum(n.AlterEnumStmt)
	case *pgsql.Node_CreateDomainStmt:
		return a.createDomain(n.CreateDomainStmt)
	case *pgsql.Node_AlterDomainStmt:
		return a.alterDomain(n.AlterDomainStmt)
	case *pgsql.Node_CompositeTypeStmt:
		return a.createCompositeType(n.CompositeTypeStmt)
	case *pgsql.Node_CreateRangeStmt:
		return a.createOpaqueType(strs(n.CreateRangeStmt.GetTypeName()), false)
	case *pgsql.Node_DefineStmt:
		if n.DefineStmt.GetKind() == pgsql.ObjectType_OBJECT_TYPE {
			return a.createOpaqueType(strs(n.DefineStmt.GetDefnames()), true)
		}
	case *pgsql.Node_CreateSchemaStmt:
		return a.createSchema(n.CreateSchemaStmt)
	case *pgsql.Node_CreateExtensionStmt:
		a.c.Extensions[n.CreateExtensionStmt.GetExtname()] = true
	case *pgsql.Node_VariableSetStmt:
		a.setVariable(n.VariableSetStmt)
	case *pgsql.Node_DoStmt:
		a.doBlock(n.DoStmt)
	}
	return nil
}

// strs returns the String values of a list of String nodes.
func strs(list []*pgsql.Node) []string {
	out := make([]string, 0, len(list))
	for _, n := range list {
		out = append(out, n.GetString_().GetSval())
	}
	return out
}

// splitName splits a possibly qualified name (["s","t"] or ["db","s","t"])
// into schema and name.
func splitName(names []string) (schema, name string) {
	switch len(names) {
	case 0:
		return "", ""
	case 1:
		return "", names[0]
	default:
		return names[len(names)-2], names[len(names)-1]
	}
}

// written renders a name as the statement wrote it, for messages.
func written(schema, name string) string {
	if schema == "" {
		return name
	}
	return schema + "." + name
}

func rvWritten(rv *pgsql.RangeVar) string { return written(rv.GetSchemaname(), rv.GetRelname()) }

// searchSchemas returns the schemas an unqualified name is looked up in,
// in order: temporary objects first, then search_path.
func (a *applier) searchSchemas() []*Schema {
	var out []*Schema
	if s := a.c.Schemas[tempSchema]; s != nil {
		out = append(out, s)
	}
	for _, n := range a.c.SearchPath {
		if s := a.c.Schemas[n]; s != nil && n != tempSchema {
			out = append(out, s)
		}
	}
	return out
}

// lookupSchemas returns the schemas to look a name up in. An explicit
// schema that does not exist is PostgreSQL's `schema "s" does not exist`.
func (a *applier) lookupSchemas(schema string) ([]*Schema, error) {
	if schema == "" {
		return a.searchSchemas(), nil
	}
	if schema == "pg_temp" || strings.HasPrefix(schema, "pg_temp_") {
		schema = tempSchema
	}
	s := a.c.Schemas[schema]
	if s == nil {
		if schema == tempSchema || schema == "pg_catalog" || schema == "information_schema" {
			return nil, nil
		}
		return nil, a.errorf(UndefinedSchema, "schema %q does not exist", schema)
	}
	return []*Schema{s}, nil
}

// creationSchema returns the schema a new object named schema.name goes
// into: the explicit schema, else the first existing schema of search_path.
func (a *applier) creationSchema(schema string) (*Schema, error) {
	if schema != "" {
		ss, err := a.lookupSchemas(schema)
		if err != nil {
			return nil, err
		}
		if len(ss) == 0 {
			return nil, a.errorf(UndefinedSchema, "schema %q does not exist", schema)
		}
		return ss[0], nil
	}
	for _, n := range a.c.SearchPath {
		if s := a.c.Schemas[n]; s != nil && n != tempSchema {
			return s, nil
		}
	}
	return nil, a.errorf(invalidSchemaName, "no schema has been selected to create in")
}

// relation finds a table or view by name.
func (a *applier) relation(schema, name string) (*Schema, *Table, *View, error) {
	ss, err := a.lookupSchemas(schema)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, s := range ss {
		if t := s.Tables[name]; t != nil {
			return s, t, nil, nil
		}
		if v := s.Views[name]; v != nil {
			return s, nil, v, nil
		}
	}
	return nil, nil, nil, nil
}

// table finds the table a RangeVar names; missingOK turns "does not exist"
// into (nil, nil).
func (a *applier) table(rv *pgsql.RangeVar, missingOK bool) (*Schema, *Table, error) {
	s, t, v, err := a.relation(rv.GetSchemaname(), rv.GetRelname())
	if err != nil {
		if missingOK {
			return nil, nil, nil
		}
		return nil, nil, err
	}
	if v != nil {
		return nil, nil, a.errorf(wrongObjectType, "%q is not a table", rv.GetRelname())
	}
	if t == nil {
		if missingOK {
			return nil, nil, nil
		}
		return nil, nil, a.errorf(UndefinedTable, "relation %q does not exist", rvWritten(rv))
	}
	return s, t, nil
}

// relationTaken reports whether name is used by a relation of s: a table,
// view, index or a sequence the fold knows of (serial and identity).
func relationTaken(s *Schema, name string) bool {
	if s.Tables[name] != nil || s.Views[name] != nil {
		return true
	}
	for _, t := range s.Tables {
		for _, ix := range t.Indexes {
			if ix.Name == name {
				return true
			}
		}
		for _, col := range t.Columns {
			if sequenceOf(t, col) == name {
				return true
			}
		}
	}
	for _, v := range s.Views {
		for _, ix := range v.Indexes {
			if ix.Name == name {
				return true
			}
		}
	}
	return false
}

// typeTaken reports whether name is a type of s; tables and views have a
// row type of their own name.
func typeTaken(s *Schema, name string) bool {
	return s.Enums[name] != nil || s.Domains[name] != nil || s.Tables[name] != nil || s.Views[name] != nil
}

// sequenceOf returns the name of the sequence behind a serial or identity
// column, or "".
func sequenceOf(t *Table, col *Column) string {
	if col.Identity != "" {
		return makeObjectName(t.Name, col.Name, "seq")
	}
	if strings.HasPrefix(col.Default, "nextval('") {
		rest := strings.TrimPrefix(col.Default, "nextval('")
		if i := strings.Index(rest, "'"); i > 0 {
			_, name := splitQualified(rest[:i])
			return name
		}
	}
	return ""
}

// splitQualified splits "s.name" (as regclass prints it) into its parts.
func splitQualified(s string) (schema, name string) {
	if i := strings.LastIndexByte(s, '.'); i > 0 && !strings.Contains(s, `"`) {
		return s[:i], s[i+1:]
	}
	return "", strings.Trim(s, `"`)
}

// constraintTaken reports whether a constraint of that name exists on
// any table of s (PostgreSQL's ConstraintNameExists).
func constraintTaken(s *Schema, name string) bool {
	for _, t := range s.Tables {
		if t.Constraint(name) != nil {
			return true
		}
	}
	return false
}

// forgetTombstone removes the tombstone of a name that exists again.
func forgetTombstone(s *Schema, name string) {
	delete(s.Dropped, name)
}

// setVariable handles SET search_path (and ignores other settings).
func (a *applier) setVariable(vs *pgsql.VariableSetStmt) {
	if !strings.EqualFold(vs.GetName(), "search_path") {
		if vs.GetKind() == pgsql.VariableSetKind_VAR_RESET_ALL {
			a.c.SearchPath = []string{"public"}
		}
		return
	}
	switch vs.GetKind() {
	case pgsql.VariableSetKind_VAR_SET_VALUE:
		var path []string
		for _, arg := range vs.GetArgs() {
			if c := arg.GetAConst(); c != nil {
				if s := c.GetSval(); s != nil {
					path = append(path, parseSearchPath(s.GetSval())...)
				}
			} else if cr := arg.GetColumnRef(); cr != nil {
				for _, f := range cr.GetFields() {
					path = append(path, f.GetString_().GetSval())
				}
			}
		}
		a.c.SearchPath = path
	case pgsql.VariableSetKind_VAR_SET_DEFAULT, pgsql.VariableSetKind_VAR_RESET, pgsql.VariableSetKind_VAR_RESET_ALL:
		a.c.SearchPath = []string{"public"}
	}
}

// selectSetConfig handles pg_dump's
// SELECT pg_catalog.set_config('search_path', ”, false).
func (a *applier) selectSetConfig(sel *pgsql.SelectStmt) {
	for _, t := range sel.GetTargetList() {
		fc := t.GetResTarget().GetVal().GetFuncCall()
		if fc == nil {
			continue
		}
		_, name := splitName(strs(fc.GetFuncname()))
		args := fc.GetArgs()
		if name != "set_config" || len(args) < 2 {
			continue
		}
		k, v := args[0].GetAConst().GetSval(), args[1].GetAConst().GetSval()
		if k == nil || v == nil || !strings.EqualFold(k.GetSval(), "search_path") {
			continue
		}
		a.c.SearchPath = parseSearchPath(v.GetSval())
	}
}

// parseSearchPath splits a search_path value: `"$user", public`.
func parseSearchPath(v string) []string {
	out := []string{}
	for _, part := range strings.Split(v, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if strings.HasPrefix(part, `"`) && strings.HasSuffix(part, `"`) && len(part) >= 2 {
			part = strings.ReplaceAll(part[1:len(part)-1], `""`, `"`)
		} else {
			part = strings.ToLower(part)
		}
		out = append(out, part)
	}
	return out
}
