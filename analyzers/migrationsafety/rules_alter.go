package migrationsafety

import (
	"fmt"
	"strings"

	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

func (sc *stmtCheck) alterTable(at *pgsql.AlterTableStmt) {
	r := sc.mc.resolveRV(at.GetRelation())
	if r.table == nil && r.key != "" && at.GetMissingOk() && sc.mc.cat.View(at.GetRelation().GetSchemaname(), at.GetRelation().GetRelname()) == nil {
		return // ALTER ... IF EXISTS of a relation the schema does not have
	}
	switch at.GetObjtype() {
	case pgsql.ObjectType_OBJECT_TABLE, pgsql.ObjectType_OBJECT_FOREIGN_TABLE:
	case pgsql.ObjectType_OBJECT_INDEX:
		names := []string{at.GetRelation().GetRelname()}
		if s := at.GetRelation().GetSchemaname(); s != "" {
			names = []string{s, names[0]}
		}
		ir, ix, known := sc.mc.indexTable(names)
		for _, c := range at.GetCmds() {
			if c.GetAlterTableCmd().GetSubtype() == pgsql.AlterTableType_AT_SetTableSpace && known && !ir.isNew {
				sc.lock(ir, lockAccessExclusive, "ALTER INDEX SET TABLESPACE")
				sc.holdsLong(ir, "ALTER INDEX SET TABLESPACE", "copies an index of")
				sc.report("set-tablespace", fmt.Sprintf(
					"SET TABLESPACE copies index %q to the new tablespace under an ACCESS EXCLUSIVE lock, blocking reads and writes of %q for the whole copy; build a new index there with CREATE INDEX CONCURRENTLY ... TABLESPACE and drop the old one",
					ix.Name, ir.name), nil)
			}
		}
		return
	case pgsql.ObjectType_OBJECT_MATVIEW:
		for _, c := range at.GetCmds() {
			if c.GetAlterTableCmd().GetSubtype() == pgsql.AlterTableType_AT_SetTableSpace && !r.isNew {
				sc.lock(r, lockAccessExclusive, "ALTER MATERIALIZED VIEW SET TABLESPACE")
				sc.holdsLong(r, "ALTER MATERIALIZED VIEW SET TABLESPACE", "copies")
				sc.report("set-tablespace", fmt.Sprintf(
					"SET TABLESPACE copies %q to the new tablespace under an ACCESS EXCLUSIVE lock, blocking every read of it for the whole copy; do it in a maintenance window",
					r.name), nil)
			}
		}
		return
	default:
		return
	}
	for _, n := range at.GetCmds() {
		cmd := n.GetAlterTableCmd()
		if cmd == nil {
			continue
		}
		// New columns and new column types get type hygiene on any
		// table, and a foreign key locks the table it references even
		// when its own table is new; everything else is about tables
		// others already use.
		switch cmd.GetSubtype() {
		case pgsql.AlterTableType_AT_AddColumn:
			sc.columnTypes(r, cmd.GetDef().GetColumnDef(), nil)
		case pgsql.AlterTableType_AT_AlterColumnType:
			// serial is not a type ALTER COLUMN TYPE accepts.
			if tn := cmd.GetDef().GetColumnDef().GetTypeName(); tn != nil && serialOf(tn) == "" {
				sc.typeHygiene(r, cmd.GetName(), tn, tn.GetLocation(), false, false)
			}
		}
		if r.isNew {
			sc.lockReferenced(r, cmd)
			continue
		}
		sc.lock(r, alterTableLock(cmd), "ALTER TABLE")
		sc.lockReferenced(r, cmd)
		switch cmd.GetSubtype() {
		case pgsql.AlterTableType_AT_AddColumn:
			sc.addColumn(r, cmd.GetDef().GetColumnDef())
		case pgsql.AlterTableType_AT_AlterColumnType:
			sc.alterColumnType(r, cmd)
		case pgsql.AlterTableType_AT_SetNotNull:
			sc.setNotNull(r, cmd.GetName())
		case pgsql.AlterTableType_AT_DropNotNull:
			if col := tableColumn(r, cmd.GetName()); (col == nil || col.NotNull) && !sc.mc.columnIsNew(r, cmd.GetName()) {
				sc.report("drop-not-null", fmt.Sprintf(
					"dropping NOT NULL from column %q of %q lets NULLs in, which breaks deployed code that reads the column into a non-nullable value; make the code handle NULL and deploy first, then drop the constraint",
					cmd.GetName(), r.name), nil)
			}
		case pgsql.AlterTableType_AT_AddConstraint:
			sc.addConstraint(r, cmd.GetDef().GetConstraint(), len(at.GetCmds()) == 1)
		case pgsql.AlterTableType_AT_ValidateConstraint:
			sc.validate(r, cmd.GetName())
		case pgsql.AlterTableType_AT_DropColumn:
			if tableColumn(r, cmd.GetName()) == nil && cmd.GetMissingOk() && r.table != nil {
				continue
			}
			if sc.mc.columnIsNew(r, cmd.GetName()) {
				continue
			}
			sc.report("drop-column", fmt.Sprintf(
				"dropping column %q of %q breaks the running application while deployed code still reads or writes it (SELECT * and INSERT without a column list included); stop using the column in code and deploy first, then drop it in a later migration",
				cmd.GetName(), r.name), nil)
		case pgsql.AlterTableType_AT_ColumnDefault:
			if cmd.GetDef() == nil {
				sc.dropDefault(r, cmd)
			}
		case pgsql.AlterTableType_AT_DropExpression:
			sc.dropDefault(r, cmd)
		case pgsql.AlterTableType_AT_SetTableSpace:
			sc.holdsLong(r, "ALTER TABLE SET TABLESPACE", "copies")
			sc.report("set-tablespace", fmt.Sprintf(
				"SET TABLESPACE copies %q and its data files to the new tablespace under an ACCESS EXCLUSIVE lock, blocking reads and writes for the whole copy; move it with pg_repack or in a maintenance window",
				r.name), nil)
		case pgsql.AlterTableType_AT_DetachPartition:
			pc := cmd.GetDef().GetPartitionCmd()
			if pc.GetConcurrent() {
				sc.concurrentlyInTx("DETACH PARTITION CONCURRENTLY")
				continue
			}
			if sc.pg() < 14 {
				continue // no concurrent form to suggest
			}
			part := sc.mc.resolveRV(pc.GetName())
			var fix *Fix
			if len(at.GetCmds()) == 1 {
				msg := "Add CONCURRENTLY"
				if sc.inTx() {
					_, remedy := sc.txReason()
					msg += " (then " + remedy + ")"
				}
				fix = insertFix(msg, sc.st.End, " CONCURRENTLY")
			}
			sc.report("detach-partition-not-concurrently", fmt.Sprintf(
				"DETACH PARTITION %q takes an ACCESS EXCLUSIVE lock on %q, blocking reads and writes of the whole partitioned table; use DETACH PARTITION ... CONCURRENTLY, outside a transaction",
				part.name, r.name), fix)
		}
	}
}

// lockReferenced records the SHARE ROW EXCLUSIVE lock that a foreign key
// added by an ALTER TABLE subcommand takes on the table it references.
func (sc *stmtCheck) lockReferenced(r relation, cmd *pgsql.AlterTableCmd) {
	var fks []*pgsql.Constraint
	switch cmd.GetSubtype() {
	case pgsql.AlterTableType_AT_AddColumn:
		fks = append(fks, columnFacts(cmd.GetDef().GetColumnDef()).foreign)
	case pgsql.AlterTableType_AT_AddConstraint:
		fks = append(fks, cmd.GetDef().GetConstraint())
	}
	for _, c := range fks {
		if c.GetContype() != pgsql.ConstrType_CONSTR_FOREIGN {
			continue
		}
		if ref := sc.mc.resolveRV(c.GetPktable()); ref.key != r.key {
			sc.lock(ref, lockShareRowExclusive, "ALTER TABLE ADD FOREIGN KEY")
		}
	}
}

func tableColumn(r relation, name string) *sqlschema.Column {
	if r.table == nil {
		return nil
	}
	return r.table.Column(name)
}

// columnDefFacts are the parts of a column definition the rules look at.
type columnDefFacts struct {
	def       *pgsql.Node // DEFAULT expression
	generated bool        // GENERATED ALWAYS AS (...) STORED
	identity  bool
	notNull   bool
	primary   bool
	unique    *pgsql.Constraint
	check     *pgsql.Constraint
	foreign   *pgsql.Constraint
}

func columnFacts(cd *pgsql.ColumnDef) columnDefFacts {
	var f columnDefFacts
	if cd.GetRawDefault() != nil {
		f.def = cd.GetRawDefault()
	}
	if cd.GetIdentity() != "" {
		f.identity = true
	}
	if cd.GetGenerated() != "" {
		f.generated = true
	}
	for _, n := range cd.GetConstraints() {
		c := n.GetConstraint()
		switch c.GetContype() {
		case pgsql.ConstrType_CONSTR_DEFAULT:
			f.def = c.GetRawExpr()
		case pgsql.ConstrType_CONSTR_GENERATED:
			f.generated = true
		case pgsql.ConstrType_CONSTR_IDENTITY:
			f.identity = true
		case pgsql.ConstrType_CONSTR_NOTNULL:
			f.notNull = true
		case pgsql.ConstrType_CONSTR_PRIMARY:
			f.primary, f.notNull = true, true
		case pgsql.ConstrType_CONSTR_UNIQUE:
			f.unique = c
		case pgsql.ConstrType_CONSTR_CHECK:
			f.check = c
		case pgsql.ConstrType_CONSTR_FOREIGN:
			f.foreign = c
		}
	}
	return f
}

// serialOf returns "serial", "bigserial" or "smallserial" when the column
// is declared with that pseudo-type.
func serialOf(tn *pgsql.TypeName) string {
	names := pgsql.Strings(tn.GetNames())
	if len(names) != 1 || len(tn.GetArrayBounds()) > 0 {
		return ""
	}
	switch strings.ToLower(names[0]) {
	case "serial", "serial4":
		return "serial"
	case "bigserial", "serial8":
		return "bigserial"
	case "smallserial", "serial2":
		return "smallserial"
	}
	return ""
}

// isNullConst reports whether an expression is the NULL constant.
func isNullConst(n *pgsql.Node) bool {
	if tc := n.GetTypeCast(); tc != nil {
		n = tc.GetArg()
	}
	c := n.GetAConst()
	return c != nil && c.GetIsnull()
}

func (sc *stmtCheck) addColumn(r relation, cd *pgsql.ColumnDef) {
	if cd == nil {
		return
	}
	f := columnFacts(cd)
	col := cd.GetColname()
	at := func(rule, msg string) { sc.reportClause(rule, cd.GetLocation(), msg, nil) }
	rewrite := "rewrites the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes until it finishes"
	serial := serialOf(cd.GetTypeName())
	long := func(verb string) { sc.holdsLong(r, "ALTER TABLE ADD COLUMN", verb) }
	switch {
	case serial != "" || f.identity:
		long("rewrites")
		kind := serial
		if kind == "" {
			kind = "identity"
		}
		at("add-column-serial", fmt.Sprintf(
			"adding %s column %q to %q fills every existing row from a sequence, which %s; add a nullable bigint column, attach the sequence as its default in a separate statement, backfill in batches, then add the constraints",
			kind, col, r.name, rewrite))
	case f.generated:
		long("rewrites")
		at("add-column-generated-stored", fmt.Sprintf(
			"adding stored generated column %q to %q computes it for every row, which %s; add a plain nullable column filled by a trigger and a batched backfill, or compute the value in queries",
			col, r.name, rewrite))
	case f.def != nil && !isNullConst(f.def) && sc.pg() < 11:
		long("rewrites")
		at("add-column-volatile-default", fmt.Sprintf(
			"adding column %q to %q with a default %s before PostgreSQL 11; add the column without a default, set the default in a separate statement, then backfill existing rows in batches",
			col, r.name, rewrite))
	case f.def != nil && sqlschema.IsVolatileExpr(f.def):
		long("rewrites")
		at("add-column-volatile-default", fmt.Sprintf(
			"adding column %q to %q with volatile default %s evaluates it for every row, which %s; add the column without a default (or with a constant one), set the default in a separate statement, then backfill existing rows in batches",
			col, r.name, report.Shorten(pgsql.DeparseExpr(f.def), 40), rewrite))
	}
	if f.notNull && (f.def == nil || isNullConst(f.def)) && serial == "" && !f.identity && !f.generated {
		at("add-column-not-null-without-default", fmt.Sprintf(
			"adding NOT NULL column %q to %q without a default fails when the table has rows; add it with a constant DEFAULT (no rewrite since PostgreSQL 11), or add it nullable, backfill, and then set NOT NULL",
			col, r.name))
	}
	if f.unique != nil || f.primary {
		long("builds an index on")
		kind, rule := "UNIQUE", "add-unique-without-using-index"
		if f.primary {
			kind, rule = "PRIMARY KEY", "add-primary-key-without-using-index"
		}
		at(rule, fmt.Sprintf(
			"adding column %q to %q with %s builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes for the whole build; add the column, CREATE UNIQUE INDEX CONCURRENTLY on it, then ADD CONSTRAINT ... %s USING INDEX",
			col, r.name, kind, kind))
	}
	if f.check != nil {
		long("scans")
		at("add-check-without-not-valid", fmt.Sprintf(
			"adding column %q to %q with a CHECK constraint checks every row under an ACCESS EXCLUSIVE lock, blocking reads and writes; add the column, then ADD CONSTRAINT ... CHECK (...) NOT VALID and VALIDATE CONSTRAINT in a separate transaction",
			col, r.name))
	}
	if fk := f.foreign; fk != nil && !fk.GetSkipValidation() {
		ref := sc.mc.resolveRV(fk.GetPktable())
		at("add-foreign-key-without-not-valid", fmt.Sprintf(
			"adding column %q to %q with REFERENCES %q validates every row under a SHARE ROW EXCLUSIVE lock on both tables, blocking writes to them; add the column, then ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID and VALIDATE CONSTRAINT in a separate transaction",
			col, r.name, ref.name))
	}
}

func (sc *stmtCheck) setNotNull(r relation, col string) {
	c := tableColumn(r, col)
	if c != nil && c.NotNull {
		return // already NOT NULL: nothing to check
	}
	if sc.pg() >= 12 && r.table != nil && hasNotNullCheck(r.table, col) {
		return // PostgreSQL 12+ uses the validated CHECK and skips the scan
	}
	sc.holdsLong(r, "ALTER TABLE SET NOT NULL", "scans")
	remedy := fmt.Sprintf("first ADD CONSTRAINT ... CHECK (%s IS NOT NULL) NOT VALID, VALIDATE it in a separate transaction, then SET NOT NULL skips the scan (and the CHECK can be dropped)", quoteIdent(col))
	if sc.pg() < 12 {
		remedy = fmt.Sprintf("before PostgreSQL 12 there is no scan-free way, so use a CHECK (%s IS NOT NULL) constraint added NOT VALID and validated separately instead", quoteIdent(col))
	}
	sc.report("set-not-null", fmt.Sprintf(
		"SET NOT NULL on column %q of %q scans the whole table under an ACCESS EXCLUSIVE lock, blocking reads and writes; %s",
		col, r.name, remedy), nil)
}

// hasNotNullCheck reports whether the table has a validated CHECK
// (col IS NOT NULL) constraint.
func hasNotNullCheck(t *sqlschema.Table, col string) bool {
	for _, k := range t.Constraints {
		if k.Kind != sqlschema.Check || !k.Validated {
			continue
		}
		if isNotNullTest(k.Expr, col) {
			return true
		}
	}
	return false
}

// isNotNullTest reports whether a CHECK expression, as the catalog prints
// it, is exactly "col IS NOT NULL".
func isNotNullTest(expr, col string) bool {
	st, err := pgsql.ParseOne("SELECT " + expr)
	if err != nil {
		return false
	}
	tl := st.Node.GetSelectStmt().GetTargetList()
	if len(tl) != 1 {
		return false
	}
	nt := tl[0].GetResTarget().GetVal().GetNullTest()
	if nt == nil || nt.GetNulltesttype() != pgsql.NullTestType_IS_NOT_NULL {
		return false
	}
	fields := nt.GetArg().GetColumnRef().GetFields()
	return len(fields) == 1 && pgsql.StringValue(fields[0]) == col
}

func (sc *stmtCheck) addConstraint(r relation, c *pgsql.Constraint, only bool) {
	if c == nil {
		return
	}
	name := c.GetConname()
	named := quotedSp(name)
	loc := c.GetLocation()
	notValidFix := func() *Fix {
		off := locate(sc.st, loc)
		if off == sc.st.Pos.Offset && !only {
			return nil
		}
		end := sc.st.End
		if off != sc.st.Pos.Offset {
			end = clauseEnd(sc.src(), off, sc.st.End)
		}
		return insertFix("Add NOT VALID", end, notValidSuffix)
	}
	switch c.GetContype() {
	case pgsql.ConstrType_CONSTR_CHECK:
		if c.GetSkipValidation() {
			sc.noteNotValid(r, name)
			return
		}
		sc.holdsLong(r, "ALTER TABLE ADD CHECK", "scans")
		sc.reportClause("add-check-without-not-valid", loc, fmt.Sprintf(
			"adding CHECK constraint%s to %q checks every row under an ACCESS EXCLUSIVE lock, blocking reads and writes; add it NOT VALID, then VALIDATE CONSTRAINT%s in a separate transaction (that takes only a SHARE UPDATE EXCLUSIVE lock)",
			named, r.name, named), notValidFix())
	case pgsql.ConstrType_CONSTR_FOREIGN:
		ref := sc.mc.resolveRV(c.GetPktable())
		sc.lock(ref, lockShareRowExclusive, "ALTER TABLE ADD FOREIGN KEY")
		if c.GetSkipValidation() {
			sc.noteNotValid(r, name)
			return
		}
		sc.reportClause("add-foreign-key-without-not-valid", loc, fmt.Sprintf(
			"adding foreign key%s to %q checks every row under SHARE ROW EXCLUSIVE locks on %q and %q, blocking writes to both; add it NOT VALID, then VALIDATE CONSTRAINT%s in a separate transaction",
			named, r.name, r.name, ref.name, named), notValidFix())
	case pgsql.ConstrType_CONSTR_UNIQUE, pgsql.ConstrType_CONSTR_PRIMARY:
		if c.GetIndexname() != "" {
			return // USING INDEX: the index was built beforehand
		}
		kind, rule := "UNIQUE", "add-unique-without-using-index"
		what := "UNIQUE constraint" + named
		if c.GetContype() == pgsql.ConstrType_CONSTR_PRIMARY {
			kind, rule, what = "PRIMARY KEY", "add-primary-key-without-using-index", "primary key"+named
		}
		sc.holdsLong(r, "ALTER TABLE ADD "+kind, "builds an index on")
		// The name PostgreSQL would give the constraint, for the recipe.
		idx := name
		if idx == "" && r.table != nil {
			if c.GetContype() == pgsql.ConstrType_CONSTR_PRIMARY {
				idx = r.table.Name + "_pkey"
			} else {
				idx = r.table.Name + "_" + strings.Join(pgsql.Strings(c.GetKeys()), "_") + "_key"
			}
		}
		if idx == "" {
			idx = "new_index"
		}
		sc.reportClause(rule, loc, fmt.Sprintf(
			"adding %s to %q builds its index under an ACCESS EXCLUSIVE lock, blocking reads and writes for the whole build; CREATE UNIQUE INDEX CONCURRENTLY %s first, then ADD CONSTRAINT %s %s USING INDEX %s",
			what, r.name, quoteIdent(idx), quoteIdent(idx), kind, quoteIdent(idx)), nil)
	case pgsql.ConstrType_CONSTR_EXCLUSION:
		sc.holdsLong(r, "ALTER TABLE ADD EXCLUDE", "builds an index on")
		sc.reportClause("add-exclusion-constraint", loc, fmt.Sprintf(
			"adding EXCLUDE constraint%s to %q builds its index and checks every row under an ACCESS EXCLUSIVE lock, blocking reads and writes; there is no concurrent form, so add it while the table is small or in a maintenance window",
			named, r.name), nil)
	}
}

// noteNotValid remembers a constraint added NOT VALID in this transaction.
func (sc *stmtCheck) noteNotValid(r relation, name string) {
	if name == "" || !sc.inTx() {
		return
	}
	m := sc.ss.notValid[sc.tx()]
	if m == nil {
		m = map[string]int{}
		sc.ss.notValid[sc.tx()] = m
	}
	m[r.key+"\x00"+name] = sc.i
}

func (sc *stmtCheck) validate(r relation, name string) {
	if !sc.inTx() {
		return
	}
	j, ok := sc.ss.notValid[sc.tx()][r.key+"\x00"+name]
	if !ok {
		return
	}
	sc.report("validate-in-same-transaction", fmt.Sprintf(
		"constraint %q is added NOT VALID (%s) and validated in the same transaction, so the lock ADD CONSTRAINT took is held while VALIDATE scans %q, blocking writes; run VALIDATE CONSTRAINT in a separate migration",
		name, sc.mc.stmtRef(sc.ss.s, j), r.name), nil)
}

// alterColumnType reports a type change that rewrites the table.
func (sc *stmtCheck) alterColumnType(r relation, cmd *pgsql.AlterTableCmd) {
	cd := cmd.GetDef().GetColumnDef()
	colName := cmd.GetName()
	newType := sqlschema.NormalizeType(cd.GetTypeName(), sc.mc.cat)
	if newType == "" {
		return
	}
	col := tableColumn(r, colName)
	using := cd.GetRawDefault()
	plainUsing := using == nil || isColumnOrCast(using, colName)
	from := ""
	if col != nil {
		from = col.Type
		if plainUsing && (from == newType || binaryCoercible(from, newType)) {
			return
		}
	} else if plainUsing && maybeCoercibleTarget(newType) {
		return // the old type is unknown and the change may be free
	}
	change := fmt.Sprintf("to %s", newType)
	if from != "" && from != newType {
		change = fmt.Sprintf("from %s to %s", from, newType)
	}
	if !plainUsing {
		change += " USING " + report.Shorten(pgsql.DeparseExpr(using), 40)
	}
	sc.holdsLong(r, "ALTER TABLE ALTER COLUMN TYPE", "rewrites")
	sc.report("alter-column-type-rewrite", fmt.Sprintf(
		"changing column %q of %q %s rewrites the whole table and its indexes under an ACCESS EXCLUSIVE lock, blocking reads and writes; add a new column, backfill it in batches, and switch over (only binary-compatible changes such as varchar(n) to text are free)",
		colName, r.name, change), nil)
}

// isColumnOrCast reports whether a USING expression is just the column,
// or the column cast to a type (which PostgreSQL would do anyway).
func isColumnOrCast(n *pgsql.Node, col string) bool {
	if tc := n.GetTypeCast(); tc != nil {
		n = tc.GetArg()
	}
	fields := n.GetColumnRef().GetFields()
	return len(fields) == 1 && pgsql.StringValue(fields[0]) == col
}

// typeParts splits a normalized type into its base and modifiers:
// numeric(10,2) -> numeric, [10 2]; array types keep "[]" on the base.
func typeParts(t string) (base string, mods []string) {
	arr := ""
	if strings.HasSuffix(t, "[]") {
		arr, t = "[]", strings.TrimSuffix(t, "[]")
	}
	base = t
	if i := strings.IndexByte(t, '('); i > 0 && strings.HasSuffix(t, ")") {
		base = t[:i]
		for _, m := range strings.Split(t[i+1:len(t)-1], ",") {
			mods = append(mods, strings.TrimSpace(m))
		}
	}
	return base + arr, mods
}

// binaryCoercible reports whether changing a column from one normalized
// type to another needs neither a rewrite nor a scan (PostgreSQL's
// binary-coercible casts without a length check).
func binaryCoercible(from, to string) bool {
	fb, fm := typeParts(from)
	tb, tm := typeParts(to)
	atoi := func(s string) int {
		n := 0
		for _, c := range s {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	switch {
	case fb == "varchar" && tb == "text", fb == "varchar" && tb == "varchar" && len(tm) == 0,
		fb == "text" && tb == "varchar" && len(tm) == 0:
		return true
	case fb == "varchar" && tb == "varchar" && len(fm) == 1 && len(tm) == 1:
		return atoi(tm[0]) >= atoi(fm[0]) && atoi(fm[0]) >= 0
	case fb == "numeric" && tb == "numeric":
		if len(tm) == 0 {
			return true
		}
		if len(fm) == 0 {
			return false
		}
		fs, ts := "0", "0"
		if len(fm) == 2 {
			fs = fm[1]
		}
		if len(tm) == 2 {
			ts = tm[1]
		}
		return fs == ts && atoi(tm[0]) >= atoi(fm[0])
	case fb == "cidr" && tb == "inet":
		return true
	case fb == "varbit" && tb == "varbit":
		return len(tm) == 0 || len(fm) == 1 && len(tm) == 1 && atoi(tm[0]) >= atoi(fm[0])
	case (fb == "timestamp" || fb == "timestamptz" || fb == "time" || fb == "timetz" || fb == "interval") && tb == fb:
		// Raising (or removing) the fractional-second precision.
		return len(tm) == 0 || len(fm) == 1 && len(tm) == 1 && atoi(tm[0]) >= atoi(fm[0])
	}
	return false
}

// maybeCoercibleTarget reports whether some old type could change to t for
// free: with the old type unknown, precision first means silence.
func maybeCoercibleTarget(t string) bool {
	b, _ := typeParts(t)
	switch b {
	case "text", "varchar", "numeric", "inet", "varbit", "timestamp", "timestamptz", "time", "timetz", "interval":
		return true
	}
	return false
}

// quoteIdent quotes an identifier for a SQL snippet in a message.
func quoteIdent(s string) string {
	plain := s != ""
	for i, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '_' || i > 0 && r >= '0' && r <= '9') {
			plain = false
		}
	}
	if plain {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
