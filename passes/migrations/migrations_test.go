package migrations

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/dblint/dblint/sqlschema"
)

// reporter reports each Go migration at its registration call,
//
//	goose-go VERSION NAME tx=MODE up=N down=M
//
// where N and M count statements, or are "none" (nil function) or
// "unknown(reason)"; and each statement at the Go call that sends it,
//
//	VERSION up[i] TEXT
//
// with the text's whitespace collapsed.
var reporter = &analysis.Analyzer{
	Name:       "migrationstest",
	Doc:        "reports every goose Go migration (tests only)",
	Requires:   []*analysis.Analyzer{Analyzer},
	ResultType: reflect.TypeOf((*Result)(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[Analyzer].(*Result)
		for _, g := range res.Go {
			m := g.Migration
			tx := sqlschema.TxWrapped
			if g.NoTx {
				tx = sqlschema.TxNone
			}
			pass.Reportf(g.Register.Pos(), "%s %s %s tx=%s up=%s down=%s", m.Format, m.Version, m.Name, tx,
				count(m.Up, g.UpUnknown), count(m.Down, g.DownUnknown))
			for _, d := range []struct {
				name string
				s    *sqlschema.Script
			}{{"up", m.Up}, {"down", m.Down}} {
				if d.s == nil {
					continue
				}
				for i, st := range d.s.Statements {
					pass.Reportf(g.CallFor(d.s, i).Pos(), "%s %s[%d] %s", m.Version, d.name, i, strings.Join(strings.Fields(st.Text), " "))
				}
			}
		}
		return res, nil
	},
}

func count(s *sqlschema.Script, unknown string) string {
	switch {
	case unknown != "":
		return "unknown(" + unknown + ")"
	case s == nil:
		return "none"
	}
	return fmt.Sprint(len(s.Statements))
}

func TestAnalyzer(t *testing.T) {
	results := analysistest.Run(t, analysistest.TestData(), reporter, "gooseok", "gooseunknown", "notgoose")
	byVersion := map[string]*GoMigration{}
	for _, r := range results {
		if res, ok := r.Result.(*Result); ok {
			for _, g := range res.Go {
				byVersion[g.Migration.Version] = g
			}
		}
	}

	// The scripts are synthesized: Src joins the texts, and statement
	// positions index it.
	g := byVersion["00001"]
	if g == nil {
		t.Fatal("no migration 00001")
	}
	up := g.Migration.Up
	wantSrc := "CREATE TABLE users (id bigint PRIMARY KEY, email text);\nALTER TABLE users ADD COLUMN name text;\nSELECT count(*) FROM users;\n"
	if up.Src != wantSrc {
		t.Errorf("00001 up Src = %q, want %q", up.Src, wantSrc)
	}
	if base := filepath.Base(up.File); base != "00001_create_users.go" || up.Tx != sqlschema.TxWrapped {
		t.Errorf("00001 up: File %s, Tx %s; want 00001_create_users.go, wrapped", base, up.Tx)
	}
	for i, st := range up.Statements {
		if got := up.Src[st.Pos.Offset:st.End]; got != st.Text {
			t.Errorf("00001 up statement %d: Src[%d:%d] = %q, want %q", i, st.Pos.Offset, st.End, got, st.Text)
		}
		// A finding's Offset anywhere in the statement maps to its call.
		if g.CallAt(up, st.End-1) != g.UpCalls[i] || g.CallAt(up, st.Pos.Offset) != g.UpCalls[i] {
			t.Errorf("00001 up statement %d: CallAt does not give UpCalls[%d]", i, i)
		}
	}
	if g.CallFor(g.Migration.Down, 0) != g.DownCalls[0] || g.CallFor(g.Migration.Down, 1) != nil || g.CallFor(&sqlschema.Script{}, 0) != nil {
		t.Error("CallFor: wrong call for down statement 0, or a call out of range or for another script")
	}

	// A trailing -- comment does not swallow the separator.
	if g := byVersion["00002"]; g == nil || g.Migration.Up.Tx != sqlschema.TxNone || !strings.HasSuffix(g.Migration.Up.Src, "-- the login lookup\n;\n") {
		t.Errorf("00002: want a TxNone script whose Src ends with the comment, a newline and the separator; got %+v", g)
	}
	// A function that sends nothing is an empty script, not a missing one.
	if g := byVersion["00004"]; g == nil || g.Migration.Down == nil || g.Migration.Down.Src != "" {
		t.Errorf("00004: want an empty down script")
	}
}

func TestVersionOf(t *testing.T) {
	for _, tc := range []struct {
		file, version, name string
		ok                  bool
	}{
		{"/m/00002_add_users.go", "00002", "add_users", true},
		{"20240101120000_init.sql", "20240101120000", "init", true},
		{"1_a_b.go", "1", "a_b", true},
		{"0_zero.go", "", "", false},
		{"register.go", "", "", false},
		{"v2_x.go", "", "", false},
		{"00002_add_users.txt", "", "", false},
	} {
		v, n, ok := versionOf(tc.file)
		if v != tc.version || n != tc.name || ok != tc.ok {
			t.Errorf("versionOf(%q) = %q, %q, %v; want %q, %q, %v", tc.file, v, n, ok, tc.version, tc.name, tc.ok)
		}
	}
}
