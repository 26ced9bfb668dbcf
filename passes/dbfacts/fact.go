package dbfacts

import (
	"strings"
)

// QueriesFact is exported on every function and method that executes a
// query, directly or through the functions it calls. It carries one
// representative statement and the chain of calls that reaches it.
//
// It is small and gob-encoded into the vet/analysis fact files.
type QueriesFact struct {
	// Command is SELECT, INSERT, UPDATE, DELETE, MERGE, UPSERT (GORM Save),
	// or the first keyword of another statement; "" when the text is not
	// known at compile time.
	Command string
	// Write is set when the statement changes rows: INSERT, UPDATE,
	// DELETE, MERGE (also inside a WITH), GORM Create, Save, Update(s),
	// Delete and association changes.
	Write bool
	// Table is the main relation: the target of a write, the first
	// relation of a SELECT's FROM; "" when unknown.
	Table string
	// Key is the column a WHERE clause compares with a parameter
	// (customer_id = $1), for remedies; "" when there is none.
	Key string
	// Batched is set when the statement already takes a set of keys or
	// rows: = ANY($1), unnest($1), IN expanded by sqlx.In or GORM, a
	// multi-row VALUES list, a GORM Create of a slice.
	Batched bool
	// Scalar is set for a SELECT that names no table (SELECT
	// pg_notify($1, $2), SELECT nextval('s')): it calls functions, it
	// loads no rows.
	Scalar bool
	// SQL is the statement shortened to about 60 bytes, parts only known
	// at run time shown as "...". For GORM finishers without SQL of their
	// own it is the Go call chain.
	SQL string
	// API and Receiver are those of the call that runs the statement
	// (sqlcall.API and sqlcall.Receiver values).
	API      string
	Receiver string
	// Chain lists the functions from the one the fact is on down to the
	// one that runs the statement, as "pkg.Name" (methods too), at most
	// MaxChain long: ["service.Dashboard", "store.GetCustomer"]. Empty
	// for a direct call's statement (Site.Fact of a direct site).
	Chain []string
}

// MaxChain bounds QueriesFact.Chain; longer chains keep their two first
// and their last function around "...".
const MaxChain = 4

// AFact marks QueriesFact as an analysis fact.
func (*QueriesFact) AFact() {}

// String is what fact expectations in tests match:
//
//	queries(SELECT customers)
//	queries(INSERT audit_log via store.LogEvent)
//	queries(unresolved)
func (f *QueriesFact) String() string {
	var b strings.Builder
	b.WriteString("queries(")
	switch {
	case f.Command == "":
		b.WriteString("unresolved")
	case f.Table == "":
		b.WriteString(f.Command)
	default:
		b.WriteString(f.Command + " " + f.Table)
	}
	if len(f.Chain) > 1 {
		b.WriteString(" via " + strings.Join(f.Chain[1:], " -> "))
	}
	b.WriteString(")")
	return b.String()
}

// Evidence is the chain and the statement, for messages:
// "store.GetCustomer -> SELECT name FROM customers WHERE id = $1".
func (f *QueriesFact) Evidence() string {
	sql := f.SQL
	if sql == "" {
		sql = "a statement whose text is not known at compile time"
	}
	if len(f.Chain) == 0 {
		return sql
	}
	return strings.Join(f.Chain, " -> ") + " -> " + sql
}

// via returns the fact seen from a caller named name: name prepended to
// the chain.
func (f *QueriesFact) via(name string) *QueriesFact {
	g := *f
	g.Chain = capChain(append([]string{name}, f.Chain...))
	return &g
}

func capChain(c []string) []string {
	if len(c) <= MaxChain {
		return c
	}
	return []string{c[0], c[1], "...", c[len(c)-1]}
}

func (f *QueriesFact) equal(g *QueriesFact) bool {
	if f == nil || g == nil {
		return f == g
	}
	if f.Command != g.Command || f.Write != g.Write || f.Table != g.Table || f.Key != g.Key ||
		f.Batched != g.Batched || f.SQL != g.SQL || f.API != g.API || f.Receiver != g.Receiver ||
		len(f.Chain) != len(g.Chain) {
		return false
	}
	for i := range f.Chain {
		if f.Chain[i] != g.Chain[i] {
			return false
		}
	}
	return true
}
