package pgsql

import (
	"fmt"
	"testing"

	"google.golang.org/protobuf/reflect/protoreflect"
)

// reflectInspect is Inspect as it was before walk_gen.go: it ranges over
// every populated field by protobuf reflection, so it reaches every *Node
// whatever the message types between. It is the reference the generated
// walker is checked against.
func reflectInspect(n *Node, f func(*Node) bool) {
	if n == nil || n.GetNode() == nil {
		return
	}
	if !f(n) {
		return
	}
	reflectInspectMessage(n.ProtoReflect(), f)
}

var nodeName = (&Node{}).ProtoReflect().Descriptor().FullName()

func reflectInspectMessage(m protoreflect.Message, f func(*Node) bool) {
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Kind() != protoreflect.MessageKind {
			return true
		}
		visit := func(msg protoreflect.Message) {
			if msg.Descriptor().FullName() == nodeName {
				if nd, ok := msg.Interface().(*Node); ok {
					reflectInspect(nd, f)
				}
				return
			}
			reflectInspectMessage(msg, f)
		}
		switch {
		case fd.IsList():
			l := v.List()
			for i := 0; i < l.Len(); i++ {
				visit(l.Get(i).Message())
			}
		case fd.IsMap():
		default:
			visit(v.Message())
		}
		return true
	})
}

// walkStatements exercise many node types and the message types between
// them (RangeVar, Alias, TypeName, WithClause, IntoClause, ...).
var walkStatements = []string{
	`WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 10),
	      u AS MATERIALIZED (SELECT * FROM users)
	 SELECT DISTINCT ON (a.id) a.id, b.name AS nm, count(*) FILTER (WHERE b.x > 0) OVER w,
	        row_number() OVER (PARTITION BY a.grp ORDER BY a.ts DESC NULLS LAST ROWS BETWEEN 1 PRECEDING AND CURRENT ROW),
	        (SELECT max(c.v) FROM c WHERE c.a_id = a.id), ARRAY[1, 2], a.arr[1:2], (a.rec).f,
	        CASE WHEN a.x IS NULL THEN 'n' WHEN a.x BETWEEN 1 AND 2 THEN 'b' ELSE a.s::text COLLATE "C" END,
	        coalesce(a.y, nullif(a.z, 0)), greatest(1, 2), a.j -> 'k' ->> 'l', EXISTS (SELECT 1 FROM d)
	   FROM a
	   JOIN b USING (id) AS j
	   LEFT JOIN LATERAL (SELECT * FROM e WHERE e.id = a.id LIMIT 1) le ON true
	   CROSS JOIN generate_series(1, 3) WITH ORDINALITY AS g(i, o)
	   FULL JOIN f TABLESAMPLE SYSTEM (10) ON f.id = a.id
	  WHERE a.id IN (SELECT id FROM t) AND a.v = ANY($1::int[]) AND NOT a.deleted OR a.name LIKE 'x%'
	  GROUP BY GROUPING SETS ((a.id), (b.name), ())
	 HAVING count(*) > 1
	 WINDOW w AS (PARTITION BY a.grp)
	 ORDER BY 1, b.name USING < LIMIT 10 OFFSET $2
	   FOR UPDATE OF a SKIP LOCKED`,
	`SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS v(id, name) EXCEPT SELECT 3, 'c' INTERSECT SELECT 4, 'd'`,
	`SELECT id INTO TEMP tmp FROM t AS tt(x, y)`,
	`SELECT xmlelement(name foo, xmlattributes(a AS b), 'c'), * FROM XMLTABLE('/r' PASSING x COLUMNS id int PATH '@id')`,
	`SELECT JSON_OBJECT('a': 1 RETURNING jsonb), json_arrayagg(x ORDER BY x RETURNING json), x IS JSON OBJECT,
	        JSON_VALUE(j, '$.a' RETURNING int DEFAULT 0 ON EMPTY ERROR ON ERROR) FROM t`,
	`SELECT * FROM JSON_TABLE(jsonb '[]', '$[*]' COLUMNS (id FOR ORDINALITY, a int PATH '$.a',
	   NESTED PATH '$.b[*]' COLUMNS (b text PATH '$'))) jt`,
	`INSERT INTO accounts AS ac (id, email, meta) OVERRIDING SYSTEM VALUE
	 VALUES (DEFAULT, lower($1), '{}'::jsonb), (2, 'x', NULL)
	 ON CONFLICT (email) WHERE deleted_at IS NULL DO UPDATE SET meta = EXCLUDED.meta, (a, b) = (1, 2)
	 WHERE ac.locked IS NOT TRUE
	 RETURNING id, email`,
	`INSERT INTO t SELECT * FROM s ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING`,
	`WITH x AS (SELECT 1) UPDATE ONLY items i SET price = s.price * 1.1, tags = array_append(tags, 'x')
	 FROM src s WHERE i.id = s.id AND s.ok RETURNING i.*`,
	`UPDATE t SET a = 1 WHERE CURRENT OF cur`,
	`DELETE FROM orders o USING customers c WHERE o.cust = c.id AND c.gone RETURNING o.id`,
	`MERGE INTO t USING s ON t.id = s.id WHEN MATCHED AND s.del THEN DELETE
	 WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT (id, v) VALUES (s.id, s.v)`,
	`CREATE TABLE IF NOT EXISTS public.users (
	   id bigint GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 2) PRIMARY KEY,
	   email text NOT NULL UNIQUE CHECK (email <> ''),
	   org_id int REFERENCES orgs (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
	   created_at timestamptz NOT NULL DEFAULT now(),
	   score numeric(10, 2) DEFAULT 0 COLLATE "C",
	   total int GENERATED ALWAYS AS (score * 2) STORED,
	   tags text[] DEFAULT '{}',
	   CONSTRAINT users_org_fk FOREIGN KEY (org_id) REFERENCES orgs (id) MATCH FULL ON UPDATE SET NULL,
	   EXCLUDE USING gist (org_id WITH =, during WITH &&) WHERE (active),
	   UNIQUE NULLS NOT DISTINCT (email, org_id) INCLUDE (id),
	   LIKE templ INCLUDING ALL
	 ) PARTITION BY RANGE (created_at) WITH (fillfactor = 70) TABLESPACE fast`,
	`CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`,
	`CREATE TABLE p_list PARTITION OF p FOR VALUES IN (1, 2) PARTITION BY HASH (id)`,
	`CREATE TABLE p_hash PARTITION OF p FOR VALUES WITH (MODULUS 4, REMAINDER 0)`,
	`CREATE TABLE t2 (LIKE t) INHERITS (t)`,
	`CREATE UNLOGGED TABLE ctas AS SELECT * FROM t WITH NO DATA`,
	`ALTER TABLE ONLY users
	   ADD COLUMN IF NOT EXISTS age int DEFAULT 0 CHECK (age >= 0),
	   DROP COLUMN legacy CASCADE,
	   ALTER COLUMN email SET DATA TYPE varchar(255) USING email::varchar,
	   ALTER COLUMN score SET DEFAULT 1,
	   ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY,
	   ALTER COLUMN name SET NOT NULL,
	   ADD CONSTRAINT pos CHECK (score > 0) NOT VALID,
	   VALIDATE CONSTRAINT pos,
	   SET (autovacuum_enabled = false),
	   OWNER TO admin`,
	`ALTER TABLE p ATTACH PARTITION p1 FOR VALUES FROM (1) TO (10)`,
	`ALTER TABLE t RENAME COLUMN a TO b`,
	`CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ix_users_email ON users USING btree
	   (lower(email) text_pattern_ops DESC NULLS FIRST, org_id) INCLUDE (id) WITH (fillfactor = 90)
	   WHERE deleted_at IS NULL AND org_id > 0`,
	`CREATE OR REPLACE VIEW v (a, b) WITH (security_barrier) AS SELECT x, y FROM t WHERE z WITH CASCADED CHECK OPTION`,
	`CREATE MATERIALIZED VIEW mv AS SELECT count(*) FROM t WITH DATA`,
	`REFRESH MATERIALIZED VIEW CONCURRENTLY mv`,
	`CREATE OR REPLACE FUNCTION add(a int, b int DEFAULT 1, OUT s int) RETURNS int
	   LANGUAGE sql IMMUTABLE STRICT SET search_path = public AS $$ SELECT a + b $$`,
	`CREATE FUNCTION f() RETURNS TABLE (x int) BEGIN ATOMIC SELECT 1; END`,
	`CREATE PROCEDURE p(INOUT x int) LANGUAGE plpgsql AS $$ BEGIN x := x + 1; END $$`,
	`CREATE TRIGGER trg BEFORE UPDATE OF a ON t FOR EACH ROW WHEN (OLD.a IS DISTINCT FROM NEW.a) EXECUTE FUNCTION f()`,
	`CREATE POLICY pol ON t FOR SELECT TO app USING (owner = current_user) WITH CHECK (true)`,
	`CREATE TYPE mood AS ENUM ('sad', 'ok')`,
	`CREATE TYPE pair AS (a int, b text COLLATE "C")`,
	`CREATE DOMAIN pos AS int DEFAULT 1 CONSTRAINT p CHECK (VALUE > 0)`,
	`CREATE SEQUENCE s AS bigint START 1 OWNED BY t.id`,
	`CREATE SCHEMA app AUTHORIZATION admin CREATE TABLE x (id int)`,
	`CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA ext`,
	`CREATE RULE r AS ON INSERT TO t DO INSTEAD NOTHING`,
	`CREATE STATISTICS st (dependencies) ON a, b FROM t`,
	`GRANT SELECT (a, b), UPDATE ON TABLE t, u TO app, GROUP ro WITH GRANT OPTION`,
	`GRANT EXECUTE ON FUNCTION f(int, text) TO app`,
	`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC CASCADE`,
	`ALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO ro`,
	`COPY users (id, email) FROM STDIN WITH (FORMAT csv, HEADER true) WHERE id > 0`,
	`COPY (SELECT * FROM t WHERE a = 1) TO '/tmp/out' (FORMAT binary)`,
	`DO $$ BEGIN RAISE NOTICE 'x'; END $$`,
	`DO LANGUAGE plpgsql $$ BEGIN NULL; END $$`,
	`EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM t WHERE a = 1`,
	`PREPARE q (int) AS SELECT * FROM t WHERE id = $1`,
	`EXECUTE q (1)`,
	`DECLARE cur CURSOR WITH HOLD FOR SELECT * FROM t`,
	`CALL p(1, b => 2)`,
	`SET LOCAL search_path TO app, public`,
	`LOCK TABLE a, b IN ACCESS EXCLUSIVE MODE NOWAIT`,
	`TRUNCATE a, b RESTART IDENTITY CASCADE`,
	`VACUUM (ANALYZE) t (a)`,
	`COMMENT ON COLUMN t.a IS 'x'`,
	`DROP TABLE IF EXISTS a, b CASCADE`,
	`DROP FUNCTION f(int)`,
	`ALTER FUNCTION f(int) SET search_path = public`,
	`CREATE PUBLICATION pub FOR TABLE t (a, b) WHERE (a > 0)`,
	`CREATE FOREIGN TABLE ft (a int OPTIONS (column_name 'x')) SERVER srv OPTIONS (table_name 't')`,
	`BEGIN ISOLATION LEVEL SERIALIZABLE`,
	`SELECT a FROM t WHERE (a, b) > (1, 2) OR b SIMILAR TO 'x' OR c IS DOCUMENT`,
	`SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x), array_agg(DISTINCT y ORDER BY y), ROW(1, 2), current_date, $1::int`,
}

// parsed parses walkStatements.
func parsed(tb testing.TB) []*Node {
	tb.Helper()
	var out []*Node
	for _, src := range walkStatements {
		res, err := ParseUncached(src)
		if err != nil {
			tb.Fatalf("%v: %s", err, src)
		}
		for _, st := range res.Statements {
			out = append(out, st.Node)
		}
	}
	return out
}

// visits counts how often each node is visited.
func visits(walk func(*Node, func(*Node) bool), n *Node) map[*Node]int {
	seen := map[*Node]int{}
	walk(n, func(x *Node) bool {
		seen[x]++
		return true
	})
	return seen
}

// sameVisits reports the nodes below n that Inspect visits a different
// number of times than the reflection walk.
func sameVisits(t *testing.T, what string, n *Node) {
	t.Helper()
	got, want := visits(Inspect, n), visits(reflectInspect, n)
	for x, c := range want {
		if got[x] != c {
			t.Errorf("%s: %T visited %d times, by the reflection walk %d", what, x.GetNode(), got[x], c)
		}
	}
	for x, c := range got {
		if want[x] == 0 {
			t.Errorf("%s: %T visited %d times, never by the reflection walk", what, x.GetNode(), c)
		}
	}
}

// TestInspectMatchesReflection guards the generated walker's completeness:
// it must visit exactly the nodes, as often, that a walk over every
// populated field by reflection visits.
func TestInspectMatchesReflection(t *testing.T) {
	for _, src := range walkStatements {
		res, err := ParseUncached(src)
		if err != nil {
			t.Fatalf("%v: %s", err, src)
		}
		for _, st := range res.Statements {
			sameVisits(t, st.Text, st.Node)
		}
	}
}

// TestInspectEveryNodeType builds, for every member of Node's oneof, a
// message with every message field filled (Node fields with String nodes,
// lists with two elements, other messages recursively to a few levels) and
// compares the generated walker with the reflection walk on it. Unlike the
// statements above it covers node types the parser rarely or never emits
// (the planner's nodes in pg_query.proto).
func TestInspectEveryNodeType(t *testing.T) {
	root := &Node{}
	rm := root.ProtoReflect()
	od := rm.Descriptor().Oneofs().ByName("node")
	if od == nil {
		t.Fatal("no oneof node in Node")
	}
	members := od.Fields()
	for i := 0; i < members.Len(); i++ {
		fd := members.Get(i)
		n := &Node{}
		m := n.ProtoReflect()
		v := m.NewField(fd)
		fill(v.Message(), 3)
		m.Set(fd, v)
		sameVisits(t, string(fd.Name()), n)
	}
}

// fill sets every message-typed field of m: a *Node to a String node, a
// list to two elements, another message to a filled one while depth lasts.
func fill(m protoreflect.Message, depth int) {
	if n, ok := m.Interface().(*Node); ok {
		n.Node = &Node_String_{String_: &String{Sval: "x"}}
		return
	}
	if depth == 0 {
		return
	}
	fields := m.Descriptor().Fields()
	for i := 0; i < fields.Len(); i++ {
		fd := fields.Get(i)
		if fd.Kind() != protoreflect.MessageKind || fd.IsMap() {
			continue
		}
		if od := fd.ContainingOneof(); od != nil && m.WhichOneof(od) != nil {
			continue
		}
		if fd.IsList() {
			l := m.Mutable(fd).List()
			for range 2 {
				e := l.NewElement()
				fill(e.Message(), depth-1)
				l.Append(e)
			}
			continue
		}
		v := m.NewField(fd)
		fill(v.Message(), depth-1)
		m.Set(fd, v)
	}
}

func TestInspectContract(t *testing.T) {
	calls := 0
	count := func(*Node) bool { calls++; return true }
	Inspect(nil, count)
	Inspect(&Node{}, count)
	InspectAll([]*Node{nil, {}}, count)
	if calls != 0 {
		t.Errorf("nil and empty nodes: %d calls", calls)
	}

	// Not the cache's tree: this one is changed below.
	res, err := ParseUncached("SELECT a FROM t WHERE b IN (SELECT c FROM u)")
	if err != nil {
		t.Fatal(err)
	}
	st := res.Statements[0]
	Inspect(st.Node, count)
	want := calls
	// Empty nodes below are skipped too.
	sel := st.Node.GetSelectStmt()
	sel.TargetList = append(sel.TargetList, &Node{}, nil)
	calls = 0
	Inspect(st.Node, count)
	if calls != want {
		t.Errorf("with empty nodes: %d calls, want %d", calls, want)
	}

	// f returning false skips the children of that node only.
	var kinds []string
	Inspect(st.Node, func(n *Node) bool {
		switch n.GetNode().(type) {
		case *Node_SelectStmt:
			kinds = append(kinds, "select")
			return n == st.Node
		case *Node_ColumnRef:
			kinds = append(kinds, "col")
		case *Node_SubLink:
			kinds = append(kinds, "sublink")
		}
		return true
	})
	if got, want := fmt.Sprint(kinds), "[select col sublink col select]"; got != want {
		t.Errorf("visited %s, want %s", got, want)
	}
}

// BenchmarkInspect walks the parse trees of walkStatements, with the
// generated walker and with the reflection walk it replaced.
func BenchmarkInspect(b *testing.B) {
	nodes := parsed(b)
	for _, bc := range []struct {
		name string
		walk func(*Node, func(*Node) bool)
	}{{"generated", Inspect}, {"reflect", reflectInspect}} {
		b.Run(bc.name, func(b *testing.B) {
			visited := 0
			count := func(*Node) bool { visited++; return true }
			for b.Loop() {
				for _, n := range nodes {
					bc.walk(n, count)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(visited), "ns/node")
		})
	}
}
