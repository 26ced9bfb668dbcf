package sqlschema

import (
	"fmt"
	"strings"
	"testing"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

const accessSchema = `
CREATE TABLE customers (id bigint PRIMARY KEY, email varchar(200) NOT NULL, name text, region text);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id),
  status text NOT NULL, total numeric, created_at timestamptz NOT NULL, deleted_at timestamptz, tags text[]);
CREATE TABLE items (id bigint PRIMARY KEY, order_id bigint NOT NULL, sku text NOT NULL, qty int);
CREATE VIEW big_orders AS SELECT id, customer_id FROM orders WHERE total > 100;
`

// describeAccesses renders accesses one per line:
//
//	table(alias) preds; or[branch | branch]; order(keys) limit; joined; incomplete; where "..."
func describeAccesses(accs []Access) string {
	var lines []string
	for _, a := range accs {
		var parts []string
		head := a.Table.Name
		if a.Alias != a.Table.Name {
			head += "(" + a.Alias + ")"
		}
		var ps []string
		for _, p := range a.Preds {
			ps = append(ps, describePred(accs, p))
		}
		parts = append(parts, head+" "+strings.Join(ps, ", "))
		for _, o := range a.Ors {
			var bs []string
			for _, b := range o.Branches {
				var ps []string
				for _, p := range b {
					ps = append(ps, describePred(accs, p))
				}
				bs = append(bs, strings.Join(ps, " "))
			}
			parts = append(parts, "or["+strings.Join(bs, " | ")+"]")
		}
		if len(a.OrderBy) > 0 {
			var ks []string
			for _, k := range a.OrderBy {
				s := k.Column + k.Expr
				if k.Desc {
					s += " desc"
				}
				ks = append(ks, s)
			}
			parts = append(parts, "order("+strings.Join(ks, ", ")+")")
		}
		if a.HasLimit {
			parts = append(parts, "limit")
		}
		if a.Joined {
			parts = append(parts, "joined")
		}
		if a.Incomplete {
			parts = append(parts, "incomplete")
		}
		if a.Where != "" {
			parts = append(parts, fmt.Sprintf("where %q", a.Where))
		}
		lines = append(lines, strings.Join(parts, "; "))
	}
	return strings.Join(lines, "\n")
}

func describePred(accs []Access, p Pred) string {
	s := p.Column + p.Expr + ":" + p.Op.String()
	if p.Dynamic {
		s += "(dynamic)"
	}
	if p.Join {
		other := "-"
		if p.JoinWith >= 0 {
			other = accs[p.JoinWith].Alias
		}
		if p.Correlated {
			s += "~outer(" + other + ")"
		} else {
			s += "~join(" + other + ")"
		}
	}
	return s
}

func TestAccessPaths(t *testing.T) {
	c := New()
	if err := c.ApplySQL("schema.sql", accessSchema); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, sql, want string
	}{
		{"pk", "SELECT * FROM orders WHERE id = $1",
			`orders id:eq; where "id = $1"`},
		{"no where", "SELECT * FROM orders", `orders `},
		{"alias and qualified", "SELECT o.id FROM orders AS o WHERE o.customer_id = $1 AND o.status = 'paid'::text",
			`orders(o) customer_id:eq, status:eq; where "customer_id = $1 AND status = 'paid'"`},
		{"value on the left", "SELECT 1 FROM orders WHERE $1 = customer_id AND $2 < created_at",
			`orders customer_id:eq, created_at:range; where "$1 = customer_id AND $2 < created_at"`},
		{"in and any", "SELECT 1 FROM orders WHERE id IN (1, 2, 3) AND status = ANY($1) AND customer_id NOT IN (4)",
			`orders id:in, status:in, customer_id:other; where "id IN (1, 2, 3) AND status = ANY($1) AND customer_id NOT IN (4)"`},
		{"between and ranges", "SELECT 1 FROM orders WHERE created_at BETWEEN $1 AND $2 AND total >= 10 AND total <> 5",
			`orders created_at:range, total:range, total:other; where "created_at BETWEEN $1 AND $2 AND total >= 10 AND total <> 5"`},
		{"null tests", "SELECT 1 FROM orders WHERE deleted_at IS NULL AND total IS NOT NULL",
			`orders deleted_at:is-null, total:is-not-null; where "deleted_at IS NULL AND total IS NOT NULL"`},
		{"like kinds", "SELECT 1 FROM customers WHERE name LIKE 'ab%' AND region LIKE '%x' AND email LIKE $1 AND name ILIKE 'a%' AND region NOT LIKE 'z%'",
			`customers name:like-prefix, region:like-infix, email:other, name:ilike, region:other; where "name LIKE 'ab%' AND region LIKE '%x' AND email LIKE $1 AND name ILIKE 'a%' AND region NOT LIKE 'z%'"`},
		{"expression", "SELECT 1 FROM customers c WHERE lower(c.email) = $1",
			`customers(c) lower(email):eq; where "lower(email) = $1"`},
		{"varchar compared as text is the column", "SELECT 1 FROM customers WHERE email::text = $1",
			`customers email:eq; where "email = $1"`},
		{"cast to another type is an expression", "SELECT 1 FROM orders WHERE created_at::date = $1",
			`orders created_at::date:eq; where "created_at::date = $1"`},
		{"or is dropped from preds", "SELECT 1 FROM orders WHERE status = $1 AND (id = $2 OR customer_id = $3)",
			`orders status:eq; or[id:eq | customer_id:eq]; where "status = $1 AND (id = $2 OR customer_id = $3)"`},
		{"or across tables is dropped", "SELECT 1 FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status = $1 OR c.region = $2",
			"orders(o) customer_id:eq~join(c); joined\ncustomers(c) id:eq~join(o); joined"},
		{"join both directions", "SELECT 1 FROM customers c JOIN orders o ON o.customer_id = c.id WHERE c.email = $1",
			"customers(c) id:eq~join(o), email:eq; joined; where \"email = $1\"\norders(o) customer_id:eq~join(c); joined"},
		{"comma join in where", "SELECT 1 FROM orders o, items i WHERE i.order_id = o.id AND i.sku = $1",
			"orders(o) id:eq~join(i); joined\nitems(i) order_id:eq~join(o), sku:eq; joined; where \"sku = $1\""},
		{"using", "SELECT 1 FROM orders JOIN items USING (id)",
			"orders id:eq~join(items); joined\nitems id:eq~join(orders); joined"},
		{"left join preserves the left side", "SELECT 1 FROM customers c LEFT JOIN orders o ON o.customer_id = c.id AND o.status = 'x' AND c.region = 'eu'",
			"customers(c) ; joined\norders(o) customer_id:eq~join(c), status:eq; joined; where \"status = 'x'\""},
		{"same table both sides", "SELECT 1 FROM orders WHERE total = created_at",
			`orders total:other; where "total = created_at"`},
		{"self join", "SELECT 1 FROM orders a JOIN orders b ON b.customer_id = a.customer_id WHERE a.id = $1",
			"orders(a) customer_id:eq~join(b), id:eq; joined; where \"id = $1\"\norders(b) customer_id:eq~join(a); joined"},
		{"cte body and cte reference", "WITH recent AS (SELECT id, customer_id FROM orders WHERE created_at > now() - interval '1 day') SELECT * FROM recent r JOIN customers c ON c.id = r.customer_id WHERE c.region = $1",
			"orders created_at:range; where \"created_at > (now() - '1 day')\"\ncustomers(c) id:eq~join(-), region:eq; joined; where \"region = $1\""},
		{"subquery in from", "SELECT * FROM (SELECT * FROM orders WHERE status = $1) s WHERE s.id = $2",
			`orders status:eq; where "status = $1"`},
		{"in subquery", "SELECT * FROM customers WHERE id IN (SELECT customer_id FROM orders WHERE status = $1)",
			"customers id:in; where \"id IN (SELECT customer_id FROM orders WHERE status = $1)\"\norders status:eq; where \"status = $1\""},
		{"correlated exists", "SELECT * FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.status = 'open')",
			"customers(c) \norders(o) customer_id:eq~outer(c), status:eq; where \"status = 'open'\""},
		{"correlated scalar in select list", "SELECT c.id, (SELECT count(*) FROM orders WHERE customer_id = c.id) FROM customers c",
			"customers(c) \norders customer_id:eq~outer(c)"},
		{"order by limit", "SELECT * FROM orders WHERE customer_id = $1 ORDER BY created_at DESC, id LIMIT 10",
			`orders customer_id:eq; order(created_at desc, id); limit; where "customer_id = $1"`},
		{"order by without limit", "SELECT * FROM orders WHERE customer_id = $1 ORDER BY created_at",
			`orders customer_id:eq; order(created_at); where "customer_id = $1"`},
		{"order by across tables", "SELECT * FROM orders o JOIN customers c ON c.id = o.customer_id ORDER BY c.name, o.id LIMIT 5",
			"orders(o) customer_id:eq~join(c); limit; joined\ncustomers(c) id:eq~join(o); limit; joined"},
		{"update", "UPDATE orders SET status = $1 WHERE customer_id = $2 AND status = 'new'",
			`orders customer_id:eq, status:eq; where "customer_id = $2 AND status = 'new'"`},
		{"delete using", "DELETE FROM items i USING orders o WHERE i.order_id = o.id AND o.customer_id = $1",
			"items(i) order_id:eq~join(o); joined\norders(o) id:eq~join(i), customer_id:eq; joined; where \"customer_id = $1\""},
		{"insert select", "INSERT INTO items (order_id, sku) SELECT id, 'x' FROM orders WHERE status = $1",
			`orders status:eq; where "status = $1"`},
		{"row comparison", "SELECT 1 FROM items WHERE (order_id, sku) = ($1, $2)",
			`items order_id:eq, sku:eq; where "(order_id, sku) = ($1, $2)"`},
		{"view is not an access", "SELECT * FROM big_orders b JOIN orders o ON o.id = b.id",
			"orders(o) id:eq~join(-); joined"},
		{"unnest join", "SELECT * FROM orders o JOIN unnest($1::bigint[]) AS u(id) ON o.id = u.id",
			"orders(o) id:eq~join(-); joined"},
		{"array containment", "SELECT 1 FROM orders WHERE tags @> $1",
			`orders tags:other; where "tags @> $1"`},
		{"ambiguous unqualified column is skipped", "SELECT 1 FROM orders o JOIN items i ON i.order_id = o.id WHERE id = $1",
			"orders(o) id:eq~join(i); joined\nitems(i) order_id:eq~join(o); joined"},
		{"hole as a value is a dynamic predicate", "SELECT 1 FROM orders WHERE status = __dblint_dyn_0__ AND id = $1",
			`orders status:eq(dynamic), id:eq; where "id = $1"`},
		{"hole in an IN list", "SELECT 1 FROM orders WHERE id IN (__dblint_dyn_0__) AND status = $1",
			`orders id:in(dynamic), status:eq; where "status = $1"`},
		{"hole inside a constant", "SELECT 1 FROM orders WHERE status = '__dblint_dyn_0__' AND customer_id LIKE '__dblint_dyn_1__%'",
			`orders status:eq(dynamic), customer_id:other(dynamic)`},
		{"hole as a filter makes it incomplete", "SELECT 1 FROM orders WHERE id = $1 AND __dblint_dyn_0__",
			`orders id:eq; incomplete; where "id = $1"`},
		{"hole as a column makes it incomplete", "SELECT 1 FROM orders WHERE __dblint_dyn_0__ = $1",
			`orders ; incomplete`},
		{"hole in order by", "SELECT 1 FROM orders WHERE id = $1 ORDER BY __dblint_dyn_0__ LIMIT 1",
			`orders id:eq; limit; where "id = $1"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, err := pgsql.ParseOne(tt.sql)
			if err != nil {
				t.Fatal(err)
			}
			got := describeAccesses(AccessPaths(c, st.Node))
			if got != tt.want {
				t.Errorf("%s\ngot:\n%s\nwant:\n%s", tt.sql, got, tt.want)
			}
		})
	}
}

func TestAccessOffsets(t *testing.T) {
	c := New()
	if err := c.ApplySQL("schema.sql", accessSchema); err != nil {
		t.Fatal(err)
	}
	sql := "SELECT 1 FROM orders o WHERE lower(o.status) = $1 AND o.customer_id = $2"
	st, err := pgsql.ParseOne(sql)
	if err != nil {
		t.Fatal(err)
	}
	accs := AccessPaths(c, st.Node)
	if len(accs) != 1 {
		t.Fatalf("got %d accesses", len(accs))
	}
	a := accs[0]
	if got := sql[a.Offset:]; !strings.HasPrefix(got, "orders o") {
		t.Errorf("access offset at %q", got)
	}
	if got := sql[a.Preds[0].Offset:]; !strings.HasPrefix(got, "lower(o.status)") {
		t.Errorf("expression pred offset at %q", got)
	}
	if a.Preds[0].Name != "lower" || a.Preds[1].Name != "customer_id" {
		t.Errorf("names %q %q", a.Preds[0].Name, a.Preds[1].Name)
	}
	if got := sql[a.Preds[1].Offset:]; !strings.HasPrefix(got, "o.customer_id") {
		t.Errorf("column pred offset at %q", got)
	}
}

func TestAccessNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"lower((email)::text)", "lower(email)"},
		{"(created_at)::date", "created_at::date"},
		{"lower(email)", "lower(email)"},
	}
	for _, tt := range tests {
		if got := NormalizeExpr(tt.in); got != tt.want {
			t.Errorf("NormalizeExpr(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	got := PredicateConds("((status)::text = 'active'::text) AND (deleted_at IS NULL)")
	if want := []string{"status = 'active'", "deleted_at IS NULL"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("PredicateConds = %q, want %q", got, want)
	}
	c := New()
	if err := c.ApplySQL("schema.sql", accessSchema+"CREATE INDEX orders_customer_id_idx ON orders (customer_id);"); err != nil {
		t.Fatal(err)
	}
	orders := c.Table("", "orders")
	if got := SuggestIndexName(c, orders, []string{"status", "created_at"}); got != "orders_status_created_at_idx" {
		t.Errorf("SuggestIndexName = %q", got)
	}
	if got := SuggestIndexName(c, orders, []string{"customer_id"}); got != "orders_customer_id_idx1" {
		t.Errorf("SuggestIndexName on a taken name = %q", got)
	}
}
