package migrationsafety

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// maxLockTimeoutMS is the longest lock_timeout that still keeps a waiting
// DDL statement from stalling traffic for long.
const maxLockTimeoutMS = 10000

// setVariable tracks SET [LOCAL] lock_timeout and statement_timeout.
func (sc *stmtCheck) setVariable(vs *pgsql.VariableSetStmt) {
	if strings.EqualFold(vs.GetName(), "statement_timeout") {
		sc.setStatementTimeout(vs)
		return
	}
	if !strings.EqualFold(vs.GetName(), "lock_timeout") {
		if vs.GetKind() == pgsql.VariableSetKind_VAR_RESET_ALL {
			sc.ss.sessionTimeout = timeoutSetting{}
			sc.ss.sessionStmtTimeout = timeoutSetting{}
		}
		return
	}
	ms, text, reset, ok := timeoutSet(vs)
	if !ok {
		return
	}
	var ts timeoutSetting
	if !reset {
		ts = timeoutSetting{set: true, ms: ms}
		switch {
		case ms == 0:
			sc.report("lock-timeout-too-long",
				"lock_timeout 0 disables the timeout, so a DDL statement waiting for its lock can block every query on its table indefinitely; set a few seconds (at most 10s) and retry on timeout", nil)
		case ms > maxLockTimeoutMS:
			sc.report("lock-timeout-too-long", fmt.Sprintf(
				"lock_timeout %s lets a DDL statement waiting for its lock block every query on its table for that long; use a few seconds (at most 10s) and retry on timeout",
				text), nil)
		}
	}
	if vs.GetIsLocal() {
		if sc.inTx() { // SET LOCAL outside a transaction has no effect
			sc.ss.localTimeout[sc.tx()] = ts
		}
		return
	}
	sc.ss.sessionTimeout = ts
}

// setStatementTimeout tracks SET [LOCAL] statement_timeout; 0 turns the
// timeout off.
func (sc *stmtCheck) setStatementTimeout(vs *pgsql.VariableSetStmt) {
	ms, _, reset, ok := timeoutSet(vs)
	if !ok {
		return
	}
	var ts timeoutSetting
	if !reset {
		ts = timeoutSetting{set: ms > 0, ms: ms}
	}
	if vs.GetIsLocal() {
		if sc.inTx() {
			sc.ss.localStmtTimeout[sc.tx()] = ts
		}
		return
	}
	sc.ss.sessionStmtTimeout = ts
}

// timeoutSet reads SET name = value (ms, and the value as written) or SET
// name TO DEFAULT / RESET name (reset); ok is false for anything else.
func timeoutSet(vs *pgsql.VariableSetStmt) (ms float64, text string, reset, ok bool) {
	switch vs.GetKind() {
	case pgsql.VariableSetKind_VAR_SET_VALUE:
		if args := vs.GetArgs(); len(args) == 1 {
			ms, text, ok = timeoutValue(args[0])
		}
		return ms, text, false, ok
	case pgsql.VariableSetKind_VAR_SET_DEFAULT, pgsql.VariableSetKind_VAR_RESET:
		return 0, "", true, true
	}
	return 0, "", false, false
}

// stmtTimeoutSet reports whether a statement_timeout is in effect.
func (sc *stmtCheck) stmtTimeoutSet() bool {
	if sc.ss.sessionStmtTimeout.set {
		return true
	}
	tx := sc.tx()
	return tx != 0 && sc.ss.localStmtTimeout[tx].set
}

// holdsLong records that the statement does table-sized work on r under
// an ACCESS EXCLUSIVE lock.
func (sc *stmtCheck) holdsLong(r relation, what, verb string) {
	if r.isNew || sc.info.long != nil {
		return
	}
	sc.info.long = &longOp{what: what, verb: verb, name: r.name}
}

// longRules report table-sized work under an ACCESS EXCLUSIVE lock, each
// with its own recipe.
var longRules = map[string]bool{
	"add-column-volatile-default": true, "add-column-generated-stored": true, "add-column-serial": true,
	"add-check-without-not-valid": true, "add-unique-without-using-index": true,
	"add-primary-key-without-using-index": true, "add-exclusion-constraint": true,
	"alter-column-type-rewrite": true, "set-not-null": true, "set-tablespace": true,
	"vacuum-full-or-cluster": true, "refresh-materialized-view-not-concurrently": true,
}

// statementTimeoutRule reports, once per script, the first statement
// that does table-sized work under an ACCESS EXCLUSIVE lock on a live
// table with no statement_timeout set, when no finding of the rule
// about that work is left on it (the rule is disabled, or suppressed
// because the team accepts the lock): then nothing bounds how long every
// read and write of the table waits for it. While that finding stands,
// its recipe avoids the long lock and a timeout would be noise.
func (sc *stmtCheck) statementTimeoutRule() {
	l := sc.info.long
	if l == nil || sc.ss.stmtTimeoutWarned || sc.stmtTimeoutSet() {
		return
	}
	for _, p := range sc.mc.found {
		if p.Script == sc.ss.s && p.Stmt == sc.i && longRules[p.Rule] && !sc.mc.wouldSuppress(p) {
			return
		}
	}
	sc.ss.stmtTimeoutWarned = true
	sc.report("missing-statement-timeout", fmt.Sprintf(
		"%s %s %q under an ACCESS EXCLUSIVE lock with no statement_timeout set, so if %q is bigger than expected every read and write of it waits until the statement finishes; SET statement_timeout before it (for example '1min') so the migration fails instead of stalling traffic",
		l.what, l.verb, l.name, l.name), nil)
}

var durationRE = regexp.MustCompile(`^\s*([0-9]*\.?[0-9]+)\s*(us|ms|s|min|h|d)?\s*$`)

// timeoutValue reads a lock_timeout value: an integer in milliseconds or a
// string with a unit ('5s', '500ms', '1min').
func timeoutValue(n *pgsql.Node) (ms float64, text string, ok bool) {
	c := n.GetAConst()
	if c == nil {
		return 0, "", false
	}
	switch {
	case c.GetIval() != nil:
		v := c.GetIval().GetIval()
		return float64(v), strconv.Itoa(int(v)) + "ms", true
	case c.GetFval() != nil:
		f, err := strconv.ParseFloat(c.GetFval().GetFval(), 64)
		return f, c.GetFval().GetFval() + "ms", err == nil
	case c.GetSval() != nil:
		s := c.GetSval().GetSval()
		m := durationRE.FindStringSubmatch(strings.ToLower(s))
		if m == nil {
			return 0, "", false
		}
		f, err := strconv.ParseFloat(m[1], 64)
		if err != nil {
			return 0, "", false
		}
		mult := map[string]float64{"us": 0.001, "": 1, "ms": 1, "s": 1000, "min": 60000, "h": 3600000, "d": 86400000}[m[2]]
		return f * mult, fmt.Sprintf("%q", s), true
	}
	return 0, "", false
}

// timeoutSet reports whether a lock_timeout is in effect for the statement.
func (sc *stmtCheck) timeoutSet() bool {
	if sc.ss.sessionTimeout.set {
		return true
	}
	if tx := sc.tx(); tx != 0 && sc.ss.localTimeout[tx].set {
		return true
	}
	return false
}

// lockRules runs the rules about the locks a statement takes on tables
// that existed before the migration.
func (sc *stmtCheck) lockRules() {
	for _, l := range sc.info.locks {
		if !l.mode.blocksWrites() || sc.ss.timeoutWarned || sc.timeoutSet() {
			continue
		}
		sc.ss.timeoutWarned = true
		queued := "every query on"
		if l.mode != lockAccessExclusive {
			queued = "every write to"
		}
		off := sc.st.Pos.Offset
		text := "SET lock_timeout = '5s';\n"
		if ls, onlySpace := lineStart(sc.src(), off); onlySpace {
			text += sc.src()[ls:off]
		} else {
			text = "SET lock_timeout = '5s'; "
		}
		sc.report("missing-lock-timeout", fmt.Sprintf(
			"%s waits for %s lock on %q with no lock_timeout set, and while it waits %s %q queues behind it; SET lock_timeout = '5s' before it and retry the migration on timeout",
			l.what, l.mode.withArticle(), l.name, queued, l.name), insertFix("Set lock_timeout first", off, text))
		break
	}
	tx := sc.tx()
	if tx == 0 {
		return
	}
	for _, l := range sc.info.locks {
		if l.mode != lockAccessExclusive {
			continue
		}
		list := sc.ss.exclusive[tx]
		seen := false
		for _, e := range list {
			seen = seen || e.key == l.key
		}
		if seen {
			continue
		}
		list = append(list, lockedTable{key: l.key, name: l.name, stmt: sc.i})
		sc.ss.exclusive[tx] = list
		if len(list) == 2 && !sc.ss.exclusiveDone[tx] {
			sc.ss.exclusiveDone[tx] = true
			first := list[0]
			sc.report("multiple-exclusive-locks", fmt.Sprintf(
				"this transaction takes ACCESS EXCLUSIVE locks on %q (%s) and %q and holds both until COMMIT, so queries on either queue for the whole transaction and lock-order deadlocks become likely; change one table per migration",
				first.name, sc.mc.stmtRef(sc.ss.s, first.stmt), l.name), nil)
		}
	}
}

// backfills reports UPDATE and DELETE statements that share a transaction
// with a statement holding a lock that blocks writes to a live table.
func (mc *migChecker) backfills(ss *scriptState) {
	for i, info := range ss.stmts {
		tx := ss.tx[i]
		if info.dml == nil || tx == 0 {
			continue
		}
		for j, other := range ss.stmts {
			if j == i || ss.tx[j] != tx {
				continue
			}
			var lk *lockTaken
			for k := range other.locks {
				if other.locks[k].mode.blocksWrites() {
					lk = &other.locks[k]
					break
				}
			}
			if lk == nil {
				continue
			}
			var msg string
			if j < i {
				msg = fmt.Sprintf(
					"%s of %q runs in the same transaction as %s on %q (%s), so that %s lock is held until the backfill commits, blocking %s of %q meanwhile; move the backfill to a migration of its own without DDL and update in batches",
					info.dmlKind, info.dml.name, lk.what, lk.name, mc.stmtRef(ss.s, j), lk.mode, lk.mode.blocked(), lk.name)
			} else {
				msg = fmt.Sprintf(
					"%s of %q runs in the same transaction as %s on %q (%s), so the rows it changes stay locked until that statement gets its %s lock and the transaction commits; move the backfill to a migration of its own without DDL and update in batches",
					info.dmlKind, info.dml.name, lk.what, lk.name, mc.stmtRef(ss.s, j), lk.mode)
			}
			mc.reportStmt(ss, i, "backfill-in-ddl-transaction", msg, nil)
			break
		}
	}
}
