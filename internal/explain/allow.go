package explain

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// The statements a Planner may send. Everything else is refused before it
// reaches the connection, so a bug here cannot run a user's UPDATE or an
// EXPLAIN ANALYZE.
var (
	allowedExact = map[string]bool{
		"BEGIN TRANSACTION READ ONLY": true,
		"ROLLBACK":                    true,
		"SET LOCAL plan_cache_mode = force_generic_plan": true,
	}
	allowedTimeout    = regexp.MustCompile(`^SET LOCAL (statement_timeout|lock_timeout) = [0-9]{1,9}$`)
	allowedDeallocate = regexp.MustCompile(`^DEALLOCATE dblint_q_[0-9]{1,9}$`)
	allowedExplain    = regexp.MustCompile(`^EXPLAIN \(VERBOSE, FORMAT JSON\) EXECUTE dblint_q_[0-9]{1,9}(\(NULL(, NULL)*\))?$`)
	allowedPrepare    = regexp.MustCompile(`^PREPARE dblint_q_[0-9]{1,9} AS `)
)

// Allowed reports whether the planner may send sql: one of a fixed set of
// transaction and setting statements, PREPARE dblint_q_N AS a single
// SELECT, UPDATE or DELETE, EXPLAIN (VERBOSE, FORMAT JSON) EXECUTE
// dblint_q_N with NULL arguments, or DEALLOCATE dblint_q_N.
func Allowed(sql string) error {
	switch {
	case allowedExact[sql], allowedTimeout.MatchString(sql), allowedDeallocate.MatchString(sql), allowedExplain.MatchString(sql):
		return nil
	case allowedPrepare.MatchString(sql):
		// The whole text must parse as one PREPARE whose query is
		// plannable: "PREPARE q AS SELECT 1; DROP TABLE t" is two
		// statements and is refused here, before the server would
		// refuse it too.
		st, err := pgsql.ParseOne(sql)
		if err != nil {
			return fmt.Errorf("%s: %w", shorten(sql), err)
		}
		prep := st.Node.GetPrepareStmt()
		if prep == nil || !strings.HasPrefix(prep.GetName(), "dblint_q_") {
			return fmt.Errorf("%s: not a PREPARE of dblint's", shorten(sql))
		}
		if len(prep.GetArgtypes()) > 0 {
			return fmt.Errorf("%s: parameter types are left to inference", shorten(sql))
		}
		if err := plannableNode(prep.GetQuery()); err != nil {
			return fmt.Errorf("%s: %w", shorten(sql), err)
		}
		return nil
	}
	return fmt.Errorf("%s: %w", shorten(sql), errNotAllowed)
}

var errNotAllowed = errors.New("not on the allow-list")

func shorten(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}
