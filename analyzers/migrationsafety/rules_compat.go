package migrationsafety

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// objectKind is what drop-object and rename-object call an object kind,
// and what deployed code sees once it is gone.
type objectKind struct {
	word   string // "view"
	broken string // what fails: "queries on it fail"
}

var objectKinds = map[pgsql.ObjectType]objectKind{
	pgsql.ObjectType_OBJECT_VIEW:      {"view", "queries on it fail with relation does not exist"},
	pgsql.ObjectType_OBJECT_MATVIEW:   {"materialized view", "queries on it fail with relation does not exist"},
	pgsql.ObjectType_OBJECT_TYPE:      {"type", "casts and columns of it fail with type does not exist"},
	pgsql.ObjectType_OBJECT_DOMAIN:    {"domain", "casts to it fail with type does not exist"},
	pgsql.ObjectType_OBJECT_SEQUENCE:  {"sequence", "nextval on it fails with relation does not exist"},
	pgsql.ObjectType_OBJECT_FUNCTION:  {"function", "calls fail with function does not exist"},
	pgsql.ObjectType_OBJECT_PROCEDURE: {"procedure", "CALLs fail with procedure does not exist"},
	pgsql.ObjectType_OBJECT_ROUTINE:   {"routine", "calls fail with function does not exist"},
	pgsql.ObjectType_OBJECT_EXTENSION: {"extension", "the functions, types and operators it provides disappear"},
}

// objectName is the last part of the name an object node spells: a
// qualified-name list, a type name, a function with arguments, a string.
func objectName(n *pgsql.Node) string {
	if n == nil {
		return ""
	}
	if s := pgsql.StringValue(n); s != "" {
		return s
	}
	var names []string
	switch {
	case n.GetList() != nil:
		names = pgsql.Strings(n.GetList().GetItems())
	case n.GetTypeName() != nil:
		names = pgsql.Strings(n.GetTypeName().GetNames())
	case n.GetObjectWithArgs() != nil:
		names = pgsql.Strings(n.GetObjectWithArgs().GetObjname())
	}
	if len(names) == 0 {
		return ""
	}
	return names[len(names)-1]
}

// createdName returns the kind and name a CREATE statement makes, for
// the kinds drop-object and rename-object know.
func createdName(n *pgsql.Node) (pgsql.ObjectType, string) {
	last := func(names []string) string {
		if len(names) == 0 {
			return ""
		}
		return names[len(names)-1]
	}
	switch x := n.GetNode().(type) {
	case *pgsql.Node_ViewStmt:
		return pgsql.ObjectType_OBJECT_VIEW, x.ViewStmt.GetView().GetRelname()
	case *pgsql.Node_CreateTableAsStmt:
		if x.CreateTableAsStmt.GetObjtype() == pgsql.ObjectType_OBJECT_MATVIEW {
			return pgsql.ObjectType_OBJECT_MATVIEW, x.CreateTableAsStmt.GetInto().GetRel().GetRelname()
		}
	case *pgsql.Node_CompositeTypeStmt:
		return pgsql.ObjectType_OBJECT_TYPE, x.CompositeTypeStmt.GetTypevar().GetRelname()
	case *pgsql.Node_CreateEnumStmt:
		return pgsql.ObjectType_OBJECT_TYPE, last(pgsql.Strings(x.CreateEnumStmt.GetTypeName()))
	case *pgsql.Node_CreateDomainStmt:
		return pgsql.ObjectType_OBJECT_DOMAIN, last(pgsql.Strings(x.CreateDomainStmt.GetDomainname()))
	case *pgsql.Node_CreateSeqStmt:
		return pgsql.ObjectType_OBJECT_SEQUENCE, x.CreateSeqStmt.GetSequence().GetRelname()
	case *pgsql.Node_CreateFunctionStmt:
		kind := pgsql.ObjectType_OBJECT_FUNCTION
		if x.CreateFunctionStmt.GetIsProcedure() {
			kind = pgsql.ObjectType_OBJECT_PROCEDURE
		}
		return kind, last(pgsql.Strings(x.CreateFunctionStmt.GetFuncname()))
	case *pgsql.Node_CreateExtensionStmt:
		return pgsql.ObjectType_OBJECT_EXTENSION, x.CreateExtensionStmt.GetExtname()
	}
	return 0, ""
}

// sameKind reports whether a created kind makes an object of the kind a
// statement names (a DROP TYPE can name an enum or a composite type, a
// DROP ROUTINE a function or a procedure).
func sameKind(created, named pgsql.ObjectType) bool {
	switch named {
	case pgsql.ObjectType_OBJECT_ROUTINE:
		return created == pgsql.ObjectType_OBJECT_FUNCTION || created == pgsql.ObjectType_OBJECT_PROCEDURE
	case pgsql.ObjectType_OBJECT_TYPE:
		return created == pgsql.ObjectType_OBJECT_TYPE || created == pgsql.ObjectType_OBJECT_DOMAIN
	}
	return created == named
}

// createdInScript reports whether another statement of this script
// creates an object of the kind and name: one created earlier is new,
// and one dropped to be created again (DROP VIEW v; CREATE VIEW v ...)
// is still there for deployed code once the migration commits.
func (sc *stmtCheck) createdInScript(kind pgsql.ObjectType, name string) bool {
	for j := range sc.ss.s.Statements {
		if j == sc.i {
			continue
		}
		if k, n := createdName(sc.ss.s.Statements[j].Node); n == name && sameKind(k, kind) {
			return true
		}
	}
	return false
}

// knownMissing reports whether the catalog tracks objects of the kind
// and has none of the name: a DROP ... IF EXISTS of it does nothing.
func (sc *stmtCheck) knownMissing(kind pgsql.ObjectType, names []string) bool {
	schema, name := splitQualified(names)
	switch kind {
	case pgsql.ObjectType_OBJECT_VIEW, pgsql.ObjectType_OBJECT_MATVIEW:
		return sc.mc.cat.View(schema, name) == nil
	case pgsql.ObjectType_OBJECT_TYPE, pgsql.ObjectType_OBJECT_DOMAIN:
		d, _ := sc.mc.domain(schema, name)
		return d == nil && sc.mc.cat.Enum(schema, name) == nil
	case pgsql.ObjectType_OBJECT_EXTENSION:
		return !sc.mc.cat.Extensions[name]
	}
	return false
}

// dropObject reports DROP VIEW, TYPE, DOMAIN, SEQUENCE, FUNCTION,
// PROCEDURE and EXTENSION of objects deployed code may still use.
func (sc *stmtCheck) dropObject(ds *pgsql.DropStmt) {
	kind, ok := objectKinds[ds.GetRemoveType()]
	if !ok {
		return
	}
	for _, o := range ds.GetObjects() {
		name := objectName(o)
		if name == "" || sc.createdInScript(ds.GetRemoveType(), name) {
			continue
		}
		var names []string
		if l := o.GetList(); l != nil {
			names = pgsql.Strings(l.GetItems())
		} else if tn := o.GetTypeName(); tn != nil {
			names = pgsql.Strings(tn.GetNames())
		} else {
			names = []string{name}
		}
		switch ds.GetRemoveType() {
		case pgsql.ObjectType_OBJECT_VIEW, pgsql.ObjectType_OBJECT_MATVIEW:
			schema, n := splitQualified(names)
			if r := sc.mc.resolve(schema, n); r.isNew {
				continue
			}
		}
		if ds.GetMissingOk() && sc.knownMissing(ds.GetRemoveType(), names) {
			continue
		}
		cascade := ""
		if ds.GetBehavior() == pgsql.DropBehavior_DROP_CASCADE {
			cascade = ", and CASCADE also drops every object that depends on it"
		}
		sc.report("drop-object", fmt.Sprintf(
			"dropping %s %q breaks deployed code that still uses it (%s)%s; stop using it in code and deploy first, then drop it in a later migration",
			kind.word, name, kind.broken, cascade), nil)
	}
}

// renameObject reports renaming a view, type, domain, sequence, function
// or schema that existed before the migration.
func (sc *stmtCheck) renameObject(rs *pgsql.RenameStmt) {
	kind, ok := objectKinds[rs.GetRenameType()]
	if !ok && rs.GetRenameType() != pgsql.ObjectType_OBJECT_SCHEMA {
		return
	}
	var name string
	switch rs.GetRenameType() {
	case pgsql.ObjectType_OBJECT_SCHEMA:
		kind, name = objectKind{word: "schema"}, rs.GetSubname()
		if sc.mc.before.Schema(name) == nil {
			return
		}
	case pgsql.ObjectType_OBJECT_VIEW, pgsql.ObjectType_OBJECT_MATVIEW, pgsql.ObjectType_OBJECT_SEQUENCE:
		rv := rs.GetRelation()
		name = rv.GetRelname()
		if r := sc.mc.resolveRV(rv); r.isNew {
			sc.renamedFrom = r.key
			return
		}
	default:
		name = objectName(rs.GetObject())
	}
	if name == "" || sc.createdInScript(rs.GetRenameType(), name) {
		return
	}
	sc.report("rename-object", fmt.Sprintf(
		"renaming %s %q to %q breaks deployed code that still uses the old name until every instance is redeployed; move the code to the new name first (for a view, create it under the new name and drop the old one once nothing uses it)",
		kind.word, name, rs.GetNewname()), nil)
}

// renameEnumValue reports ALTER TYPE ... RENAME VALUE on an enum that
// existed before the migration.
func (sc *stmtCheck) renameEnumValue(ae *pgsql.AlterEnumStmt) {
	schema, name := splitQualified(pgsql.Strings(ae.GetTypeName()))
	if e := sc.mc.cat.Enum(schema, name); e != nil && sc.mc.before.Enum(e.Schema, e.Name) == nil {
		return // created by this migration
	}
	sc.report("rename-object", fmt.Sprintf(
		"renaming value %s of enum %q to %s breaks deployed code and stored queries that still write or compare the old value; add the new value, move code and rows over, then stop using the old one",
		quoteLiteral(ae.GetOldVal()), name, quoteLiteral(ae.GetNewVal())), nil)
}

// setSchema reports ALTER ... SET SCHEMA of an object that existed before
// the migration.
func (sc *stmtCheck) setSchema(as *pgsql.AlterObjectSchemaStmt) {
	word := ""
	var name string
	switch as.GetObjectType() {
	case pgsql.ObjectType_OBJECT_TABLE, pgsql.ObjectType_OBJECT_VIEW, pgsql.ObjectType_OBJECT_MATVIEW, pgsql.ObjectType_OBJECT_SEQUENCE:
		r := sc.mc.resolveRV(as.GetRelation())
		if r.isNew || (r.table == nil && as.GetMissingOk()) {
			return
		}
		if as.GetObjectType() == pgsql.ObjectType_OBJECT_TABLE {
			word = "table"
			sc.lock(r, lockAccessExclusive, "ALTER TABLE SET SCHEMA")
		} else {
			word = objectKinds[as.GetObjectType()].word
		}
		name = as.GetRelation().GetRelname()
	default:
		kind, ok := objectKinds[as.GetObjectType()]
		if !ok {
			return
		}
		word, name = kind.word, objectName(as.GetObject())
	}
	if name == "" || sc.createdInScript(as.GetObjectType(), name) {
		return
	}
	sc.report("rename-object", fmt.Sprintf(
		"moving %s %q to schema %q breaks deployed code that names it with its old schema, or whose search_path lacks the new one; move the code first (a view with the old name can bridge a table), then move the object",
		word, name, as.GetNewschema()), nil)
}

// dropDefault reports ALTER COLUMN DROP DEFAULT and DROP EXPRESSION on a
// column that existed before the migration: INSERTs that omit it stop
// getting a value.
func (sc *stmtCheck) dropDefault(r relation, cmd *pgsql.AlterTableCmd) {
	colName := cmd.GetName()
	if sc.mc.columnIsNew(r, colName) {
		return
	}
	col := tableColumn(r, colName)
	if cmd.GetSubtype() == pgsql.AlterTableType_AT_DropExpression {
		if col != nil && col.Generated == "" {
			return
		}
		sc.report("drop-default", fmt.Sprintf(
			"DROP EXPRESSION turns generated column %q of %q into a plain one, so rows deployed code inserts or updates no longer get the computed value; make the code write the column and deploy first, then drop the expression",
			colName, r.name), nil)
		return
	}
	if col != nil && col.Default == "" {
		return // no default to drop
	}
	fails := ""
	if col == nil || col.NotNull {
		fails = " (or fail, as the column is NOT NULL)"
	}
	sc.report("drop-default", fmt.Sprintf(
		"dropping the default of column %q of %q makes INSERTs from deployed code that omit the column write NULL%s; make the code set the column and deploy first, then drop the default",
		colName, r.name, fails), nil)
}

// maxIdentifierBytes is NAMEDATALEN-1: PostgreSQL truncates longer names.
const maxIdentifierBytes = 63

// longIdentifiers reports identifiers PostgreSQL truncates. The parser
// has already truncated them in the tree, so the statement's text is
// scanned: bare and quoted identifiers, skipping literals and comments.
func (sc *stmtCheck) longIdentifiers() {
	text := sc.st.Text
	seen := map[string]bool{}
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '\'' || (c == 'E' || c == 'e') && i+1 < len(text) && text[i+1] == '\'':
			if c != '\'' {
				i++
			}
			i = skipQuoted(text, i, '\'')
		case c == '$':
			if tag := dollarTag(text[i:]); tag != "" {
				if k := strings.Index(text[i+len(tag):], tag); k >= 0 {
					i += len(tag) + k + len(tag)
					continue
				}
				return
			}
			i++
		case c == '-' && i+1 < len(text) && text[i+1] == '-':
			if nl := strings.IndexByte(text[i:], '\n'); nl >= 0 {
				i += nl
			} else {
				return
			}
		case c == '/' && i+1 < len(text) && text[i+1] == '*':
			if k := strings.Index(text[i+2:], "*/"); k >= 0 {
				i += k + 4
			} else {
				return
			}
		case c == '"':
			j := skipQuoted(text, i, '"')
			sc.longIdentifier(strings.ReplaceAll(text[i+1:max(i+1, j-1)], `""`, `"`), i, j, seen)
			i = j
		case isIdentByte(c) && !(c >= '0' && c <= '9') && c != '$':
			j := i
			for j < len(text) && isIdentByte(text[j]) {
				j++
			}
			sc.longIdentifier(strings.ToLower(text[i:j]), i, j, seen)
			i = j
		case c >= '0' && c <= '9':
			for i < len(text) && isIdentByte(text[i]) {
				i++
			}
		default:
			i++
		}
	}
}

// skipQuoted returns the offset just past the quoted text starting at i
// (doubled quotes stay inside).
func skipQuoted(text string, i int, q byte) int {
	for j := i + 1; j < len(text); j++ {
		if text[j] == q {
			if j+1 < len(text) && text[j+1] == q {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(text)
}

// longIdentifier reports name, written at [i, j) of the statement's
// text, when PostgreSQL truncates it.
func (sc *stmtCheck) longIdentifier(name string, i, j int, seen map[string]bool) {
	if len(name) <= maxIdentifierBytes || seen[name] {
		return
	}
	seen[name] = true
	cut := maxIdentifierBytes
	for cut > 0 && !utf8.RuneStart(name[cut]) {
		cut--
	}
	off := sc.st.Pos.Offset
	sc.reportAt("identifier-too-long", off+i, off+j, fmt.Sprintf(
		"identifier %q is %d bytes long and PostgreSQL truncates it to 63 bytes (%q), so the object gets a name the migration does not spell and two names sharing those bytes collide; shorten it",
		name, len(name), name[:cut]), nil)
}

func isIdentByte(c byte) bool {
	return c == '_' || c == '$' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= utf8.RuneSelf
}
