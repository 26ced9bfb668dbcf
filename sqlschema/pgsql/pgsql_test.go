package pgsql

import (
	"errors"
	"testing"
)

func TestParseSplitsWithPositions(t *testing.T) {
	src := "-- leading\nCREATE TABLE a (id int);\n\n/* block */ -- dblint:ignore x y\nSELECT 1;\n  INSERT INTO a VALUES (1) -- tail\n"
	res, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Statements) != 3 {
		t.Fatalf("got %d statements", len(res.Statements))
	}
	want := []struct {
		text      string
		line, col int
		comments  int
	}{
		{"CREATE TABLE a (id int)", 2, 1, 1},
		{"SELECT 1", 5, 1, 2},
		{"INSERT INTO a VALUES (1)", 6, 3, 0},
	}
	for i, w := range want {
		st := res.Statements[i]
		if st.Text != w.text || st.Pos.Line != w.line || st.Pos.Column != w.col || len(st.Comments) != w.comments {
			t.Errorf("stmt %d = %q at %v with %d comments, want %q at %d:%d with %d", i, st.Text, st.Pos, len(st.Comments), w.text, w.line, w.col, w.comments)
		}
		if src[st.Pos.Offset:st.End] != st.Text {
			t.Errorf("stmt %d offsets do not match text", i)
		}
	}
	if got := res.Statements[1].Comments[1].Body(); got != "dblint:ignore x y" {
		t.Errorf("comment body = %q", got)
	}
	if len(res.Trailing) != 1 || res.Trailing[0].Body() != "tail" {
		t.Errorf("trailing = %+v", res.Trailing)
	}
}

func TestParseErrorPosition(t *testing.T) {
	src := "SELECT 1;\nSELECT ééé FROM WHERE x;\n"
	_, err := Parse(src)
	var pe *Error
	if !errors.As(err, &pe) {
		t.Fatalf("err = %v", err)
	}
	if pe.SQLState != SyntaxErrorCode || pe.Pos.Line != 2 || pe.Pos.Column != 20 {
		t.Errorf("got %q %s at %v", pe.Message, pe.SQLState, pe.Pos)
	}
	if pe.Message != `syntax error at or near "WHERE"` {
		t.Errorf("message = %q", pe.Message)
	}
}

func TestParseCacheShares(t *testing.T) {
	a, _ := Parse("SELECT 1")
	b, _ := Parse("SELECT 1")
	if a != b {
		t.Error("cache miss on identical text")
	}
}

func TestDeparseExpr(t *testing.T) {
	st, err := ParseOne("CREATE INDEX ON t (lower(email)) WHERE deleted_at IS NULL")
	if err != nil {
		t.Fatal(err)
	}
	ix := st.Node.GetIndexStmt()
	if got := DeparseExpr(ix.GetIndexParams()[0].GetIndexElem().GetExpr()); got != "lower(email)" {
		t.Errorf("expr = %q", got)
	}
	if got := DeparseExpr(ix.GetWhereClause()); got != "deleted_at IS NULL" {
		t.Errorf("predicate = %q", got)
	}
}

func TestNULByteIsAnError(t *testing.T) {
	if _, err := Parse("SELECT '\x00'"); err == nil {
		t.Error("want error")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"SELECT 1", "CREATE TABLE t (a int); -- x", "/* /* nested */ */ SELECT", "SELECT 'é", "$$"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		res, err := ParseUncached(src)
		if err != nil {
			return
		}
		for _, st := range res.Statements {
			if st.Pos.Offset < 0 || st.End > len(src) || st.Pos.Offset > st.End {
				t.Fatalf("bad offsets %d..%d of %d", st.Pos.Offset, st.End, len(src))
			}
		}
	})
}

func TestInspectVisitsNestedNodes(t *testing.T) {
	st, err := ParseOne("SELECT a, (SELECT b FROM t2 WHERE t2.c = t1.d) FROM t1 WHERE e IN (1, $2)")
	if err != nil {
		t.Fatal(err)
	}
	var cols []string
	params := 0
	Inspect(st.Node, func(n *Node) bool {
		if cr := n.GetColumnRef(); cr != nil {
			s := ""
			for _, f := range cr.GetFields() {
				if s != "" {
					s += "."
				}
				s += StringValue(f)
			}
			cols = append(cols, s)
		}
		if n.GetParamRef() != nil {
			params++
		}
		return true
	})
	if len(cols) != 5 || params != 1 {
		t.Fatalf("cols = %v, params = %d", cols, params)
	}
}
