package schemadesign

import (
	"fmt"
	"strings"

	"github.com/dblint/dblint/sqlschema"
)

// tables reviews every table of the final schema.
func (c *checker) tables() {
	for _, t := range c.cat.Tables() {
		if t.PartitionOf != "" {
			continue // a partition's keys are its parent's
		}
		c.primaryKey(t)
		for _, col := range t.Columns {
			c.foreignKey(t, col)
			c.floatMoney(t, col)
		}
	}
}

// primaryKey reports a table with no primary key and no unique index.
func (c *checker) primaryKey(t *sqlschema.Table) {
	if t.PrimaryKey() != nil {
		return
	}
	for _, ix := range t.Indexes {
		if ix.Unique {
			return
		}
	}
	for _, k := range t.Constraints {
		if k.Kind == sqlschema.Unique {
			return
		}
	}
	msg := fmt.Sprintf("table %q has no primary key (nor any unique index): duplicate rows cannot be told apart or updated one at a time, and UPDATE and DELETE fail on it once it is published for logical replication; add a primary key (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, or PRIMARY KEY over the columns that identify a row)",
		t.QualifiedName())
	c.reportSource(ruleNoPK, t.Source, "", msg)
}

// foreignKey reports a column named <table>_id or <singular>_id of the
// type of that table's single-column primary key, with no foreign key.
func (c *checker) foreignKey(t *sqlschema.Table, col *sqlschema.Column) {
	base, ok := strings.CutSuffix(col.Name, "_id")
	if !ok || base == "" {
		return
	}
	ref := c.referencedTable(t.Schema, base)
	if ref == nil {
		return
	}
	pk := ref.PrimaryKey()
	if pk == nil || len(pk.Columns) != 1 {
		return
	}
	key := ref.Column(pk.Columns[0])
	if key == nil || key.Type != col.Type || (ref == t && key == col) {
		return
	}
	for _, fk := range t.ForeignKeys() {
		for _, fc := range fk.Columns {
			if fc == col.Name {
				return
			}
		}
	}
	name := truncateName(t.Name + "_" + col.Name + "_fkey")
	msg := fmt.Sprintf("column %q of %q looks like a reference to %q (%s) but has no foreign key: nothing stops it from pointing at a row that does not exist, or outliving a deleted one; add ALTER TABLE %s ADD CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s) NOT VALID, then VALIDATE CONSTRAINT %s",
		col.Name, t.QualifiedName(), ref.QualifiedName(), key.Name, t.QualifiedName(), name, col.Name, ref.QualifiedName(), key.Name, name)
	c.reportSource(ruleMissingFK, col.Source, col.Name, msg)
}

// referencedTable finds the one table a <base>_id column names: base
// pluralised by the regular English rules (order -> orders, status ->
// statuses, category -> categories) or base itself, in the column's
// schema or on the search path. Irregular plurals (person -> people) are
// not guessed; two candidates are ambiguous and give nil.
func (c *checker) referencedTable(schema, base string) *sqlschema.Table {
	var found *sqlschema.Table
	for _, name := range plurals(base) {
		t := c.cat.Table(schema, name)
		if t == nil {
			t = c.cat.Table("", name)
		}
		if t == nil || t == found {
			continue
		}
		if found != nil {
			return nil
		}
		found = t
	}
	return found
}

func plurals(base string) []string {
	out := []string{base}
	switch {
	case strings.HasSuffix(base, "s"), strings.HasSuffix(base, "x"), strings.HasSuffix(base, "z"),
		strings.HasSuffix(base, "ch"), strings.HasSuffix(base, "sh"):
		out = append(out, base+"es")
	case strings.HasSuffix(base, "y") && len(base) > 1 && !strings.ContainsRune("aeiou", rune(base[len(base)-2])):
		out = append(out, base[:len(base)-1]+"ies")
	default:
		out = append(out, base+"s")
	}
	return out
}

// truncateName cuts an identifier to PostgreSQL's 63 bytes.
func truncateName(s string) string {
	if len(s) > 63 {
		return s[:63]
	}
	return s
}

// moneyWords are column names, or last words of snake_case names, that
// hold amounts of money.
var moneyWords = map[string]bool{
	"price": true, "amount": true, "cost": true, "total": true, "subtotal": true,
	"balance": true, "fee": true, "tax": true, "salary": true, "wage": true, "cents": true,
}

var floatTypes = map[string]string{"float4": "real", "float8": "double precision"}

// floatMoney reports a binary floating-point column named like money.
func (c *checker) floatMoney(t *sqlschema.Table, col *sqlschema.Column) {
	typ, ok := floatTypes[strings.TrimSuffix(col.Type, "[]")]
	if !ok {
		return
	}
	name := strings.ToLower(col.Name)
	words := strings.Split(name, "_")
	last := words[len(words)-1]
	if !moneyWords[last] {
		return
	}
	remedy := "use numeric (numeric(12,2), or the precision the currency needs) or an integer number of cents"
	if last == "cents" {
		remedy = "use bigint: a number of cents is an integer"
	}
	msg := fmt.Sprintf("column %q of %q holds money in %s, a binary floating-point type: amounts like 0.10 are stored inexactly and sums drift by fractions of a cent; %s",
		col.Name, t.QualifiedName(), typ, remedy)
	c.reportSource(ruleFloatMoney, col.Source, col.Name, msg)
}
