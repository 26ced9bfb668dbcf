package migrationsafety

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dblint/dblint/passes/migrations"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// isWork reports whether a statement changes something a rerun of the
// migration would trip over: everything but settings, SHOW, transaction
// control and plain SELECT.
func isWork(n *pgsql.Node) bool {
	switch x := n.GetNode().(type) {
	case *pgsql.Node_VariableSetStmt, *pgsql.Node_VariableShowStmt, *pgsql.Node_TransactionStmt:
		return false
	case *pgsql.Node_SelectStmt:
		return x.SelectStmt.GetIntoClause() != nil
	}
	return true
}

// lastWorkIndex returns the index of the script's last statement that
// does work, or -1.
func (ss *scriptState) lastWorkIndex() int {
	for i := len(ss.s.Statements) - 1; i >= 0; i-- {
		if isWork(ss.s.Statements[i].Node) {
			return i
		}
	}
	return -1
}

var (
	createTableRE = regexp.MustCompile(`(?is)^create\s+(?:(?:(?:global|local)\s+)?(?:temporary|temp)\s+|unlogged\s+)?table`)
	dropObjectRE  = regexp.MustCompile(`(?is)^drop\s+(?:materialized\s+view|table|index(?:\s+concurrently)?|view|sequence|type|domain|schema)`)
)

// robust reports, for prefer-robust-stmts, a statement that commits on
// its own (outside any transaction), before a later statement of the
// script, and that a rerun of the migration fails on once it has
// committed: the later statement failing leaves the migration
// half-applied, and the rerun then stops at a statement that worked.
// Statements in a transaction are rolled back with the failure, and the
// last statement of a script is the one that failed, so the error of
// the rerun points at it; both are silent.
func (sc *stmtCheck) robust() {
	if sc.inTx() || sc.i >= sc.ss.lastWork {
		return
	}
	report := func(what, because, remedy string, fix *Fix) {
		sc.report("prefer-robust-stmts", fmt.Sprintf(
			"%s runs outside a transaction and commits before the statements after it, so if one of them fails, rerunning the migration fails here because %s; %s",
			what, because, remedy), fix)
	}
	orTx := " (or run the migration in a transaction)"
	switch n := sc.st.Node.GetNode().(type) {
	case *pgsql.Node_IndexStmt:
		ix := n.IndexStmt
		name := ix.GetIdxname()
		if name == "" || ix.GetIfNotExists() {
			return
		}
		if ix.GetConcurrent() {
			// IF NOT EXISTS would also skip the invalid index a
			// failed build leaves behind.
			if !sc.droppedJustBefore(name) {
				report(fmt.Sprintf("CREATE INDEX CONCURRENTLY %q", name), "the index already exists",
					fmt.Sprintf("run DROP INDEX CONCURRENTLY IF EXISTS %s just before it (IF NOT EXISTS would keep an invalid index left by a failed build)", quoteIdent(name)), nil)
			}
			return
		}
		report(fmt.Sprintf("CREATE INDEX %q", name), "the index already exists", "use CREATE INDEX IF NOT EXISTS"+orTx,
			sc.insertAfter(createIndexRE, "Add IF NOT EXISTS", " IF NOT EXISTS"))
	case *pgsql.Node_CreateStmt:
		cs := n.CreateStmt
		if cs.GetIfNotExists() {
			return
		}
		if cs.GetRelation().GetRelpersistence() == "t" && cs.GetOncommit() == pgsql.OnCommitAction_ONCOMMIT_DROP {
			return
		}
		r := sc.mc.resolveRV(cs.GetRelation())
		report(fmt.Sprintf("CREATE TABLE %q", r.name), "the table already exists", "use CREATE TABLE IF NOT EXISTS"+orTx,
			sc.insertAfter(createTableRE, "Add IF NOT EXISTS", " IF NOT EXISTS"))
	case *pgsql.Node_DropStmt:
		ds := n.DropStmt
		if ds.GetMissingOk() {
			return
		}
		kind, ok := dropKinds[ds.GetRemoveType()]
		if !ok {
			return
		}
		what := "DROP " + kind
		if objs := ds.GetObjects(); len(objs) == 1 {
			if name := dropObjectName(objs[0]); name != "" {
				what += fmt.Sprintf(" %q", name)
			}
		}
		report(what, "it is already gone", "use DROP "+kind+" IF EXISTS"+orTx,
			sc.insertAfter(dropObjectRE, "Add IF EXISTS", " IF EXISTS"))
	case *pgsql.Node_AlterTableStmt:
		if n.AlterTableStmt.GetObjtype() != pgsql.ObjectType_OBJECT_TABLE {
			return
		}
		r := sc.mc.resolveRV(n.AlterTableStmt.GetRelation())
		for _, c := range n.AlterTableStmt.GetCmds() {
			cmd := c.GetAlterTableCmd()
			switch cmd.GetSubtype() {
			case pgsql.AlterTableType_AT_AddColumn:
				if !cmd.GetMissingOk() {
					col := cmd.GetDef().GetColumnDef().GetColname()
					report(fmt.Sprintf("ADD COLUMN %q to %q", col, r.name), "the column already exists", "use ADD COLUMN IF NOT EXISTS"+orTx, nil)
				}
			case pgsql.AlterTableType_AT_DropColumn:
				if !cmd.GetMissingOk() {
					report(fmt.Sprintf("DROP COLUMN %q of %q", cmd.GetName(), r.name), "it is already gone", "use DROP COLUMN IF EXISTS"+orTx, nil)
				}
			case pgsql.AlterTableType_AT_DropConstraint:
				if !cmd.GetMissingOk() {
					report(fmt.Sprintf("DROP CONSTRAINT %q of %q", cmd.GetName(), r.name), "it is already gone", "use DROP CONSTRAINT IF EXISTS"+orTx, nil)
				}
			case pgsql.AlterTableType_AT_AddConstraint:
				name := cmd.GetDef().GetConstraint().GetConname()
				switch {
				case name == "":
					sc.report("prefer-robust-stmts", fmt.Sprintf(
						"adding an unnamed constraint to %q runs outside a transaction and commits before the statements after it, so if one of them fails, rerunning the migration adds it a second time (or fails, for a key); name the constraint and DROP CONSTRAINT IF EXISTS it just before%s",
						r.name, orTx), nil)
				case !sc.constraintDroppedBefore(r, name):
					report(fmt.Sprintf("ADD CONSTRAINT %q to %q", name, r.name), "the constraint already exists",
						fmt.Sprintf("run ALTER TABLE %s DROP CONSTRAINT IF EXISTS %s before it%s", quoteQualified(r.name), quoteIdent(name), orTx), nil)
				}
			case pgsql.AlterTableType_AT_AttachPartition, pgsql.AlterTableType_AT_DetachPartition:
				report(fmt.Sprintf("ATTACH or DETACH PARTITION on %q", r.name), "the partition is already attached or detached",
					"move it to a migration of its own"+orTx, nil)
			}
		}
	case *pgsql.Node_RenameStmt:
		rs := n.RenameStmt
		what := "RENAME"
		switch rs.GetRenameType() {
		case pgsql.ObjectType_OBJECT_COLUMN:
			what = fmt.Sprintf("RENAME COLUMN %q of %q", rs.GetSubname(), sc.mc.resolveRV(rs.GetRelation()).name)
		case pgsql.ObjectType_OBJECT_TABLE:
			what = fmt.Sprintf("RENAME of table %q", sc.mc.resolveRV(rs.GetRelation()).name)
		case pgsql.ObjectType_OBJECT_TABCONSTRAINT:
			what = fmt.Sprintf("RENAME CONSTRAINT %q", rs.GetSubname())
		}
		report(what, "the old name is gone", "move it to a migration that runs in a transaction", nil)
	}
}

// dropKinds names the object kinds of DROP statements for messages.
var dropKinds = map[pgsql.ObjectType]string{
	pgsql.ObjectType_OBJECT_TABLE:    "TABLE",
	pgsql.ObjectType_OBJECT_INDEX:    "INDEX",
	pgsql.ObjectType_OBJECT_VIEW:     "VIEW",
	pgsql.ObjectType_OBJECT_MATVIEW:  "MATERIALIZED VIEW",
	pgsql.ObjectType_OBJECT_SEQUENCE: "SEQUENCE",
	pgsql.ObjectType_OBJECT_TYPE:     "TYPE",
	pgsql.ObjectType_OBJECT_DOMAIN:   "DOMAIN",
	pgsql.ObjectType_OBJECT_SCHEMA:   "SCHEMA",
}

// dropObjectName is the last part of a dropped object's name.
func dropObjectName(n *pgsql.Node) string {
	if s := pgsql.StringValue(n); s != "" {
		return s
	}
	if names := pgsql.Strings(n.GetList().GetItems()); len(names) > 0 {
		return names[len(names)-1]
	}
	if tn := n.GetTypeName(); tn != nil {
		if names := pgsql.Strings(tn.GetNames()); len(names) > 0 {
			return names[len(names)-1]
		}
	}
	return ""
}

// constraintDroppedBefore reports whether an earlier statement of the
// script drops the constraint IF EXISTS (the rerunnable way to add it).
func (sc *stmtCheck) constraintDroppedBefore(r relation, name string) bool {
	for j := sc.i - 1; j >= 0; j-- {
		at := sc.ss.s.Statements[j].Node.GetAlterTableStmt()
		if at == nil || sc.mc.resolveRV(at.GetRelation()).key != r.key {
			continue
		}
		for _, c := range at.GetCmds() {
			cmd := c.GetAlterTableCmd()
			if cmd.GetSubtype() == pgsql.AlterTableType_AT_DropConstraint && cmd.GetMissingOk() && cmd.GetName() == name {
				return true
			}
		}
	}
	return false
}

// insertAfter is a fix that inserts text after the statement prefix re
// matches.
func (sc *stmtCheck) insertAfter(re *regexp.Regexp, msg, text string) *Fix {
	m := re.FindStringIndex(sc.st.Text)
	if m == nil {
		return nil
	}
	return insertFix(msg, sc.st.Pos.Offset+m[1], text)
}

// toolName names a migration format's tool in messages.
func toolName(format string) string {
	switch format {
	case "":
		return "the migration tool"
	case migrations.FormatGooseGo:
		return "goose"
	}
	return format
}

// noTxRemedy is how to make the migration tool run a migration without
// its own transaction.
func noTxRemedy(format string) string {
	switch format {
	case "goose":
		return "add -- +goose NO TRANSACTION to the file"
	case migrations.FormatGooseGo:
		return "register it with goose.AddMigrationNoTxContext"
	case "dbmate":
		return "use -- migrate:up transaction:false"
	case "sql-migrate":
		return "use -- +migrate Up notransaction"
	case "tern":
		return "add ---- tern: disable-tx ---- to the file"
	}
	return "run it in a migration without a transaction"
}

// transactionControl reports BEGIN, COMMIT and ROLLBACK that nest, end a
// transaction the migration tool owns, end none, or leave one open.
func (mc *migChecker) transactionControl(ss *scriptState) {
	format := toolName(mc.mig.Format)
	open, begin := false, -1
	for i := range ss.s.Statements {
		st := &ss.s.Statements[i]
		ts := st.Node.GetTransactionStmt()
		if ts == nil {
			continue
		}
		word := map[pgsql.TransactionStmtKind]string{
			pgsql.TransactionStmtKind_TRANS_STMT_BEGIN:    "BEGIN",
			pgsql.TransactionStmtKind_TRANS_STMT_START:    "START TRANSACTION",
			pgsql.TransactionStmtKind_TRANS_STMT_COMMIT:   "COMMIT",
			pgsql.TransactionStmtKind_TRANS_STMT_ROLLBACK: "ROLLBACK",
		}[ts.GetKind()]
		switch ts.GetKind() {
		case pgsql.TransactionStmtKind_TRANS_STMT_BEGIN, pgsql.TransactionStmtKind_TRANS_STMT_START:
			switch {
			case open:
				mc.reportStmt(ss, i, "transaction-nesting", fmt.Sprintf(
					"%s inside the transaction started at %s is ignored (PostgreSQL only warns), and the first COMMIT ends the outer transaction, so the statements after it run without one; remove the inner %s",
					word, mc.stmtRef(ss.s, begin), word), nil)
			case ss.s.Tx == sqlschema.TxWrapped:
				mc.reportStmt(ss, i, "transaction-nesting", fmt.Sprintf(
					"%s inside a migration %s already runs in a transaction is ignored (PostgreSQL only warns), and the COMMIT that follows commits %s's transaction early, so the statements after it run without one; remove BEGIN and COMMIT from the file (or %s and keep them)",
					word, format, format, noTxRemedy(mc.mig.Format)), nil)
			}
			open, begin = true, i
		case pgsql.TransactionStmtKind_TRANS_STMT_COMMIT, pgsql.TransactionStmtKind_TRANS_STMT_ROLLBACK:
			switch {
			case open:
			case ss.s.Tx == sqlschema.TxWrapped:
				mc.reportStmt(ss, i, "transaction-nesting", fmt.Sprintf(
					"%s ends the transaction %s runs the migration in, so the statements after it run without one and a failure leaves the migration half-applied; remove it (or %s and manage the transaction yourself)",
					word, format, noTxRemedy(mc.mig.Format)), nil)
			case ss.tx[i] != 0:
				mc.reportStmt(ss, i, "transaction-nesting", fmt.Sprintf(
					"%s without BEGIN ends the implicit transaction %s sends this file in, so the statements before it commit on their own and a later failure leaves the migration half-applied; remove it, or split the file into two migrations",
					word, format), nil)
			default:
				mc.reportStmt(ss, i, "transaction-nesting", fmt.Sprintf(
					"%s without BEGIN has no transaction to end (PostgreSQL only warns); remove it, or add BEGIN where the transaction should start",
					word), nil)
			}
			open = false
		case pgsql.TransactionStmtKind_TRANS_STMT_PREPARE:
			open = false // PREPARE TRANSACTION ends the block too
		}
	}
	if open && ss.s.Tx != sqlschema.TxWrapped {
		last := &ss.s.Statements[len(ss.s.Statements)-1]
		off := last.End
		if off < len(ss.s.Src) && ss.s.Src[off] == ';' {
			off++
		}
		mc.reportStmt(ss, begin, "uncommitted-transaction", fmt.Sprintf(
			"the transaction started at %s is never committed or rolled back in this script, so it stays open after it: whether the migration's changes commit, and when its locks are released, is left to whatever runs next on the connection; add COMMIT at the end",
			mc.stmtRef(ss.s, begin)), insertFix("Add COMMIT", off, "\nCOMMIT;"))
	}
}

// quoteQualified quotes each part of a schema-qualified name.
func quoteQualified(name string) string {
	parts := strings.Split(name, ".")
	for i, p := range parts {
		parts[i] = quoteIdent(p)
	}
	return strings.Join(parts, ".")
}
