package sqlcall

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/go/ast/inspector"
)

// fakeStd holds just enough of fmt and strings for the folder, so fuzzing
// does not type-check the standard library on every input.
var fakeStd = map[string]string{
	"fmt":     `package fmt; func Sprintf(format string, a ...any) string { return "" }; func Sprint(a ...any) string { return "" }`,
	"strings": `package strings; func Join(elems []string, sep string) string { return "" }; func Repeat(s string, n int) string { return "" }`,
}

type fakeImporter map[string]*types.Package

func (m fakeImporter) Import(path string) (*types.Package, error) {
	if p, ok := m[path]; ok {
		return p, nil
	}
	return importer.Default().Import(path)
}

func newFakeImporter(t testing.TB) fakeImporter {
	m := make(fakeImporter)
	fset := token.NewFileSet()
	for path, src := range fakeStd {
		f, err := parser.ParseFile(fset, path+".go", src, 0)
		if err != nil {
			t.Fatal(err)
		}
		p, err := (&types.Config{}).Check(path, fset, []*ast.File{f}, nil)
		if err != nil {
			t.Fatal(err)
		}
		m[path] = p
	}
	return m
}

// fuzzTemplates build the body of a function ending in db.Query(...). A, B
// and C are the fuzz strings as Go string literals; RA is A as written.
var fuzzTemplates = []string{
	`db.Query(A + x + B)`,
	`db.Query(fmt.Sprintf(A, x, n, B))`,
	`db.Query(fmt.Sprintf(A, B, C))`,
	`q := A; if cond { q = B } else { q = C }; db.Query(q)`,
	`var q string; switch n { case 1: q = A; case 2: q = B; default: q = C }; db.Query(q)`,
	`db.Query(strings.Join([]string{A, x, B}, C))`,
	`db.Query(c1 + v1 + A)`,
	"db.Query(`RA`)",
	`db.Query(RA)`,
	`q := RA; db.Query(q + B)`,
	`q := A; q = B; db.Query(q, RA)`,
	`db.Query(fmt.Sprintf(RA))`,
}

func FuzzFold(f *testing.F) {
	f.Add(uint8(0), "SELECT * FROM ", " WHERE id = $1", "")
	f.Add(uint8(1), "SELECT %s FROM t LIMIT %d OFFSET %v", "x", "")
	f.Add(uint8(2), "%s %q %5.2v %-3d %%", "é\t\x00", "`")
	f.Add(uint8(3), "SELECT 1", "SELECT 2", "SELECT 3")
	f.Add(uint8(5), "a", "b", ", ")
	f.Add(uint8(7), "SELECT ?, :a, @b, '$1' -- x\n/* y */", "", "")
	f.Add(uint8(8), `"x" + fmt.Sprintf("%d", n) + ("y")`, "", "")
	f.Add(uint8(9), `strings.Join(nil, "")`, "", "")
	f.Add(uint8(11), `"%[2]*.[1]d %!"`, "", "")
	imp := newFakeImporter(f)
	f.Fuzz(func(t *testing.T, shape uint8, a, b, c string) {
		tmpl := fuzzTemplates[int(shape)%len(fuzzTemplates)]
		body := strings.NewReplacer(
			"RA", a, "A", strconv.Quote(a), "B", strconv.Quote(b), "C", strconv.Quote(c),
		).Replace(tmpl)
		src := "package p\n\nimport (\n\t\"fmt\"\n\t\"strings\"\n)\n\n" +
			"var _ = fmt.Sprint\nvar _ = strings.Join\n\n" +
			"type DB struct{}\n\nfunc (*DB) Query(q string, args ...any) {}\n\n" +
			"const c1 = " + strconv.Quote(b) + "\n\nvar v1 = " + strconv.Quote(c) + "\n\n" +
			"func f(db *DB, x string, n int, cond bool) {\n\t" + body + "\n}\n"
		fset := token.NewFileSet()
		file, err := parser.ParseFile(fset, "p.go", src, parser.SkipObjectResolution)
		if err != nil {
			return
		}
		info := &types.Info{
			Types:     make(map[ast.Expr]types.TypeAndValue),
			Defs:      make(map[*ast.Ident]types.Object),
			Uses:      make(map[*ast.Ident]types.Object),
			Instances: make(map[*ast.Ident]types.Instance),
		}
		// Type errors are not fatal: the folder must cope with partial
		// information too.
		conf := types.Config{Importer: imp, Error: func(error) {}}
		pkg, _ := conf.Check("p", fset, []*ast.File{file}, info)
		files := []*ast.File{file}
		st := newPkgState(fset, pkg, info, files, inspector.New(files))
		st.collect()
		for _, cur := range st.callCursors {
			call := cur.Node().(*ast.CallExpr)
			sel, ok := call.Fun.(*ast.SelectorExpr)
			if !ok || sel.Sel.Name != "Query" || len(call.Args) == 0 {
				continue
			}
			vs, ok := st.newFolder().fold(call.Args[0])
			if !ok {
				continue
			}
			if len(vs) > maxVariants {
				t.Fatalf("%d variants", len(vs))
			}
			for _, v := range vs {
				for _, style := range []Placeholder{Dollar, Question, NamedColon, NamedAt} {
					q := buildQuery(v, call.Pos(), style, false)
					for i := 0; i <= len(q.Text); i++ {
						if p := q.PosAt(i); !p.IsValid() {
							t.Fatalf("PosAt(%d) of %q is not valid", i, q.Text)
						}
					}
					for i := 0; i <= len(q.Parsed); i++ {
						if off := q.TextOffset(i); off < 0 || off > len(q.Text) {
							t.Fatalf("TextOffset(%d) = %d out of %q", i, off, q.Text)
						}
					}
					for _, h := range q.Holes {
						if q.Text[h.Offset:h.Offset+len(h.Marker)] != h.Marker {
							t.Fatalf("hole %s not at %d in %q", h.Marker, h.Offset, q.Text)
						}
					}
				}
			}
		}
	})
}
