package livedb

import (
	"context"
	"strings"
	"testing"

	"github.com/dblint/dblint/internal/pgtest"
	"github.com/dblint/dblint/sqlschema"
)

// TestDownUndoesUp applies the ups of testdata/history one by one,
// introspecting after each, then the downs in reverse, and diffs the
// schema after each down with the schema before its up. The history has
// three downs that cannot undo their up, and Diff must say exactly how.
func TestDownUndoesUp(t *testing.T) {
	const dir = "testdata/history"
	srv := pgtest.Start(t)
	db := srv.CreateDB(t, t.Name())
	conn := connect(t, srv.URL(db))
	read := func() *sqlschema.Catalog {
		t.Helper()
		cat, err := Introspect(context.Background(), srv.URL(db), Options{})
		if err != nil {
			t.Fatal(err)
		}
		return cat
	}

	ups, downs := migrationFiles(t, dir, "up"), migrationFiles(t, dir, "down")
	if len(ups) != len(downs) {
		t.Fatalf("%d ups, %d downs", len(ups), len(downs))
	}
	before := []*sqlschema.Catalog{read()}
	for _, f := range ups {
		applyFile(t, conn, f.path)
		before = append(before, read())
	}

	// Expected differences after down k. An added column goes last, so a
	// down that adds back a dropped column cannot restore the column order
	// (000012 order_items.vendor_id, 000007 orders.tags); an enum value
	// cannot be dropped, so 000003's down leaves the two values its up
	// added. Each difference shows in every later comparison too.
	itemsCols := `table "order_items": column order (order_id, vendor_id, sku, quantity) in want, (order_id, sku, quantity, vendor_id) in got`
	ordersCols := func(note, coupon string) string {
		return `table "orders": column order (id, customer_id, status, total, discount, tags, ` + note + `, token, placed_at` + coupon +
			`) in want, (id, customer_id, status, total, discount, ` + note + `, token, placed_at` + coupon + `, tags) in got`
	}
	enumValues := `enum "order_status": values ('pending', 'paid', 'shipped') in want, ('pending', 'paid', 'refunded', 'shipped', 'cancelled') in got`
	want := func(k int) []string {
		switch {
		case k >= 8:
			return []string{itemsCols}
		case k == 7:
			return []string{itemsCols, ordersCols("notes", ", coupon_id")}
		case k >= 4:
			return []string{itemsCols, ordersCols("note", ", coupon_id")}
		case k == 3:
			return []string{enumValues, itemsCols, ordersCols("note", "")}
		}
		// 000002's down dropped order_items.
		return []string{enumValues, ordersCols("note", "")}
	}
	for k := len(downs); k >= 1; k-- {
		applyFile(t, conn, downs[k-1].path)
		var got []string
		for _, d := range sqlschema.Diff(before[k-1], read()) {
			got = append(got, d.String())
		}
		if k == 1 {
			// Down to nothing: no difference left at all.
			if len(got) != 0 {
				t.Errorf("after the first down: %q", got)
			}
			continue
		}
		if strings.Join(got, "\n") != strings.Join(want(k), "\n") {
			t.Errorf("after down %s, differences from before its up:\n%s\nwant:\n%s", downs[k-1].path, strings.Join(got, "\n"), strings.Join(want(k), "\n"))
		}
	}
}
