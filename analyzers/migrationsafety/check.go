package migrationsafety

import (
	"fmt"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/dblint/dblint/passes/migrations"
	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// Options configure Check.
type Options struct {
	// PGVersion is the target PostgreSQL major version; 0 means 15.
	PGVersion int
	// Baseline is the last version already applied in production:
	// migrations whose version is <= Baseline (compared numerically when
	// both are numbers) build the schema but are not reported.
	Baseline string
	// Base is the schema before the first migration; nil means empty.
	// Check does not modify it.
	Base *sqlschema.Catalog
	// Enabled reports whether a rule id is on; nil enables every rule.
	Enabled func(rule string) bool
}

// Finding is one problem in a migration file. Offsets are bytes in File;
// lines and columns are 1-based, columns count bytes (as go/token does).
type Finding struct {
	Rule               string
	File               string
	Line, Column       int
	EndLine, EndColumn int
	Offset, EndOffset  int
	Message            string
	// Fix is the mechanical remedy, when there is one.
	Fix *Fix
	// Script is the migration script the finding is in, and Stmt the
	// index of its statement the finding is attached to (-1 for the
	// whole script), so a caller can map a finding in a synthesized
	// script (a goose Go migration's) back to its source.
	Script *sqlschema.Script
	Stmt   int
}

// Fix is a suggested change to File.
type Fix struct {
	// Message is a capitalised imperative: "Add CONCURRENTLY".
	Message string
	Edits   []Edit
}

// Edit replaces the bytes [Offset, EndOffset) of the finding's File with
// NewText; Offset == EndOffset inserts.
type Edit struct {
	Offset, EndOffset int
	NewText           string
}

// Check lints migrations, given in the order they run.
//
// It folds every migration into a catalog, keeping the catalog as it is
// before each statement, so the rules know what a statement acts on:
// whether its table was created earlier in the same migration (no one else
// can be using it, so lock rules are silent), a column's type before a type
// change, the constraints a table has, whether a relation exists at all.
// A statement that does not apply (a relation missing because the
// migrations do not start from an empty database, or DDL the fold rejects)
// is checked as acting on an existing object of unknown shape and is
// otherwise skipped: lint never stops at such a statement, and the error
// is the schema loader's to report. Check returns an error only when a
// rule fails internally (a recovered panic, with its stack).
//
// Up scripts are checked for locking, rewriting and breaking changes;
// down scripts only for whether they undo the up script.
func Check(migs []*sqlschema.Migration, opts Options) (_ []Finding, err error) {
	var current *sqlschema.Migration
	defer func() {
		// A bug in a rule must not take the whole run down.
		if r := recover(); r != nil {
			file := ""
			if current != nil && current.Up != nil {
				file = current.Up.File + ": "
			}
			err = fmt.Errorf("%s%s: internal error: %v\n%s", file, Name, r, debug.Stack())
		}
	}()
	if opts.PGVersion == 0 {
		opts.PGVersion = 15
	}
	if opts.Enabled == nil {
		opts.Enabled = func(string) bool { return true }
	}
	var cat *sqlschema.Catalog
	if opts.Base != nil {
		cat = opts.Base.Clone()
	} else {
		cat = sqlschema.New()
	}
	var out []Finding
	files := map[*sqlschema.Script]*pgsql.LineIndex{}
	for _, m := range migs {
		if m == nil {
			continue
		}
		current = m
		if opts.Baseline != "" && compareVersions(m.Version, opts.Baseline) <= 0 {
			applyLenient(cat, m.Up)
			continue
		}
		// The migration is applied to a fork: before keeps the schema as
		// it was, sharing what the migration does not touch (a clone per
		// migration was most of the time on a long history).
		before := cat
		cat = cat.Fork()
		mc := &migChecker{opts: &opts, mig: m, cat: cat, before: before, files: files,
			createdTables: map[string]bool{}, createdViews: map[string]bool{}}
		if m.Up != nil {
			mc.script(m.Up)
		}
		mc.reversibility()
		out = append(out, mc.finish()...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Offset != b.Offset {
			return a.Offset < b.Offset
		}
		return a.Rule < b.Rule
	})
	return out, nil
}

// applyLenient applies a script statement by statement, skipping
// statements that do not apply.
func applyLenient(cat *sqlschema.Catalog, s *sqlschema.Script) {
	if s == nil {
		return
	}
	for i := range s.Statements {
		_ = cat.Apply(&s.Statements[i], s.File)
	}
}

// compareVersions compares migration versions numerically when both are
// decimal numbers (leading zeros ignored), else as strings.
func compareVersions(a, b string) int {
	if isDigits(a) && isDigits(b) {
		a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		if len(a) != len(b) {
			if len(a) < len(b) {
				return -1
			}
			return 1
		}
	}
	return strings.Compare(a, b)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// migChecker checks one migration.
type migChecker struct {
	opts   *Options
	mig    *sqlschema.Migration
	cat    *sqlschema.Catalog // the catalog before the statement being checked
	before *sqlschema.Catalog // the catalog before the migration
	// files are the line indexes of the scripts' sources, by script: the
	// up and down scripts of a goose Go migration share a File but not
	// a Src.
	files map[*sqlschema.Script]*pgsql.LineIndex

	// createdTables and createdViews hold the keys (schema.name) of
	// relations created by this migration: no one else uses them yet.
	createdTables map[string]bool
	createdViews  map[string]bool

	found []Finding // before suppression
	// ignores are the dblint:ignore directives of this migration's files.
	ignores []*ignoreDirective
}

// scriptState is the walk through one script.
type scriptState struct {
	s *sqlschema.Script
	// tx per statement: the transaction it runs in (0: autocommit).
	tx []int
	// explicit per statement: inside an explicit BEGIN ... COMMIT.
	explicit []bool
	stmts    []*stmtInfo

	sessionTimeout timeoutSetting
	localTimeout   map[int]timeoutSetting // per transaction
	timeoutWarned  bool

	// statement_timeout, tracked like lock_timeout.
	sessionStmtTimeout timeoutSetting
	localStmtTimeout   map[int]timeoutSetting
	stmtTimeoutWarned  bool

	// lastWork is the index of the last statement that does work
	// (isWork), or -1.
	lastWork int

	// per transaction
	notValid      map[int]map[string]int // "tablekey\x00constraint" -> statement index
	exclusive     map[int][]lockedTable  // ACCESS EXCLUSIVE tables, in order
	exclusiveDone map[int]bool
}

type timeoutSetting struct {
	set bool
	ms  float64
}

type lockedTable struct {
	key, name string
	stmt      int
}

// stmtInfo is what the transaction-level rules need of a statement.
type stmtInfo struct {
	locks []lockTaken
	// dml is the table an UPDATE or DELETE changes, when it existed
	// before the migration.
	dml     *lockedTable
	dmlKind string
	// long is set when the statement holds an ACCESS EXCLUSIVE lock on
	// a live table for work that grows with the table (a rewrite, a
	// scan, an index build), for missing-statement-timeout.
	long *longOp
}

// longOp is table-sized work done under an ACCESS EXCLUSIVE lock.
type longOp struct {
	what string // the statement: "ALTER TABLE"
	verb string // "rewrites", "scans", "builds an index on"
	name string // the table
}

func (mc *migChecker) enabled(rule string) bool { return mc.opts.Enabled(rule) }

func (mc *migChecker) lineIndex(s *sqlschema.Script) *pgsql.LineIndex {
	li := mc.files[s]
	if li == nil {
		li = pgsql.NewLineIndex(s.Src)
		mc.files[s] = li
	}
	return li
}

// stmtRef names statement j of a script in messages: "line 3". A goose
// Go migration's Src is synthesized, so its lines are nowhere in the .go
// file: there the statement is counted instead ("statement 2 of the up
// function").
func (mc *migChecker) stmtRef(s *sqlschema.Script, j int) string {
	if mc.mig.Format != migrations.FormatGooseGo {
		return fmt.Sprintf("line %d", s.Statements[j].Pos.Line)
	}
	dir := "up"
	if s == mc.mig.Down {
		dir = "down"
	}
	return fmt.Sprintf("statement %d of the %s function", j+1, dir)
}

// report records a finding of rule at [off, end) of the script's file,
// attached to statement i for suppression.
func (mc *migChecker) report(s *sqlschema.Script, i int, rule string, off, end int, msg string, fix *Fix) {
	if !mc.enabled(rule) {
		return
	}
	if off < 0 {
		off = 0
	}
	if off > len(s.Src) {
		off = len(s.Src)
	}
	if end < off {
		end = off
	}
	if end > len(s.Src) {
		end = len(s.Src)
	}
	li := mc.lineIndex(s)
	p, e := li.Position(off), li.Position(end)
	mc.found = append(mc.found, Finding{Rule: rule, File: s.File, Line: p.Line, Column: p.Column, EndLine: e.Line, EndColumn: e.Column,
		Offset: off, EndOffset: end, Message: msg, Fix: fix, Script: s, Stmt: i})
}

// reportStmt reports at the whole statement.
func (mc *migChecker) reportStmt(ss *scriptState, i int, rule, msg string, fix *Fix) {
	st := &ss.s.Statements[i]
	mc.report(ss.s, i, rule, st.Pos.Offset, st.End, msg, fix)
}

// script checks the up script, applying each statement after checking it.
func (mc *migChecker) script(s *sqlschema.Script) {
	ss := &scriptState{s: s, localTimeout: map[int]timeoutSetting{}, localStmtTimeout: map[int]timeoutSetting{},
		notValid: map[int]map[string]int{}, exclusive: map[int][]lockedTable{}, exclusiveDone: map[int]bool{}}
	ss.transactions()
	ss.lastWork = ss.lastWorkIndex()
	mc.collectIgnores(s)
	mc.transactionControl(ss)
	for i := range s.Statements {
		st := &s.Statements[i]
		info := &stmtInfo{}
		ss.stmts = append(ss.stmts, info)
		sc := &stmtCheck{mc: mc, ss: ss, i: i, st: st, info: info}
		sc.check()
		if err := mc.cat.Apply(st, s.File); err == nil {
			sc.afterApply()
		}
	}
	mc.backfills(ss)
}

// transactions assigns each statement the transaction it runs in: the
// script's own (Script.Tx) plus explicit BEGIN ... COMMIT blocks.
func (ss *scriptState) transactions() {
	n := len(ss.s.Statements)
	implicit := ss.s.Tx.InTransaction(n)
	next := 0
	newTx := func() int { next++; return next }
	cur, inBlock := 0, false
	if implicit {
		cur = newTx()
	}
	ss.tx = make([]int, n)
	ss.explicit = make([]bool, n)
	for i := range ss.s.Statements {
		ts := ss.s.Statements[i].Node.GetTransactionStmt()
		switch {
		case ts != nil && (ts.GetKind() == pgsql.TransactionStmtKind_TRANS_STMT_BEGIN || ts.GetKind() == pgsql.TransactionStmtKind_TRANS_STMT_START):
			if cur == 0 {
				cur = newTx()
			}
			inBlock = true
		case ts != nil && (ts.GetKind() == pgsql.TransactionStmtKind_TRANS_STMT_COMMIT || ts.GetKind() == pgsql.TransactionStmtKind_TRANS_STMT_ROLLBACK ||
			ts.GetKind() == pgsql.TransactionStmtKind_TRANS_STMT_PREPARE):
			ss.tx[i], ss.explicit[i] = cur, inBlock
			inBlock = false
			cur = 0
			// In a multi-statement simple-protocol Exec, the statements
			// after a COMMIT form a new implicit transaction.
			if implicit && ss.s.Tx == sqlschema.TxImplicit && i+1 < n {
				cur = newTx()
			}
			continue
		}
		ss.tx[i], ss.explicit[i] = cur, inBlock
	}
}

// finish applies the dblint:ignore directives and returns the findings.
func (mc *migChecker) finish() []Finding {
	var out []Finding
	for _, p := range mc.found {
		if mc.suppressed(p) {
			continue
		}
		out = append(out, p)
	}
	for _, d := range mc.ignores {
		switch {
		case !d.hasReason:
			if d.mentionsOurs() {
				mc.reportDirective(d, "ignore-without-reason",
					"dblint:ignore directive has no reason, so it suppresses nothing; write the reason after the rule ids: -- dblint:ignore <rule> <reason>", &out)
			}
		case !d.used:
			if ids := d.unusedIDs(mc.enabled); len(ids) > 0 {
				mc.reportDirective(d, "unused-ignore",
					"dblint:ignore "+strings.Join(ids, ",")+" suppresses nothing on the statement that follows; remove the directive", &out)
			}
		}
	}
	return out
}

func (mc *migChecker) reportDirective(d *ignoreDirective, rule, msg string, out *[]Finding) {
	if !mc.enabled(rule) {
		return
	}
	li := mc.lineIndex(d.script)
	p, e := li.Position(d.comment.Pos.Offset), li.Position(d.comment.Pos.Offset+len(d.comment.Text))
	*out = append(*out, Finding{Rule: rule, File: d.script.File, Line: p.Line, Column: p.Column, EndLine: e.Line, EndColumn: e.Column,
		Offset: p.Offset, EndOffset: e.Offset, Message: msg, Script: d.script, Stmt: d.stmt})
}
