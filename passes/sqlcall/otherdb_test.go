package sqlcall

import "testing"

func TestForeignDialect(t *testing.T) {
	for text, want := range map[string]string{
		"PRAGMA foreign_keys = off":                                "sqlite",
		"-- check\n  pragma foreign_key_check":                     "sqlite",
		"SELECT `type` FROM `ent_types` ORDER BY `id`":             "mysql",
		"SELECT id FROM users WHERE name = 'a`b'":                  "",
		`SELECT "weird` + "`" + `name" FROM t`:                     "",
		"DO $$ BEGIN RAISE NOTICE '`'; END $$":                     "",
		"DO $body$ BEGIN PERFORM 1; END $body$; SELECT `x` FROM t": "mysql",
		"SELECT $1::int, 'it''s' AS s":                             "",
		"SELECT 1":                                                 "",
	} {
		if got := foreignDialect(text); got != want {
			t.Errorf("foreignDialect(%q) = %q, want %q", text, got, want)
		}
	}
}
