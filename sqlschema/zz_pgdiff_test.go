//go:build pgdiff

package sqlschema

// Scratch differential harness (not for commit): applies each case to a
// real PostgreSQL through psql and to the fold, and diffs both dumps.
//
//	PGDIFF_CASES='testdata/apply/*.txt' go test -tags pgdiff -run PGDiff ./sqlschema/

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

func psql(t *testing.T, db, input string) (string, string) {
	cmd := exec.Command("psql", "-X", "-q", "-A", "-t", "-F", "\t", "-h", "/tmp/pgref", "-p", "55432", "-U", "postgres", "-d", db, "-v", "ON_ERROR_STOP=1")
	cmd.Stdin = strings.NewReader(input)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	_ = cmd.Run()
	return out.String(), errb.String()
}

const dumpSQL = `
create function pg_temp.ntyp(typ oid, mod int) returns text language sql as $f$
select (case when n.nspname in ('pg_catalog','public') then b.typname::text else n.nspname || '.' || b.typname end)
 || case when mod < 0 then ''
   when b.typname in ('varchar','bpchar') then '(' || (mod-4) || ')'
   when b.typname = 'numeric' then '(' || ((mod-4)>>16) || ',' || ((mod-4)&65535) || ')'
   when b.typname in ('timestamp','timestamptz','time','timetz','bit','varbit') then '(' || mod || ')'
   else '' end
 || case when b.oid <> t.oid then '[]' else '' end
from pg_type t
join pg_type b on b.oid = case when t.typcategory='A' and t.typelem<>0 and t.typlen=-1 then t.typelem else t.oid end
join pg_namespace n on n.oid=b.typnamespace where t.oid=typ $f$;
with tabs as (
  select c.oid, n.nspname, c.relname, c.relkind, c.relpersistence, c.relispartition, c.relpartbound
  from pg_class c join pg_namespace n on n.oid=c.relnamespace
  where c.relkind in ('r','p','v','m') and n.nspname not in ('pg_catalog','information_schema') and n.nspname not like 'pg_t%'
)
select 'T', nspname, relname, relkind::text, relpersistence::text, coalesce(pg_get_partkeydef(oid), ''),
  case when relispartition then (select case when pn.nspname='public' then p.relname::text else pn.nspname||'.'||p.relname end from pg_inherits i join pg_class p on p.oid=i.inhparent join pg_namespace pn on pn.oid=p.relnamespace where i.inhrelid=tabs.oid) || ' ' || pg_get_expr(relpartbound, oid) else '' end,
  '', '', '', '', '', '', ''
from tabs
union all
select 'C', nspname, relname, lpad(a.attnum::text, 5, '0'), a.attname, pg_temp.ntyp(a.atttypid, a.atttypmod), a.attnotnull::text,
  coalesce(case when a.attgenerated='' then pg_get_expr(d.adbin, d.adrelid) end, ''), a.attidentity::text,
  coalesce(case when a.attgenerated='s' then pg_get_expr(d.adbin, d.adrelid) end, ''), '', '', '', ''
from tabs join pg_attribute a on a.attrelid = tabs.oid and a.attnum > 0 and not a.attisdropped
left join pg_attrdef d on d.adrelid=a.attrelid and d.adnum=a.attnum
union all
select 'I', nspname, tabs.relname, ic.relname, x.indisprimary::text, x.indisunique::text, am.amname,
 (select string_agg(pg_get_indexdef(x.indexrelid, k, false) || case when (x.indoption[k-1] & 1)=1 then ' desc' else '' end, E'\x1f' order by k) from generate_series(1, x.indnkeyatts) k),
 coalesce((select string_agg(pg_get_indexdef(x.indexrelid,k,false), ', ' order by k) from generate_series(x.indnkeyatts+1, x.indnatts) k), ''),
 coalesce(pg_get_expr(x.indpred, x.indrelid), ''), '', '', '', ''
from tabs join pg_index x on x.indrelid = tabs.oid join pg_class ic on ic.oid = x.indexrelid join pg_am am on am.oid = ic.relam
union all
select 'K', nspname, tabs.relname, con.conname, con.contype::text,
  coalesce((select string_agg(a.attname, ', ' order by k.i) from unnest(con.conkey) with ordinality k(n,i) join pg_attribute a on a.attrelid=con.conrelid and a.attnum=k.n), ''),
  coalesce(case when con.contype='f' then (select case when n.nspname='public' then c.relname::text else n.nspname||'.'||c.relname end from pg_class c join pg_namespace n on n.oid=c.relnamespace where c.oid=con.confrelid) end, ''),
  coalesce((select string_agg(a.attname, ', ' order by k.i) from unnest(con.confkey) with ordinality k(n,i) join pg_attribute a on a.attrelid=con.confrelid and a.attnum=k.n), ''),
  con.confdeltype::text, con.confupdtype::text, con.convalidated::text, con.condeferrable::text, coalesce((select relname from pg_class where oid=con.conindid), ''), pg_get_constraintdef(con.oid)
from tabs join pg_constraint con on con.conrelid = tabs.oid
where con.contype in ('p','u','f','c','x') and not (con.contype='f' and con.conparentid<>0 and (select relispartition from pg_class where oid=con.confrelid))
union all
select 'E', n.nspname, t.typname, '', (select string_agg(enumlabel, ', ' order by enumsortorder) from pg_enum where enumtypid=t.oid), '', '', '', '', '', '', '', '', ''
from pg_type t join pg_namespace n on n.oid=t.typnamespace where t.typtype='e'
order by 2,3,1,4;
`

var fkCodes = map[string]string{"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}

// normExpr re-parses and deparses an expression and drops casts, so that
// PostgreSQL's printing and pgsql.DeparseExpr compare.
func normExpr(s string) string {
	n := parseExpr(s)
	if n == nil {
		return "?" + s
	}
	var strip func(n *pgsql.Node) *pgsql.Node
	strip = func(n *pgsql.Node) *pgsql.Node {
		if n == nil {
			return nil
		}
		for n.GetTypeCast() != nil {
			n = n.GetTypeCast().GetArg()
		}
		switch x := n.GetNode().(type) {
		case *pgsql.Node_AExpr:
			x.AExpr.Lexpr = strip(x.AExpr.Lexpr)
			x.AExpr.Rexpr = strip(x.AExpr.Rexpr)
		case *pgsql.Node_BoolExpr:
			for i := range x.BoolExpr.Args {
				x.BoolExpr.Args[i] = strip(x.BoolExpr.Args[i])
			}
		case *pgsql.Node_FuncCall:
			for i := range x.FuncCall.Args {
				x.FuncCall.Args[i] = strip(x.FuncCall.Args[i])
			}
		case *pgsql.Node_NullTest:
			x.NullTest.Arg = strip(x.NullTest.Arg)
		case *pgsql.Node_List:
			for i := range x.List.Items {
				x.List.Items[i] = strip(x.List.Items[i])
			}
		}
		return n
	}
	return pgsql.DeparseExpr(strip(n))
}

var identRE = regexp.MustCompile(`^[a-z_][a-z0-9_$]*$|^"[^"]+"$`)

func normKey(k string) string {
	desc := ""
	if strings.HasSuffix(k, " desc") {
		desc, k = " desc", strings.TrimSuffix(k, " desc")
	}
	if identRE.MatchString(k) {
		return strings.Trim(k, `"`) + desc
	}
	return "(" + normExpr(k) + ")" + desc
}

func pgDump(rows string) string {
	var lines []string
	for _, line := range strings.Split(strings.TrimRight(rows, "\n"), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 14 {
			continue
		}
		tbl := f[1] + "." + f[2]
		switch f[0] {
		case "T":
			kind := map[string]string{"r": "table", "p": "table", "v": "view", "m": "matview"}[f[3]]
			s := kind + " " + tbl
			if f[4] == "u" {
				s += " unlogged"
			}
			if f[5] != "" {
				s += " partition by " + f[5]
			}
			if f[6] != "" {
				s += " partition of " + f[6]
			}
			lines = append(lines, s)
		case "C":
			s := fmt.Sprintf("%s  col %s %s", tbl, f[4], f[5])
			if f[6] == "true" {
				s += " not null"
			}
			if f[7] != "" {
				s += " default " + f[7]
			}
			switch f[8] {
			case "a":
				s += " identity always"
			case "d":
				s += " identity by default"
			}
			if f[9] != "" {
				s += " generated (" + normExpr(f[9]) + ")"
			}
			lines = append(lines, s)
		case "I":
			s := fmt.Sprintf("%s  index %s", tbl, f[3])
			if f[4] == "true" {
				s += " primary"
			}
			if f[5] == "true" {
				s += " unique"
			}
			var keys []string
			for _, k := range strings.Split(f[7], "\x1f") {
				keys = append(keys, normKey(k))
			}
			s += " " + f[6] + " (" + strings.Join(keys, ", ") + ")"
			if f[8] != "" {
				s += " include (" + f[8] + ")"
			}
			if f[9] != "" {
				s += " where " + normExpr(f[9])
			}
			lines = append(lines, s)
		case "K":
			var s string
			switch f[4] {
			case "p":
				s = fmt.Sprintf("pk %s (%s)", f[3], f[5])
			case "u":
				s = fmt.Sprintf("unique %s (%s)", f[3], f[5])
			case "x":
				s = fmt.Sprintf("exclude %s", f[3])
			case "c":
				def := strings.TrimSuffix(strings.TrimPrefix(f[13], "CHECK ("), ")")
				def = strings.TrimSuffix(def, ") NOT VALID")
				s = fmt.Sprintf("check %s (%s)", f[3], normExpr(def))
			case "f":
				s = fmt.Sprintf("fk %s (%s) -> %s(%s)", f[3], f[5], f[6], f[7])
				if f[8] != "a" {
					s += " on delete " + fkCodes[f[8]]
				}
				if f[9] != "a" {
					s += " on update " + fkCodes[f[9]]
				}
			}
			if f[12] != "" && f[12] != f[3] && f[4] != "f" {
				s += " index " + f[12]
			}
			if f[10] == "false" {
				s += " not valid"
			}
			if f[11] == "true" {
				s += " deferrable"
			}
			lines = append(lines, tbl+"  "+s)
		case "E":
			lines = append(lines, fmt.Sprintf("enum %s (%s)", tbl, f[4]))
		}
	}
	return strings.Join(lines, "\n")
}

func myDump(c *Catalog) string {
	var lines []string
	for _, sn := range sortedNames(c.Schemas) {
		s := c.Schemas[sn]
		for _, en := range sortedNames(s.Enums) {
			lines = append(lines, fmt.Sprintf("enum %s.%s (%s)", sn, en, strings.Join(s.Enums[en].Values, ", ")))
		}
		rels := map[string]bool{}
		for n := range s.Tables {
			rels[n] = true
		}
		for n := range s.Views {
			rels[n] = true
		}
		for _, rn := range sortedNames(rels) {
			tbl := sn + "." + rn
			var idx []*Index
			if t := s.Tables[rn]; t != nil {
				h := "table " + tbl
				if t.Unlogged {
					h += " unlogged"
				}
				if t.PartitionKey != "" {
					h += " partition by " + t.PartitionKey
				}
				if t.PartitionOf != "" {
					h += " partition of " + t.PartitionOf + " " + t.PartitionBound
				}
				lines = append(lines, h)
				for _, col := range t.Columns {
					l := fmt.Sprintf("%s  col %s %s", tbl, col.Name, col.Type)
					if col.NotNull {
						l += " not null"
					}
					if col.Default != "" {
						l += " default " + col.Default
					}
					if col.Identity != "" {
						l += " identity " + col.Identity
					}
					if col.Generated != "" {
						l += " generated (" + normExpr(col.Generated) + ")"
					}
					lines = append(lines, l)
				}
				idx = t.Indexes
				for _, k := range t.Constraints {
					var l string
					switch k.Kind {
					case PrimaryKey:
						l = fmt.Sprintf("pk %s (%s)", k.Name, strings.Join(k.Columns, ", "))
					case Unique:
						l = fmt.Sprintf("unique %s (%s)", k.Name, strings.Join(k.Columns, ", "))
					case Exclusion:
						l = fmt.Sprintf("exclude %s", k.Name)
					case Check:
						l = fmt.Sprintf("check %s (%s)", k.Name, normExpr(k.Expr))
					case ForeignKey:
						l = fmt.Sprintf("fk %s (%s) -> %s(%s)", k.Name, strings.Join(k.Columns, ", "), QualifiedName(k.RefSchema, k.RefTable), strings.Join(k.RefColumns, ", "))
						if k.OnDelete != "NO ACTION" {
							l += " on delete " + k.OnDelete
						}
						if k.OnUpdate != "NO ACTION" {
							l += " on update " + k.OnUpdate
						}
					}
					if k.Index != "" && k.Index != k.Name {
						l += " index " + k.Index
					}
					if !k.Validated {
						l += " not valid"
					}
					if k.Deferrable {
						l += " deferrable"
					}
					lines = append(lines, tbl+"  "+l)
				}
			} else {
				v := s.Views[rn]
				kind := "view"
				if v.Materialized {
					kind = "matview"
				}
				lines = append(lines, kind+" "+tbl)
				for _, col := range v.Columns {
					lines = append(lines, fmt.Sprintf("%s  col %s %s", tbl, col.Name, col.Type))
				}
				idx = v.Indexes
			}
			for _, ix := range idx {
				l := fmt.Sprintf("%s  index %s", tbl, ix.Name)
				if ix.Primary {
					l += " primary"
				}
				if ix.Unique {
					l += " unique"
				}
				var keys []string
				for _, k := range ix.Keys {
					d := ""
					if k.Desc {
						d = " desc"
					}
					if k.Column != "" {
						keys = append(keys, k.Column+d)
					} else {
						keys = append(keys, "("+normExpr(k.Expr)+")"+d)
					}
				}
				l += " " + ix.Method + " (" + strings.Join(keys, ", ") + ")"
				if len(ix.Include) > 0 {
					l += " include (" + strings.Join(ix.Include, ", ") + ")"
				}
				if ix.Predicate != "" {
					l += " where " + normExpr(ix.Predicate)
				}
				lines = append(lines, l)
			}
		}
	}
	return strings.Join(lines, "\n")
}

func sortLines(s string) string {
	l := strings.Split(s, "\n")
	sort.Strings(l)
	return strings.Join(l, "\n")
}

var pgErrRE = regexp.MustCompile(`ERROR:  (.*)`)

func TestPGDiff(t *testing.T) {
	files, _ := filepath.Glob(os.Getenv("PGDIFF_CASES"))
	for _, f := range files {
		src, _ := os.ReadFile(f)
		sql := string(src)
		if i := strings.Index(sql, "\n=== "); i >= 0 {
			sql = sql[:i+1]
		}
		psql(t, "postgres", "drop database if exists pgdiff; create database pgdiff;")
		_, perr := psql(t, "pgdiff", sql)
		pgMsg := ""
		if m := pgErrRE.FindStringSubmatch(perr); m != nil {
			pgMsg = m[1]
		}
		out, derr := psql(t, "pgdiff", dumpSQL)
		if derr != "" {
			t.Fatalf("dump: %s", derr)
		}
		c := New()
		err := c.ApplySQL(filepath.Base(f), sql)
		myMsg := ""
		if err != nil {
			myMsg = err.(*Error).Message
		}
		want, got := sortLines(pgDump(out)), sortLines(myDump(c))
		if pgMsg != myMsg {
			t.Errorf("%s: error: pg %q, mine %q", f, pgMsg, myMsg)
		}
		if want != got {
			t.Errorf("%s: dump differs:\n%s", f, lineDiff(want, got))
		}
		dump, err := exec.Command("/usr/lib/postgresql/15/bin/pg_dump", "-s", "-h", "/tmp/pgref", "-p", "55432", "-U", "postgres", "pgdiff").Output()
		if err != nil {
			t.Fatal(err)
		}
		dump = regexp.MustCompile(`(?m)^\\.*$`).ReplaceAll(dump, nil)
		c2 := New()
		if err := c2.ApplySQL("dump.sql", string(dump)); err != nil {
			t.Errorf("%s: pg_dump: %v", f, err)
			os.WriteFile("/tmp/pgdiff/last_dump.sql", dump, 0o644)
			continue
		}
		if got2 := sortLines(myDump(c2)); want != got2 {
			t.Errorf("%s: pg_dump dump differs:\n%s", f, lineDiff(want, got2))
			os.WriteFile("/tmp/pgdiff/last_dump.sql", dump, 0o644)
		}
	}
}

func lineDiff(want, got string) string {
	w, g := map[string]bool{}, map[string]bool{}
	for _, l := range strings.Split(want, "\n") {
		w[l] = true
	}
	for _, l := range strings.Split(got, "\n") {
		g[l] = true
	}
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			b.WriteString("  pg:   " + l + "\n")
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			b.WriteString("  mine: " + l + "\n")
		}
	}
	return b.String()
}
