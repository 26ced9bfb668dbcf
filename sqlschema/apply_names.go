package sqlschema

import (
	"strconv"
	"unicode/utf8"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// PostgreSQL's rules for the names it generates: indexes and constraints
// without a name, serial sequences. The functions follow
// src/backend/commands/indexcmds.c and catalog/pg_constraint.c.

// maxIdentLen is NAMEDATALEN-1, the longest identifier in bytes.
const maxIdentLen = 63

// makeObjectName builds name1_name2_label, truncating name1 and name2
// (the longer one first) so that the result fits in an identifier.
func makeObjectName(name1, name2, label string) string {
	n1, n2 := len(name1), len(name2)
	overhead := 0
	if label != "" {
		overhead += len(label) + 1
	}
	if name2 != "" {
		overhead++
	}
	avail := maxIdentLen - overhead
	for n1+n2 > avail {
		if n1 > n2 {
			n1--
		} else {
			n2--
		}
	}
	name := clipUTF8(name1, n1)
	if name2 != "" {
		name += "_" + clipUTF8(name2, n2)
	}
	if label != "" {
		name += "_" + label
	}
	return name
}

// clipUTF8 cuts s to at most n bytes without splitting a character.
func clipUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// chooseRelationName picks name1_name2_label, or with label1, label2, ...
// until no relation of the schema has the name (and, for a constraint's
// index, no constraint either).
func chooseRelationName(s *Schema, name1, name2, label string, isConstraint bool) string {
	mod := label
	for pass := 1; ; pass++ {
		name := makeObjectName(name1, name2, mod)
		if !relationTaken(s, name) && !(isConstraint && constraintTaken(s, name)) {
			return name
		}
		mod = label + strconv.Itoa(pass)
	}
}

// chooseConstraintName picks a constraint name no constraint of the
// schema has.
func chooseConstraintName(s *Schema, name1, name2, label string) string {
	mod := label
	for pass := 1; ; pass++ {
		name := makeObjectName(name1, name2, mod)
		if !constraintTaken(s, name) {
			return name
		}
		mod = label + strconv.Itoa(pass)
	}
}

// nameAddition joins column names with "_" the way
// ChooseIndexNameAddition does, stopping once the result is long enough.
func nameAddition(cols []string) string {
	buf := ""
	for i, c := range cols {
		if i > 0 {
			buf += "_"
		}
		buf += clipUTF8(c, maxIdentLen)
		if len(buf) >= maxIdentLen+1 {
			break
		}
	}
	return buf
}

// indexKind says which label a generated index name gets.
type indexKind int

const (
	plainIndex indexKind = iota
	uniqueConstraintIndex
	primaryKeyIndex
	exclusionIndex
)

// chooseIndexName is PostgreSQL's ChooseIndexName.
func chooseIndexName(s *Schema, table string, colnames []string, kind indexKind) string {
	switch kind {
	case primaryKeyIndex:
		return chooseRelationName(s, table, "", "pkey", true)
	case exclusionIndex:
		return chooseRelationName(s, table, nameAddition(colnames), "excl", true)
	case uniqueConstraintIndex:
		return chooseRelationName(s, table, nameAddition(colnames), "key", true)
	}
	return chooseRelationName(s, table, nameAddition(colnames), "idx", false)
}

// indexColumnNames is ChooseIndexColumnNames: the name of each index
// column (its column, or a name figured from its expression), made
// distinct by numeric suffixes.
func indexColumnNames(names []string) []string {
	out := make([]string, 0, len(names))
	used := map[string]bool{}
	for _, orig := range names {
		cur := orig
		for i := 1; used[cur]; i++ {
			suffix := strconv.Itoa(i)
			cur = clipUTF8(orig, maxIdentLen-len(suffix)) + suffix
		}
		used[cur] = true
		out = append(out, cur)
	}
	return out
}

// figureColname is PostgreSQL's FigureColname: the output name of an
// expression without an alias, and how sure it is (0 none, 1 a type
// name, 2 a real name).
func figureColname(n *pgsql.Node) (string, int) {
	switch x := n.GetNode().(type) {
	case *pgsql.Node_ColumnRef:
		f := x.ColumnRef.GetFields()
		if len(f) > 0 {
			if s := f[len(f)-1].GetString_(); s != nil {
				return s.GetSval(), 2
			}
		}
	case *pgsql.Node_AIndirection:
		ind := x.AIndirection.GetIndirection()
		for i := len(ind) - 1; i >= 0; i-- {
			if s := ind[i].GetString_(); s != nil {
				return s.GetSval(), 2
			}
		}
		return figureColname(x.AIndirection.GetArg())
	case *pgsql.Node_FuncCall:
		_, name := splitName(strs(x.FuncCall.GetFuncname()))
		return name, 2
	case *pgsql.Node_AExpr:
		if x.AExpr.GetKind() == pgsql.A_Expr_Kind_AEXPR_NULLIF {
			return "nullif", 2
		}
	case *pgsql.Node_TypeCast:
		name, strength := figureColname(x.TypeCast.GetArg())
		if strength <= 1 && x.TypeCast.GetTypeName() != nil {
			_, tn := splitName(strs(x.TypeCast.GetTypeName().GetNames()))
			return tn, 1
		}
		return name, strength
	case *pgsql.Node_CollateClause:
		return figureColname(x.CollateClause.GetArg())
	case *pgsql.Node_GroupingFunc:
		return "grouping", 2
	case *pgsql.Node_SubLink:
		switch x.SubLink.GetSubLinkType() {
		case pgsql.SubLinkType_EXISTS_SUBLINK:
			return "exists", 2
		case pgsql.SubLinkType_ARRAY_SUBLINK:
			return "array", 2
		case pgsql.SubLinkType_EXPR_SUBLINK, pgsql.SubLinkType_MULTIEXPR_SUBLINK:
			if sel := x.SubLink.GetSubselect().GetSelectStmt(); sel != nil {
				for sel.GetOp() != pgsql.SetOperation_SETOP_NONE && sel.GetLarg() != nil {
					sel = sel.GetLarg()
				}
				if tl := sel.GetTargetList(); len(tl) > 0 {
					rt := tl[0].GetResTarget()
					if rt.GetName() != "" {
						return rt.GetName(), 2
					}
					if name, st := figureColname(rt.GetVal()); st > 0 {
						return name, 2
					}
				}
			}
		}
	case *pgsql.Node_CaseExpr:
		name, strength := figureColname(x.CaseExpr.GetDefresult())
		if strength <= 1 {
			return "case", 1
		}
		return name, strength
	case *pgsql.Node_AArrayExpr:
		return "array", 2
	case *pgsql.Node_RowExpr:
		return "row", 2
	case *pgsql.Node_CoalesceExpr:
		return "coalesce", 2
	case *pgsql.Node_MinMaxExpr:
		if x.MinMaxExpr.GetOp() == pgsql.MinMaxOp_IS_GREATEST {
			return "greatest", 2
		}
		return "least", 2
	case *pgsql.Node_SqlvalueFunction:
		switch x.SqlvalueFunction.GetOp() {
		case pgsql.SQLValueFunctionOp_SVFOP_CURRENT_DATE:
			return "current_date", 2
		case pgsql.SQLValueFunctionOp_SVFOP_CURRENT_TIME, pgsql.SQLValueFunctionOp_SVFOP_CURRENT_TIME_N:
			return "current_time", 2
		case pgsql.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP, pgsql.SQLValueFunctionOp_SVFOP_CURRENT_TIMESTAMP_N:
			return "current_timestamp", 2
		case pgsql.SQLValueFunctionOp_SVFOP_LOCALTIME, pgsql.SQLValueFunctionOp_SVFOP_LOCALTIME_N:
			return "localtime", 2
		case pgsql.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP, pgsql.SQLValueFunctionOp_SVFOP_LOCALTIMESTAMP_N:
			return "localtimestamp", 2
		case pgsql.SQLValueFunctionOp_SVFOP_CURRENT_ROLE:
			return "current_role", 2
		case pgsql.SQLValueFunctionOp_SVFOP_CURRENT_USER:
			return "current_user", 2
		case pgsql.SQLValueFunctionOp_SVFOP_USER:
			return "user", 2
		case pgsql.SQLValueFunctionOp_SVFOP_SESSION_USER:
			return "session_user", 2
		case pgsql.SQLValueFunctionOp_SVFOP_CURRENT_CATALOG:
			return "current_catalog", 2
		case pgsql.SQLValueFunctionOp_SVFOP_CURRENT_SCHEMA:
			return "current_schema", 2
		}
	case *pgsql.Node_BooleanTest, *pgsql.Node_NullTest, *pgsql.Node_BoolExpr:
		return "", 0
	}
	return "", 0
}

// indexExprColname is the name an index column on an expression gets.
func indexExprColname(n *pgsql.Node) string {
	if name, st := figureColname(n); st > 0 {
		return name
	}
	return "expr"
}

// exprColname re-parses a printed expression and figures its index column
// name (cloned indexes keep the names their original's columns had).
func exprColname(expr string) string {
	n := parseExpr(expr)
	if n == nil {
		return "expr"
	}
	return indexExprColname(n)
}

// parseExpr parses a printed expression; nil if it does not parse. The
// tree is private to the caller (not from the shared parse cache).
func parseExpr(expr string) *pgsql.Node {
	res, err := pgsql.ParseUncached("SELECT " + expr)
	if err != nil || len(res.Statements) != 1 {
		return nil
	}
	tl := res.Statements[0].Node.GetSelectStmt().GetTargetList()
	if len(tl) != 1 {
		return nil
	}
	return tl[0].GetResTarget().GetVal()
}
