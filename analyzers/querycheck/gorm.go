package querycheck

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/types"
	"regexp"
	"strings"

	"github.com/dblint/dblint/passes/sqlcall"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// GORM builds its SQL from a chain: db.Model(&User{}).Where("email = ?",
// e).Order("created_at DESC").First(&u). The fragments are SQL over the
// model's table; checking their column names needs the table, which the
// chain names through Model, Table or the finisher's destination.

// gormFragments checks the string fragments of every GORM chain that ends
// in a finisher, against the chain's table.
func (c *checker) gormFragments(calls *sqlcall.Result) {
	if c.cat == nil {
		return
	}
	for _, fin := range calls.Calls {
		if fin.API != sqlcall.Gorm || fin.Kind != sqlcall.KindORM || fin.OtherDatabase != "" {
			continue
		}
		ch := c.gormChain(calls, fin)
		if ch == nil || ch.table == nil {
			continue
		}
		for _, frag := range ch.frags {
			c.gormFragment(frag, ch.table)
		}
	}
}

type gormChain struct {
	table *sqlschema.Table
	frags []*sqlcall.Call
}

// gormChain walks the receiver chain of a finisher. It gives up (nil) on
// chains it cannot read completely: joins bring other tables' columns, and
// a chain built in a variable may have more links elsewhere.
func (c *checker) gormChain(calls *sqlcall.Result, fin *sqlcall.Call) *gormChain {
	ch := &gormChain{}
	var model types.Type
	tableName := ""
	switch name := fin.Callee.Name(); name {
	case "Find", "First", "Take", "Last", "Scan", "Delete", "Updates":
		if len(fin.Expr.Args) > 0 {
			model = c.pass.TypesInfo.TypeOf(fin.Expr.Args[0])
		}
	}
	e := fin.Recv
	for {
		call, ok := ast.Unparen(e).(*ast.CallExpr)
		if !ok {
			break
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			return nil
		}
		switch sel.Sel.Name {
		case "Model":
			if len(call.Args) == 1 {
				model = c.pass.TypesInfo.TypeOf(call.Args[0])
			}
		case "Table":
			tv := c.pass.TypesInfo.Types[call.Args[0]]
			if len(call.Args) != 1 || tv.Value == nil || tv.Value.Kind() != constant.String {
				return nil
			}
			tableName = constant.StringVal(tv.Value)
		case "Joins", "Preload", "InnerJoins", "Scopes", "Raw", "Unscoped":
			return nil
		}
		if fc := calls.ByExpr[call]; fc != nil && fc.Kind == sqlcall.KindFragment {
			ch.frags = append(ch.frags, fc)
		}
		e = sel.X
	}
	if tableName == "" && model != nil {
		tableName = c.gormTableName(model)
	}
	if tableName == "" {
		return nil
	}
	schema, name := "", tableName
	if i := strings.IndexByte(tableName, '.'); i >= 0 {
		schema, name = tableName[:i], tableName[i+1:]
	}
	ch.table = c.cat.Table(schema, name)
	return ch
}

// gormTableName names the model's table: a TableName method declared in
// this package that returns a constant, else GORM's default naming.
func (c *checker) gormTableName(t types.Type) string {
	for {
		switch u := types.Unalias(t).(type) {
		case *types.Pointer:
			t = u.Elem()
			continue
		case *types.Slice:
			t = u.Elem()
			continue
		}
		break
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return ""
	}
	if _, ok := named.Underlying().(*types.Struct); !ok {
		return "" // Count(&n), Pluck into []string, maps: no model
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(named), true, named.Obj().Pkg(), "TableName")
	if fn, ok := obj.(*types.Func); ok {
		return c.constantReturn(fn)
	}
	return sqlcall.GormTableName(named)
}

// constantReturn returns the constant string a method of this package
// returns, or "".
func (c *checker) constantReturn(fn *types.Func) string {
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || c.pass.TypesInfo.Defs[fd.Name] != fn || fd.Body == nil || len(fd.Body.List) != 1 {
				continue
			}
			ret, ok := fd.Body.List[0].(*ast.ReturnStmt)
			if !ok || len(ret.Results) != 1 {
				return ""
			}
			if tv := c.pass.TypesInfo.Types[ret.Results[0]]; tv.Value != nil && tv.Value.Kind() == constant.String {
				return constant.StringVal(tv.Value)
			}
		}
	}
	return ""
}

// inParam turns GORM's "IN ?" (a slice expanded at run time) into
// something PostgreSQL's grammar accepts.
var inParam = regexp.MustCompile(`(?i)\bIN\s+(\$\d+)`)

// gormFragment checks one fragment's column names against the table.
func (c *checker) gormFragment(frag *sqlcall.Call, t *sqlschema.Table) {
	if len(frag.Queries) != 1 {
		return
	}
	q := &frag.Queries[0]
	if q.Dynamic || q.Parsed == "" {
		return
	}
	text := inParam.ReplaceAllString(q.Parsed, "IN ($1)")
	if strings.TrimSpace(text) == "" {
		return
	}
	from := t.QualifiedName()
	var sql string
	var off int // where the fragment starts in sql
	switch frag.Callee.Name() {
	case "Where", "Or", "Not", "Having":
		prefix := "SELECT 1 FROM " + from + " WHERE "
		sql, off = prefix+text, len(prefix)
	case "Order":
		prefix := "SELECT 1 FROM " + from + " ORDER BY "
		sql, off = prefix+text, len(prefix)
	case "Group":
		prefix := "SELECT 1 FROM " + from + " GROUP BY "
		sql, off = prefix+text, len(prefix)
	case "Select":
		prefix := "SELECT "
		sql, off = prefix+text+" FROM "+from, len(prefix)
	default:
		return
	}
	st, err := pgsql.ParseOne(sql)
	if err != nil {
		return // GORM accepts shapes (a bare column list, a struct) that are not SQL alone
	}
	b := sqlschema.Bind(c.cat, st.Node)
	for _, p := range b.Problems {
		if p.Kind != sqlschema.ProblemUnknownColumn && p.Kind != sqlschema.ProblemAmbiguousColumn {
			continue
		}
		pos := c.anchor(frag)
		if p.Offset >= off && inParam.FindStringIndex(q.Parsed) == nil {
			pos = c.onSQLLine(frag, q.PosAtParsed(p.Offset-off))
		}
		msg := p.Message
		if p.Tombstone != nil {
			ts := *p.Tombstone
			ts.By.File = c.rel(ts.By.File)
			msg += "; " + ts.Describe()
		}
		c.r.Report(string(p.Kind), pos, pos, fmt.Sprintf("GORM %s: %s", frag.Callee.Name(), msg))
	}
}
