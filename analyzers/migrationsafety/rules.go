package migrationsafety

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// stmtCheck checks one statement of an up script against the catalog as
// it is before the statement.
type stmtCheck struct {
	mc   *migChecker
	ss   *scriptState
	i    int
	st   *pgsql.Statement
	info *stmtInfo

	// renamedFrom is the key of a table created in this migration that
	// the statement renames; afterApply carries its "new" mark over.
	renamedFrom string
}

func (sc *stmtCheck) inTx() bool { return sc.ss.tx[sc.i] != 0 }
func (sc *stmtCheck) tx() int    { return sc.ss.tx[sc.i] }
func (sc *stmtCheck) pg() int    { return sc.mc.opts.PGVersion }
func (sc *stmtCheck) src() string {
	return sc.ss.s.Src
}

func (sc *stmtCheck) report(rule, msg string, fix *Fix) {
	sc.mc.reportStmt(sc.ss, sc.i, rule, msg, fix)
}

// reportAt reports at [off, end) (a clause of the statement).
func (sc *stmtCheck) reportAt(rule string, off, end int, msg string, fix *Fix) {
	sc.mc.report(sc.ss.s, sc.i, rule, off, end, msg, fix)
}

// reportClause reports at the ALTER TABLE subcommand starting at loc.
func (sc *stmtCheck) reportClause(rule string, loc int32, msg string, fix *Fix) {
	off := locate(sc.st, loc)
	if off == sc.st.Pos.Offset {
		sc.report(rule, msg, fix)
		return
	}
	sc.reportAt(rule, off, clauseEnd(sc.src(), off, sc.st.End), msg, fix)
}

// relation is a table (or materialized view) a statement acts on.
type relation struct {
	table *sqlschema.Table // nil when the catalog does not know it
	key   string           // schema.name
	name  string           // for messages: qualified unless public
	isNew bool             // created earlier in this migration
}

// resolve finds a relation by (optional) schema and name in the catalog
// before the statement.
func (mc *migChecker) resolve(schema, name string) relation {
	if t := mc.cat.Table(schema, name); t != nil {
		key := t.Schema + "." + t.Name
		return relation{table: t, key: key, name: t.QualifiedName(), isNew: mc.createdTables[key]}
	}
	if v := mc.cat.View(schema, name); v != nil {
		key := v.Schema + "." + v.Name
		return relation{key: key, name: sqlschema.QualifiedName(v.Schema, v.Name), isNew: mc.createdViews[key]}
	}
	if schema == "" {
		schema = "public"
		if len(mc.cat.SearchPath) > 0 {
			schema = mc.cat.SearchPath[0]
		}
	}
	return relation{key: schema + "." + name, name: sqlschema.QualifiedName(schema, name)}
}

func (mc *migChecker) resolveRV(rv *pgsql.RangeVar) relation {
	return mc.resolve(rv.GetSchemaname(), rv.GetRelname())
}

// lock records a lock on a relation that existed before the migration.
func (sc *stmtCheck) lock(r relation, mode lockMode, what string) {
	if r.isNew || mode == lockNone {
		return
	}
	for i, l := range sc.info.locks {
		if l.key == r.key {
			if mode > l.mode {
				sc.info.locks[i].mode, sc.info.locks[i].what = mode, what
			}
			return
		}
	}
	sc.info.locks = append(sc.info.locks, lockTaken{key: r.key, name: r.name, mode: mode, what: what})
}

// check dispatches on the statement, then runs the rules that look at the
// locks it takes.
func (sc *stmtCheck) check() {
	switch n := sc.st.Node.GetNode().(type) {
	case *pgsql.Node_IndexStmt:
		sc.createIndex(n.IndexStmt)
	case *pgsql.Node_DropStmt:
		sc.drop(n.DropStmt)
	case *pgsql.Node_ReindexStmt:
		sc.reindex(n.ReindexStmt)
	case *pgsql.Node_AlterTableStmt:
		sc.alterTable(n.AlterTableStmt)
	case *pgsql.Node_RenameStmt:
		sc.rename(n.RenameStmt)
	case *pgsql.Node_DropdbStmt:
		sc.report("drop-database", fmt.Sprintf("DROP DATABASE %q destroys the database and everything in it; a migration must never drop a database", n.DropdbStmt.GetDbname()), nil)
	case *pgsql.Node_TruncateStmt:
		sc.truncate(n.TruncateStmt)
	case *pgsql.Node_RefreshMatViewStmt:
		sc.refresh(n.RefreshMatViewStmt)
	case *pgsql.Node_CreateStmt:
		sc.createTable(n.CreateStmt)
	case *pgsql.Node_VariableSetStmt:
		sc.setVariable(n.VariableSetStmt)
	case *pgsql.Node_UpdateStmt:
		sc.dml("UPDATE", n.UpdateStmt.GetRelation())
	case *pgsql.Node_DeleteStmt:
		sc.dml("DELETE", n.DeleteStmt.GetRelation())
	case *pgsql.Node_ClusterStmt:
		sc.cluster(n.ClusterStmt)
	case *pgsql.Node_VacuumStmt:
		sc.vacuum(n.VacuumStmt)
	case *pgsql.Node_CreateDomainStmt:
		sc.createDomain(n.CreateDomainStmt)
	case *pgsql.Node_AlterDomainStmt:
		sc.alterDomain(n.AlterDomainStmt)
	case *pgsql.Node_AlterEnumStmt:
		if n.AlterEnumStmt.GetOldVal() != "" {
			sc.renameEnumValue(n.AlterEnumStmt)
		} else {
			sc.alterEnum(n.AlterEnumStmt)
		}
	case *pgsql.Node_AlterObjectSchemaStmt:
		sc.setSchema(n.AlterObjectSchemaStmt)
	case *pgsql.Node_LockStmt:
		mode := lockMode(lockNone)
		switch m := n.LockStmt.GetMode(); {
		case m >= 8:
			mode = lockAccessExclusive
		case m == 7:
			mode = lockExclusive
		case m == 6:
			mode = lockShareRowExclusive
		case m == 5:
			mode = lockShare
		}
		for _, r := range n.LockStmt.GetRelations() {
			if rv := r.GetRangeVar(); rv != nil {
				sc.lock(sc.mc.resolveRV(rv), mode, "LOCK TABLE")
			}
		}
	case *pgsql.Node_CreateTrigStmt:
		if rv := n.CreateTrigStmt.GetRelation(); rv != nil {
			sc.lock(sc.mc.resolveRV(rv), lockShareRowExclusive, "CREATE TRIGGER")
		}
	}
	sc.robust()
	sc.longIdentifiers()
	sc.lockRules()
	sc.statementTimeoutRule()
}

// afterApply records what the statement created, once it applied.
func (sc *stmtCheck) afterApply() {
	mc := sc.mc
	switch n := sc.st.Node.GetNode().(type) {
	case *pgsql.Node_CreateStmt:
		mc.markTable(n.CreateStmt.GetRelation())
	case *pgsql.Node_CreateTableAsStmt:
		if n.CreateTableAsStmt.GetObjtype() == pgsql.ObjectType_OBJECT_MATVIEW {
			mc.markView(n.CreateTableAsStmt.GetInto().GetRel())
		} else {
			mc.markTable(n.CreateTableAsStmt.GetInto().GetRel())
		}
	case *pgsql.Node_SelectStmt:
		if into := n.SelectStmt.GetIntoClause(); into != nil {
			mc.markTable(into.GetRel())
		}
	case *pgsql.Node_ViewStmt:
		mc.markView(n.ViewStmt.GetView())
	case *pgsql.Node_RenameStmt:
		if sc.renamedFrom != "" {
			rs := n.RenameStmt
			r := mc.resolve(rs.GetRelation().GetSchemaname(), rs.GetNewname())
			if r.table == nil && mc.cat.View(rs.GetRelation().GetSchemaname(), rs.GetNewname()) != nil {
				mc.createdViews[r.key] = true
			} else {
				mc.createdTables[r.key] = true
			}
		}
	}
}

func (mc *migChecker) markTable(rv *pgsql.RangeVar) {
	if rv == nil {
		return
	}
	if t := mc.cat.Table(rv.GetSchemaname(), rv.GetRelname()); t != nil {
		mc.createdTables[t.Schema+"."+t.Name] = true
	}
}

func (mc *migChecker) markView(rv *pgsql.RangeVar) {
	if rv == nil {
		return
	}
	if v := mc.cat.View(rv.GetSchemaname(), rv.GetRelname()); v != nil {
		mc.createdViews[v.Schema+"."+v.Name] = true
	}
}

// --- CONCURRENTLY and transactions ---------------------------------------

// txReason says why the statement runs in a transaction, and how to take
// it out of one.
func (sc *stmtCheck) txReason() (why, remedy string) {
	if sc.ss.explicit[sc.i] {
		return "it is inside BEGIN ... COMMIT", "move it out of the transaction block"
	}
	format := toolName(sc.mc.mig.Format)
	switch sc.ss.s.Tx {
	case sqlschema.TxImplicit:
		return format + " sends this multi-statement file as one implicit transaction",
			"move it to a migration file of its own, as the only statement"
	case sqlschema.TxWrapped:
		return format + " runs the migration in a transaction", noTxRemedy(sc.mc.mig.Format)
	}
	return "the statement runs in a transaction", "run it outside a transaction"
}

// concurrentlyInTx reports a CONCURRENTLY form that cannot run in a
// transaction block.
func (sc *stmtCheck) concurrentlyInTx(what string) {
	if !sc.inTx() {
		return
	}
	why, remedy := sc.txReason()
	sc.report("concurrently-in-transaction", fmt.Sprintf("%s cannot run inside a transaction block and fails, and %s; %s", what, why, remedy), nil)
}

// concurrentlyFix adds CONCURRENTLY after the prefix re matches.
func (sc *stmtCheck) concurrentlyFix(re *regexp.Regexp) *Fix {
	m := re.FindStringSubmatchIndex(sc.st.Text)
	if m == nil {
		return nil
	}
	msg := "Add CONCURRENTLY"
	if sc.inTx() {
		_, remedy := sc.txReason()
		msg = "Add CONCURRENTLY (then " + remedy + ")"
	}
	return insertFix(msg, sc.st.Pos.Offset+m[1], " CONCURRENTLY")
}

// --- indexes -------------------------------------------------------------

func (sc *stmtCheck) createIndex(ix *pgsql.IndexStmt) {
	r := sc.mc.resolveRV(ix.GetRelation())
	partitioned := r.table != nil && r.table.PartitionKey != ""
	name := ix.GetIdxname()
	if ix.GetConcurrent() {
		sc.concurrentlyInTx("CREATE INDEX CONCURRENTLY")
		if partitioned && ix.GetRelation().GetInh() {
			sc.report("concurrently-on-partitioned-table", fmt.Sprintf(
				"CREATE INDEX CONCURRENTLY is not supported on partitioned table %q and fails; create the index ON ONLY %q (no lock on the partitions), build it on each partition with CREATE INDEX CONCURRENTLY, then ALTER INDEX ... ATTACH PARTITION each one",
				r.name, r.name), nil)
		}
		if ix.GetIfNotExists() && name != "" && !sc.droppedJustBefore(name) {
			sc.report("create-index-concurrently-if-not-exists", fmt.Sprintf(
				"CREATE INDEX CONCURRENTLY IF NOT EXISTS %q skips an invalid index left behind by an earlier failed build, so the index may silently never become usable; run DROP INDEX CONCURRENTLY IF EXISTS %q first",
				name, name), nil)
		}
		sc.lock(r, lockShareUpdateExclusive, "CREATE INDEX CONCURRENTLY")
		return
	}
	if r.isNew {
		return
	}
	if partitioned {
		if !ix.GetRelation().GetInh() {
			return // ON ONLY: creates an invalid parent index, no build
		}
		sc.lock(r, lockShare, "CREATE INDEX")
		sc.report("create-index-not-concurrently", fmt.Sprintf(
			"CREATE INDEX%s on partitioned table %q takes a SHARE lock on every partition, blocking writes for the whole build; create it ON ONLY %q, build it on each partition with CREATE INDEX CONCURRENTLY, then ALTER INDEX ... ATTACH PARTITION each one",
			quotedSp(name), r.name, r.name), nil)
		return
	}
	what := "CREATE INDEX"
	if ix.GetUnique() {
		what = "CREATE UNIQUE INDEX"
	}
	sc.lock(r, lockShare, what)
	sc.report("create-index-not-concurrently", fmt.Sprintf(
		"%s%s on %q takes a SHARE lock that blocks writes to %q for the whole build; use %s CONCURRENTLY, outside a transaction",
		what, quotedSp(name), r.name, r.name, what), sc.concurrentlyFix(createIndexRE))
}

// quotedSp returns ` "name"`, or "" for no name.
func quotedSp(name string) string {
	if name == "" {
		return ""
	}
	return fmt.Sprintf(" %q", name)
}

// droppedJustBefore reports whether the previous statement of the script
// drops the index name IF EXISTS (the safe way to rerun a concurrent
// build).
func (sc *stmtCheck) droppedJustBefore(name string) bool {
	for j := sc.i - 1; j >= 0; j-- {
		n := sc.ss.s.Statements[j].Node
		if ds := n.GetDropStmt(); ds != nil && ds.GetRemoveType() == pgsql.ObjectType_OBJECT_INDEX && ds.GetMissingOk() {
			for _, o := range ds.GetObjects() {
				if names := pgsql.Strings(o.GetList().GetItems()); len(names) > 0 && names[len(names)-1] == name {
					return true
				}
			}
		}
		if n.GetVariableSetStmt() == nil {
			return false
		}
	}
	return false
}

// indexTable finds the table of a named index in the catalog.
func (mc *migChecker) indexTable(names []string) (relation, *sqlschema.Index, bool) {
	schema, name := "", ""
	switch len(names) {
	case 0:
		return relation{}, nil, false
	case 1:
		name = names[0]
	default:
		schema, name = names[len(names)-2], names[len(names)-1]
	}
	ix, t, v := mc.cat.Index(schema, name)
	switch {
	case t != nil:
		return mc.resolve(t.Schema, t.Name), ix, true
	case v != nil:
		return mc.resolve(v.Schema, v.Name), ix, true
	}
	return relation{}, nil, false
}

func (sc *stmtCheck) drop(ds *pgsql.DropStmt) {
	mc := sc.mc
	switch ds.GetRemoveType() {
	case pgsql.ObjectType_OBJECT_INDEX:
		for _, o := range ds.GetObjects() {
			names := pgsql.Strings(o.GetList().GetItems())
			r, _, known := mc.indexTable(names)
			if !known && len(names) > 0 && ds.GetMissingOk() {
				continue // DROP INDEX IF EXISTS of an index never created
			}
			if ds.GetConcurrent() {
				if known && r.table != nil && r.table.PartitionKey != "" {
					sc.report("concurrently-on-partitioned-table", fmt.Sprintf(
						"DROP INDEX CONCURRENTLY is not supported for index %q of partitioned table %q and fails; drop it without CONCURRENTLY under a short lock_timeout",
						names[len(names)-1], r.name), nil)
				}
				continue
			}
			if r.isNew {
				continue
			}
			on := ""
			if known {
				on = fmt.Sprintf(" on %q", r.name)
				sc.lock(r, lockAccessExclusive, "DROP INDEX")
			}
			var fix *Fix
			if len(ds.GetObjects()) == 1 && ds.GetBehavior() != pgsql.DropBehavior_DROP_CASCADE && !(known && r.table != nil && r.table.PartitionKey != "") {
				fix = sc.concurrentlyFix(dropIndexRE)
			}
			sc.report("drop-index-not-concurrently", fmt.Sprintf(
				"DROP INDEX %q takes an ACCESS EXCLUSIVE lock%s, blocking reads and writes while it waits for running queries; use DROP INDEX CONCURRENTLY, outside a transaction",
				names[len(names)-1], on), fix)
		}
		if ds.GetConcurrent() {
			sc.concurrentlyInTx("DROP INDEX CONCURRENTLY")
		}
	case pgsql.ObjectType_OBJECT_TABLE:
		for _, o := range ds.GetObjects() {
			names := pgsql.Strings(o.GetList().GetItems())
			if len(names) == 0 {
				continue
			}
			schema := ""
			if len(names) > 1 {
				schema = names[len(names)-2]
			}
			r := mc.resolve(schema, names[len(names)-1])
			if r.isNew || (r.table == nil && ds.GetMissingOk()) {
				continue
			}
			sc.lock(r, lockAccessExclusive, "DROP TABLE")
			sc.report("drop-table", fmt.Sprintf(
				"dropping table %q breaks the running application while any deployed code still uses it, and a down migration cannot bring the data back; stop using it in code and deploy first, then drop it in a later migration",
				r.name), nil)
		}
	case pgsql.ObjectType_OBJECT_SCHEMA:
		for _, o := range ds.GetObjects() {
			name := pgsql.StringValue(o)
			if mc.before.Schema(name) == nil && mc.cat.Schema(name) != nil {
				continue // created by this migration
			}
			if mc.cat.Schema(name) == nil && ds.GetMissingOk() {
				continue
			}
			cascade := ""
			if ds.GetBehavior() == pgsql.DropBehavior_DROP_CASCADE {
				cascade = " with CASCADE"
			}
			sc.report("drop-schema", fmt.Sprintf(
				"dropping schema %q%s removes every object in it while deployed code may still use them, and a down migration cannot bring the data back; drop the objects one by one in separate migrations once no code uses them",
				name, cascade), nil)
		}
	default:
		sc.dropObject(ds)
	}
}

func (sc *stmtCheck) reindex(rs *pgsql.ReindexStmt) {
	concurrent := false
	for _, p := range rs.GetParams() {
		if strings.EqualFold(p.GetDefElem().GetDefname(), "concurrently") {
			concurrent = true
		}
	}
	var r relation
	target, what := rs.GetName(), ""
	switch rs.GetKind() {
	case pgsql.ReindexObjectType_REINDEX_OBJECT_INDEX:
		rv := rs.GetRelation()
		target = rv.GetRelname()
		names := []string{rv.GetRelname()}
		if rv.GetSchemaname() != "" {
			names = []string{rv.GetSchemaname(), rv.GetRelname()}
		}
		r, _, _ = sc.mc.indexTable(names)
		what = fmt.Sprintf("REINDEX INDEX %q takes a SHARE lock on its table, blocking writes, and an ACCESS EXCLUSIVE lock on the index, blocking reads that use it", target)
	case pgsql.ReindexObjectType_REINDEX_OBJECT_TABLE:
		r = sc.mc.resolveRV(rs.GetRelation())
		what = fmt.Sprintf("REINDEX TABLE %q takes a SHARE lock on it, blocking writes, and ACCESS EXCLUSIVE locks on its indexes, blocking reads that use them", r.name)
	default:
		what = fmt.Sprintf("REINDEX of %q takes a SHARE lock on every table in it, blocking writes, and ACCESS EXCLUSIVE locks on their indexes, blocking reads that use them", target)
	}
	if concurrent {
		sc.concurrentlyInTx("REINDEX CONCURRENTLY")
		return
	}
	if r.isNew {
		return
	}
	if r.key != "" {
		sc.lock(r, lockShare, "REINDEX")
	}
	remedy := "use REINDEX ... CONCURRENTLY, outside a transaction"
	var fix *Fix
	if sc.pg() < 12 {
		remedy = "build a replacement with CREATE INDEX CONCURRENTLY and drop the old index with DROP INDEX CONCURRENTLY (REINDEX CONCURRENTLY needs PostgreSQL 12)"
	} else {
		fix = sc.concurrentlyFix(reindexKindRE)
	}
	sc.report("reindex-not-concurrently", fmt.Sprintf(
		"%s, for the whole rebuild; %s", what, remedy), fix)
}

func (sc *stmtCheck) refresh(rm *pgsql.RefreshMatViewStmt) {
	r := sc.mc.resolveRV(rm.GetRelation())
	if rm.GetConcurrent() || rm.GetSkipData() || r.isNew {
		return
	}
	sc.lock(r, lockAccessExclusive, "REFRESH MATERIALIZED VIEW")
	sc.holdsLong(r, "REFRESH MATERIALIZED VIEW", "recomputes")
	var fix *Fix
	if v := sc.mc.cat.View(rm.GetRelation().GetSchemaname(), rm.GetRelation().GetRelname()); v != nil {
		for _, ix := range v.Indexes {
			if ix.Unique && ix.Predicate == "" {
				fix = sc.concurrentlyFix(refreshViewRE)
				break
			}
		}
	}
	sc.report("refresh-materialized-view-not-concurrently", fmt.Sprintf(
		"REFRESH MATERIALIZED VIEW %q takes an ACCESS EXCLUSIVE lock that blocks every read of the view until the refresh finishes; use REFRESH MATERIALIZED VIEW CONCURRENTLY (it needs a unique index on the view)",
		r.name), fix)
}

func (sc *stmtCheck) truncate(ts *pgsql.TruncateStmt) {
	var names []string
	allNew := true
	for _, n := range ts.GetRelations() {
		rv := n.GetRangeVar()
		if rv == nil {
			continue
		}
		r := sc.mc.resolveRV(rv)
		sc.lock(r, lockAccessExclusive, "TRUNCATE")
		names = append(names, fmt.Sprintf("%q", r.name))
		allNew = allNew && r.isNew
	}
	if ts.GetBehavior() != pgsql.DropBehavior_DROP_CASCADE || allNew || len(names) == 0 {
		return
	}
	sc.report("truncate-cascade", fmt.Sprintf(
		"TRUNCATE %s CASCADE also empties every table with a foreign key to %s, recursively, under ACCESS EXCLUSIVE locks; truncate the tables you mean by name, or delete the rows in batches",
		strings.Join(names, ", "), map[bool]string{true: "it", false: "them"}[len(names) == 1]), nil)
}

func (sc *stmtCheck) rename(rs *pgsql.RenameStmt) {
	switch rs.GetRenameType() {
	case pgsql.ObjectType_OBJECT_TABLE:
		r := sc.mc.resolveRV(rs.GetRelation())
		if r.isNew {
			sc.renamedFrom = r.key
			return
		}
		sc.lock(r, lockAccessExclusive, "ALTER TABLE RENAME")
		sc.report("rename-table", fmt.Sprintf(
			"renaming table %q to %q breaks the running application, which uses the old name until every instance is redeployed; rename it and create a view with the old name in the same transaction, then drop the view once no code uses it",
			r.name, rs.GetNewname()), nil)
	case pgsql.ObjectType_OBJECT_COLUMN:
		if rs.GetRelationType() != pgsql.ObjectType_OBJECT_TABLE && rs.GetRelationType() != pgsql.ObjectType_OBJECT_FOREIGN_TABLE {
			return
		}
		r := sc.mc.resolveRV(rs.GetRelation())
		if r.isNew || sc.mc.columnIsNew(r, rs.GetSubname()) {
			return
		}
		sc.lock(r, lockAccessExclusive, "ALTER TABLE RENAME COLUMN")
		sc.report("rename-column", fmt.Sprintf(
			"renaming column %q of %q to %q breaks the running application, which uses the old name until every instance is redeployed; add the new column, write to both, backfill, move reads over, then drop the old column in a later migration",
			rs.GetSubname(), r.name, rs.GetNewname()), nil)
	default:
		sc.renameObject(rs)
	}
}

// columnIsNew reports whether a column of an existing table was added by
// this migration (nobody reads it yet).
func (mc *migChecker) columnIsNew(r relation, col string) bool {
	if r.table == nil {
		return false
	}
	bt := mc.before.Table(r.table.Schema, r.table.Name)
	return bt != nil && bt.Column(col) == nil && r.table.Column(col) != nil
}

// dml records an UPDATE or DELETE of a table that existed before the
// migration, for backfill-in-ddl-transaction.
func (sc *stmtCheck) dml(kind string, rv *pgsql.RangeVar) {
	if rv == nil {
		return
	}
	r := sc.mc.resolveRV(rv)
	if r.isNew {
		return
	}
	sc.info.dml = &lockedTable{key: r.key, name: r.name, stmt: sc.i}
	sc.info.dmlKind = kind
}

// vacuum reports VACUUM FULL, which rewrites each table it names (every
// table, without a list) under an ACCESS EXCLUSIVE lock.
func (sc *stmtCheck) vacuum(vs *pgsql.VacuumStmt) {
	full := false
	for _, o := range vs.GetOptions() {
		if strings.EqualFold(o.GetDefElem().GetDefname(), "full") {
			full = defElemTrue(o.GetDefElem())
		}
	}
	if !full || !vs.GetIsVacuumcmd() {
		return
	}
	rels := vs.GetRels()
	if len(rels) == 0 {
		sc.report("vacuum-full-or-cluster",
			"VACUUM FULL without a table rewrites every table in the database, each under an ACCESS EXCLUSIVE lock that blocks its reads and writes; use pg_repack on the tables that need it, or plain VACUUM", nil)
		return
	}
	for _, n := range rels {
		rv := n.GetVacuumRelation().GetRelation()
		if rv == nil {
			continue
		}
		r := sc.mc.resolveRV(rv)
		sc.lock(r, lockAccessExclusive, "VACUUM FULL")
		if r.isNew {
			continue
		}
		sc.holdsLong(r, "VACUUM FULL", "rewrites")
		sc.report("vacuum-full-or-cluster", fmt.Sprintf(
			"VACUUM FULL rewrites %q under an ACCESS EXCLUSIVE lock, blocking its reads and writes until the copy finishes; use pg_repack, which rebuilds it online, or plain VACUUM if the space only needs to be reusable",
			r.name), nil)
	}
}

// cluster reports CLUSTER, which rewrites the table in index order under
// an ACCESS EXCLUSIVE lock.
func (sc *stmtCheck) cluster(cs *pgsql.ClusterStmt) {
	rv := cs.GetRelation()
	if rv == nil {
		sc.report("vacuum-full-or-cluster",
			"CLUSTER without a table rewrites every table clustered before, each under an ACCESS EXCLUSIVE lock that blocks its reads and writes; use pg_repack --order-by on the tables that need it", nil)
		return
	}
	r := sc.mc.resolveRV(rv)
	sc.lock(r, lockAccessExclusive, "CLUSTER")
	if r.isNew {
		return
	}
	sc.holdsLong(r, "CLUSTER", "rewrites")
	sc.report("vacuum-full-or-cluster", fmt.Sprintf(
		"CLUSTER rewrites %q in index order under an ACCESS EXCLUSIVE lock, blocking its reads and writes until the copy finishes; use pg_repack --order-by, which rebuilds it online",
		r.name), nil)
}

// defElemTrue reads a boolean option: FULL, FULL true, FULL on, FULL 1.
func defElemTrue(d *pgsql.DefElem) bool {
	arg := d.GetArg()
	if arg == nil {
		return true
	}
	if i := arg.GetInteger(); i != nil {
		return i.GetIval() != 0
	}
	switch strings.ToLower(pgsql.StringValue(arg)) {
	case "false", "off", "0", "no":
		return false
	}
	return true
}
