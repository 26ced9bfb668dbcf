package migrationsafety

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// createDomain reports a domain declared with CHECK or NOT NULL
// constraints: changing them later checks every table using the domain
// at once.
func (sc *stmtCheck) createDomain(cd *pgsql.CreateDomainStmt) {
	var kinds []string
	for _, n := range cd.GetConstraints() {
		switch n.GetConstraint().GetContype() {
		case pgsql.ConstrType_CONSTR_CHECK:
			kinds = append(kinds, "CHECK")
		case pgsql.ConstrType_CONSTR_NOTNULL:
			kinds = append(kinds, "NOT NULL")
		}
	}
	if len(kinds) == 0 {
		return
	}
	schema, name := splitQualified(pgsql.Strings(cd.GetDomainname()))
	sc.report("create-domain-with-constraint", fmt.Sprintf(
		"domain %q is declared with %s: adding or changing a domain's constraints later checks every column of the domain in every table at once, under locks that block writes to all of them; declare the domain without constraints and put the CHECK or NOT NULL on each table's column, where NOT VALID and VALIDATE work table by table",
		sqlschema.QualifiedName(schema, name), strings.Join(slices.Compact(kinds), " and ")), nil)
}

// alterDomain reports ALTER DOMAIN ADD CONSTRAINT and SET NOT NULL on a
// domain that existed before the migration: PostgreSQL checks every
// column of the domain in every table, holding a SHARE lock on each; and
// DROP NOT NULL, which lets NULLs into all of them.
func (sc *stmtCheck) alterDomain(ad *pgsql.AlterDomainStmt) {
	sub := ad.GetSubtype()
	if sub != "C" && sub != "O" && sub != "N" {
		return
	}
	schema, name := splitQualified(pgsql.Strings(ad.GetTypeName()))
	d, isNew := sc.mc.domain(schema, name)
	if isNew {
		return
	}
	qname := sqlschema.QualifiedName(schema, name)
	if sub == "N" {
		if d != nil {
			if !d.NotNull {
				return // nothing to drop
			}
			qname = sqlschema.QualifiedName(d.Schema, d.Name)
		}
		sc.report("drop-not-null", fmt.Sprintf(
			"dropping NOT NULL from domain %q lets NULLs into every column of it, which breaks deployed code that reads those columns into non-nullable values; make the code handle NULL and deploy first, then drop the constraint",
			qname), nil)
		return
	}
	// ADD CONSTRAINT ... NOT VALID checks nothing yet, so it locks no
	// table; the check and the locks come with VALIDATE.
	checksNow := sub == "O" || !ad.GetDef().GetConstraint().GetSkipValidation()
	var users []string
	if d != nil {
		qname = sqlschema.QualifiedName(d.Schema, d.Name)
		for _, t := range sc.mc.before.Tables() {
			for _, c := range t.Columns {
				if c.Type == qname || c.Type == qname+"[]" {
					r := sc.mc.resolve(t.Schema, t.Name)
					users = append(users, fmt.Sprintf("%q", r.name))
					if checksNow {
						sc.lock(r, lockShare, "ALTER DOMAIN")
					}
					break
				}
			}
		}
		if len(users) == 0 {
			return // no table uses it: nothing to check
		}
	}
	tables := "every table"
	if len(users) > 0 {
		tables = "every table (" + strings.Join(users, ", ") + ")"
	}
	perTable := "put the CHECK on each table's column instead (ADD CONSTRAINT ... NOT VALID, then VALIDATE CONSTRAINT in a separate transaction)"
	if sub == "O" {
		sc.report("alter-domain-add-constraint", fmt.Sprintf(
			"ALTER DOMAIN %q SET NOT NULL checks every column of the domain in %s, holding a SHARE lock on each that blocks its writes until the check finishes; put CHECK (col IS NOT NULL) NOT VALID on each table's column and VALIDATE it in a separate transaction",
			qname, tables), nil)
		return
	}
	c := ad.GetDef().GetConstraint()
	named := quotedSp(c.GetConname())
	if c.GetSkipValidation() {
		sc.report("alter-domain-add-constraint", fmt.Sprintf(
			"ALTER DOMAIN %q ADD CONSTRAINT%s NOT VALID only postpones the check: VALIDATE CONSTRAINT on a domain checks every column of it in %s at once, under locks held until it finishes; %s",
			qname, named, tables, perTable), nil)
		return
	}
	sc.report("alter-domain-add-constraint", fmt.Sprintf(
		"ALTER DOMAIN %q ADD CONSTRAINT%s checks every column of the domain in %s, holding a SHARE lock on each that blocks its writes until the check finishes; %s",
		qname, named, tables, perTable), nil)
}

// domain finds a domain in the catalog before the statement, and reports
// whether this migration created it.
func (mc *migChecker) domain(schema, name string) (d *sqlschema.Domain, isNew bool) {
	find := func(c *sqlschema.Catalog) *sqlschema.Domain {
		schemas := []string{schema}
		if schema == "" {
			schemas = c.SearchPath
		}
		for _, s := range schemas {
			if sch := c.Schema(s); sch != nil && sch.Domains[name] != nil {
				return sch.Domains[name]
			}
		}
		return nil
	}
	d = find(mc.cat)
	return d, d != nil && find(mc.before) == nil
}

// alterEnum reports ALTER TYPE ... ADD VALUE without BEFORE or AFTER on
// an enum that existed before the migration: the value sorts last.
func (sc *stmtCheck) alterEnum(ae *pgsql.AlterEnumStmt) {
	val := ae.GetNewVal()
	if val == "" || ae.GetOldVal() != "" || ae.GetNewValNeighbor() != "" {
		return
	}
	schema, name := splitQualified(pgsql.Strings(ae.GetTypeName()))
	e := sc.mc.cat.Enum(schema, name)
	qname := sqlschema.QualifiedName(schema, name)
	after := "after every existing value"
	if e != nil {
		qname = sqlschema.QualifiedName(e.Schema, e.Name)
		if sc.mc.before.Enum(e.Schema, e.Name) == nil {
			return // created by this migration
		}
		if slices.Contains(e.Values, val) {
			return // IF NOT EXISTS of a value it has: nothing changes
		}
		if len(e.Values) > 0 {
			after = fmt.Sprintf("after %s, its last value", quoteLiteral(e.Values[len(e.Values)-1]))
		}
	}
	sc.report("add-enum-value-without-position", fmt.Sprintf(
		"ALTER TYPE %q ADD VALUE %s puts the new value %s, so ORDER BY, <, > and BETWEEN on columns of %q treat it as the greatest; say where it belongs with BEFORE or AFTER",
		qname, quoteLiteral(val), after, qname), nil)
}

// splitQualified splits a possibly qualified name into schema and name.
func splitQualified(names []string) (schema, name string) {
	switch len(names) {
	case 0:
		return "", ""
	case 1:
		return "", names[0]
	}
	return names[len(names)-2], names[len(names)-1]
}

// quoteLiteral quotes a string as a SQL literal for a message.
func quoteLiteral(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}
