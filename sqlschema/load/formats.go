package load

import (
	"bufio"
	"fmt"
	"strings"

	"github.com/dblint/dblint/sqlschema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

const bom = "\uFEFF"

// ternSeparator splits a tern migration into up (above) and down (below).
const ternSeparator = "---- create above / drop below ----"

// section is the part of a file that belongs to one direction: byte
// ranges of the file, so statement positions stay positions in the file.
type section struct {
	ranges  [][2]int
	present bool // the file has this direction (a nil Script otherwise)
	tx      sqlschema.TxMode
}

func (s *section) add(start, end int) {
	if end <= start {
		return
	}
	if n := len(s.ranges); n > 0 && s.ranges[n-1][1] == start {
		s.ranges[n-1][1] = end
		return
	}
	s.ranges = append(s.ranges, [2]int{start, end})
}

func whole(f *srcFile, tx sqlschema.TxMode) section {
	return section{ranges: [][2]int{{0, len(f.data)}}, present: true, tx: tx}
}

// buildScripts fills e.m.Up and e.m.Down from the entry's files.
func buildScripts(format string, e *entry, l *listing) error {
	var up, down section
	upFile, downFile := e.upFile, e.upFile
	switch format {
	case GolangMigrate, Pop:
		up = whole(e.upFile, sqlschema.TxImplicit)
		if e.dnFile != nil {
			downFile = e.dnFile
			down = whole(e.dnFile, sqlschema.TxImplicit)
		}
	case Flyway:
		tx, err := flywayTx(e.upFile, l)
		if err != nil {
			return err
		}
		up = whole(e.upFile, tx)
		if e.dnFile != nil {
			downFile = e.dnFile
			tx, err := flywayTx(e.dnFile, l)
			if err != nil {
				return err
			}
			down = whole(e.dnFile, tx)
		}
	case Plain:
		up = whole(e.upFile, sqlschema.TxNone)
	case Atlas:
		tx, err := atlasTx(e.upFile)
		if err != nil {
			return err
		}
		up = whole(e.upFile, tx)
	case Tern:
		var err error
		if up, down, err = splitTern(e.upFile); err != nil {
			return err
		}
	case Goose, SQLMigrate, Dbmate:
		var err error
		if up, down, err = splitAnnotated(e.upFile, format); err != nil {
			return err
		}
	default:
		return fmt.Errorf("unknown migration format %q", format)
	}
	var err error
	if e.m.Up, err = parseScript(upFile, up, format == Plain); err != nil {
		return err
	}
	if down.present {
		if e.m.Down, err = parseScript(downFile, down, format == Plain); err != nil {
			return err
		}
	}
	if format == Flyway {
		// Flyway runs a script outside a transaction when a statement
		// cannot run inside one (CREATE INDEX CONCURRENTLY, ...).
		for _, s := range []*sqlschema.Script{e.m.Up, e.m.Down} {
			if s != nil && s.Tx == sqlschema.TxWrapped && hasNonTransactional(s) {
				s.Tx = sqlschema.TxNone
			}
		}
	}
	return nil
}

// lines calls fn for each line of src with its start offset and its text
// without the line terminator.
func lines(src string, fn func(start int, line string) error) error {
	off := 0
	for line := range strings.Lines(src) {
		text := strings.TrimRight(line, "\r\n")
		start := off
		if off == 0 && strings.HasPrefix(text, bom) {
			text, start = text[len(bom):], len(bom)
		}
		if err := fn(start, text); err != nil {
			return err
		}
		off += len(line)
	}
	return nil
}

func annotationError(f *srcFile, off int, format string, args ...any) *sqlschema.Error {
	pos := pgsql.NewLineIndex(f.data).Position(off)
	return &sqlschema.Error{File: f.path, Line: pos.Line, Column: pos.Column, Message: fmt.Sprintf(format, args...)}
}

// splitAnnotated splits a goose, sql-migrate or dbmate file at its
// direction annotations. The annotation lines belong to neither side.
func splitAnnotated(f *srcFile, format string) (up, down section, err error) {
	var cur *section
	blockStart := -1 // offset of an open StatementBegin
	noTx := false    // goose NO TRANSACTION applies to the whole file
	upName := map[string]string{Goose: "-- +goose Up", SQLMigrate: "-- +migrate Up", Dbmate: "-- migrate:up"}[format]
	err = lines(f.data, func(start int, line string) error {
		end := start + len(line)
		if end < len(f.data) {
			end++ // keep the newline with the line
		}
		t := strings.TrimSpace(line)
		rest := ""
		if strings.HasPrefix(t, "--") {
			rest = strings.TrimSpace(t[2:])
		}
		col := start + strings.Index(line, "--")
		switch {
		case format == Goose && hasFoldPrefix(rest, "+goose"):
			cmd := strings.ToLower(strings.Join(strings.Fields(rest[len("+goose"):]), " "))
			switch cmd {
			case "up", "down":
				if blockStart >= 0 {
					return annotationError(f, col, "-- +goose %s inside a StatementBegin block", cmd)
				}
				cur = &up
				if cmd == "down" {
					cur = &down
				}
				if cur.present {
					return annotationError(f, col, "second -- +goose %s annotation", strings.ToUpper(cmd[:1])+cmd[1:])
				}
				cur.present = true
			case "statementbegin":
				if blockStart >= 0 {
					return annotationError(f, col, "-- +goose StatementBegin inside another StatementBegin block")
				}
				blockStart = col
			case "statementend":
				if blockStart < 0 {
					return annotationError(f, col, "-- +goose StatementEnd without StatementBegin")
				}
				blockStart = -1
			case "no transaction":
				noTx = true
			case "envsub on", "envsub off":
				// ${VAR} substitution happens at run time; the text as
				// written is what is parsed.
			default:
				return annotationError(f, col, "unknown goose annotation %q", t)
			}
			if cur == nil && (cmd == "statementbegin" || cmd == "statementend") {
				return annotationError(f, col, "%s before %s", t, upName)
			}
			return nil
		case format == SQLMigrate && hasFoldPrefix(rest, "+migrate"):
			fields := strings.Fields(rest[len("+migrate"):])
			cmd := ""
			if len(fields) > 0 {
				cmd = strings.ToLower(fields[0])
			}
			switch cmd {
			case "up", "down":
				if blockStart >= 0 {
					return annotationError(f, col, "%s inside a StatementBegin block", t)
				}
				cur = &up
				if cmd == "down" {
					cur = &down
				}
				if cur.present {
					return annotationError(f, col, "second %s annotation", t)
				}
				cur.present, cur.tx = true, sqlschema.TxWrapped
				for _, opt := range fields[1:] {
					if strings.EqualFold(opt, "notransaction") {
						cur.tx = sqlschema.TxNone
					} else {
						return annotationError(f, col, "unknown sql-migrate option %q in %q", opt, t)
					}
				}
			case "statementbegin":
				if cur == nil {
					return annotationError(f, col, "%s before %s", t, upName)
				}
				if blockStart >= 0 {
					return annotationError(f, col, "-- +migrate StatementBegin inside another StatementBegin block")
				}
				blockStart = col
			case "statementend":
				if blockStart < 0 {
					return annotationError(f, col, "-- +migrate StatementEnd without StatementBegin")
				}
				blockStart = -1
			default:
				return annotationError(f, col, "unknown sql-migrate annotation %q", t)
			}
			return nil
		case format == Dbmate && (hasFoldPrefix(rest, "migrate:up") || hasFoldPrefix(rest, "migrate:down")):
			fields := strings.Fields(rest)
			dir := strings.ToLower(fields[0])
			switch dir {
			case "migrate:up":
				cur = &up
			case "migrate:down":
				cur = &down
			default:
				return annotationError(f, col, "unknown dbmate annotation %q", t)
			}
			if cur.present {
				return annotationError(f, col, "second -- %s annotation", dir)
			}
			cur.present, cur.tx = true, sqlschema.TxWrapped
			for _, opt := range fields[1:] {
				k, v, _ := strings.Cut(opt, ":")
				if !strings.EqualFold(k, "transaction") {
					continue // dbmate ignores options it does not know
				}
				switch strings.ToLower(v) {
				case "false":
					cur.tx = sqlschema.TxNone
				case "true":
				default:
					return annotationError(f, col, "invalid dbmate option %q: want transaction:true or transaction:false", opt)
				}
			}
			return nil
		}
		if cur == nil {
			if t != "" && !strings.HasPrefix(t, "--") {
				return annotationError(f, start+strings.Index(line, t), "SQL before the %s annotation", upName)
			}
			return nil
		}
		cur.add(start, end)
		return nil
	})
	if err != nil {
		return up, down, err
	}
	if blockStart >= 0 {
		return up, down, annotationError(f, blockStart, "StatementBegin without StatementEnd")
	}
	if !up.present {
		return up, down, &sqlschema.Error{File: f.path, Message: fmt.Sprintf("no %s annotation", upName)}
	}
	if format == Goose {
		up.tx, down.tx = sqlschema.TxWrapped, sqlschema.TxWrapped
		if noTx {
			up.tx, down.tx = sqlschema.TxNone, sqlschema.TxNone
		}
	}
	return up, down, nil
}

func hasFoldPrefix(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// splitTern splits a tern file at its separator; without one, the whole
// file is the up script and there is no down.
func splitTern(f *srcFile) (up, down section, err error) {
	tx := sqlschema.TxWrapped
	sep, sepEnd := -1, -1
	err = lines(f.data, func(start int, line string) error {
		t := strings.TrimSpace(line)
		switch {
		case t == ternSeparator:
			if sep >= 0 {
				return annotationError(f, start, "second %q separator", ternSeparator)
			}
			sep, sepEnd = start, start+len(line)
		case t == "---- tern: disable-tx ----":
			tx = sqlschema.TxNone
		case strings.HasPrefix(t, "---- tern:"):
			return annotationError(f, start+strings.Index(line, "----"), "unknown tern directive %q", t)
		}
		return nil
	})
	if err != nil {
		return up, down, err
	}
	if sep < 0 {
		return whole(f, tx), down, nil
	}
	up = section{present: true, tx: tx}
	up.add(0, sep)
	down = section{present: true, tx: tx}
	down.add(sepEnd, len(f.data))
	return up, down, nil
}

// atlasTx reads the -- atlas:txmode directive from the file's header.
func atlasTx(f *srcFile) (sqlschema.TxMode, error) {
	tx := sqlschema.TxWrapped
	err := lines(f.data, func(start int, line string) error {
		t := strings.TrimSpace(line)
		if !strings.HasPrefix(t, "--") {
			if t != "" {
				return errStop
			}
			return nil
		}
		rest := strings.TrimSpace(t[2:])
		if !hasFoldPrefix(rest, "atlas:txmode") {
			return nil
		}
		switch mode := strings.ToLower(strings.TrimSpace(rest[len("atlas:txmode"):])); mode {
		case "none":
			tx = sqlschema.TxNone
		case "file", "all":
			tx = sqlschema.TxWrapped
		default:
			return annotationError(f, start+strings.Index(line, "--"), "unknown atlas txmode %q: want none, file or all", mode)
		}
		return nil
	})
	if err != nil && err != errStop {
		return tx, err
	}
	return tx, nil
}

var errStop = fmt.Errorf("stop")

// flywayTx reads executeInTransaction from a script's .sql.conf.
func flywayTx(f *srcFile, l *listing) (sqlschema.TxMode, error) {
	conf := l.file(f.name + ".conf")
	if conf == nil {
		return sqlschema.TxWrapped, nil
	}
	tx := sqlschema.TxWrapped
	sc := bufio.NewScanner(strings.NewReader(conf.data))
	for n := 1; sc.Scan(); n++ {
		k, v, ok := strings.Cut(sc.Text(), "=")
		if !ok || strings.TrimSpace(k) != "executeInTransaction" {
			continue
		}
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "false":
			tx = sqlschema.TxNone
		case "true":
			tx = sqlschema.TxWrapped
		default:
			return tx, &sqlschema.Error{File: conf.path, Line: n, Column: 1, Message: fmt.Sprintf("executeInTransaction must be true or false, not %q", strings.TrimSpace(v))}
		}
	}
	return tx, nil
}

// hasNonTransactional reports whether a script has a statement
// PostgreSQL refuses inside a transaction block.
func hasNonTransactional(s *sqlschema.Script) bool {
	for _, st := range s.Statements {
		n := st.Node
		switch {
		case n.GetIndexStmt() != nil && n.GetIndexStmt().GetConcurrent(),
			n.GetDropStmt() != nil && n.GetDropStmt().GetConcurrent(),
			n.GetReindexStmt() != nil && strings.Contains(strings.ToUpper(st.Text), "CONCURRENTLY"),
			n.GetVacuumStmt() != nil,
			n.GetCreatedbStmt() != nil, n.GetDropdbStmt() != nil,
			n.GetCreateTableSpaceStmt() != nil, n.GetDropTableSpaceStmt() != nil,
			n.GetAlterSystemStmt() != nil:
			return true
		}
	}
	return false
}
