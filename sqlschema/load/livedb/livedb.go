// Package livedb reads the schema of a live PostgreSQL database into a
// sqlschema.Catalog: the same model the DDL fold (Catalog.Apply) builds from
// migrations, so the two can be compared with sqlschema.Diff.
//
// It reads pg_catalog only, in one READ ONLY, REPEATABLE READ transaction
// with a statement and a lock timeout, so it sees one consistent snapshot
// and never waits long behind a migration holding a lock.
//
// Errors name the server and what went wrong (refused, authentication,
// timeout, permission) and never contain a password: URLs in messages are
// redacted with RedactURL.
package livedb

import (
	"context"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/dblint/dblint/sqlschema"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Options selects what Introspect reads.
type Options struct {
	// Schemas to read; empty means every schema except the system ones
	// (pg_catalog, information_schema, pg_toast, temporary schemas) and
	// those created by extensions.
	Schemas []string
	// ConnectTimeout bounds connecting when the URL sets no
	// connect_timeout; 10s when zero.
	ConnectTimeout time.Duration
	// StatementTimeout bounds each catalog query; 60s when zero.
	StatementTimeout time.Duration
}

// minVersion is the oldest server Introspect reads: partitioned tables,
// pg_get_partkeydef and identity columns arrived in PostgreSQL 10.
const minVersion = 100000

// Introspect connects to the database at url and returns its schema.
//
// Objects carry a zero Source (they come from no file). Table.RowEstimate
// is pg_class.reltuples, or -1 when the table was never analyzed.
func Introspect(ctx context.Context, url string, opts Options) (*sqlschema.Catalog, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, parseError(url, err)
	}
	sec := newSecrets(url, cfg.Password)
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = opts.ConnectTimeout
		if cfg.ConnectTimeout == 0 {
			cfg.ConnectTimeout = 10 * time.Second
		}
	}
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	if cfg.RuntimeParams["application_name"] == "" {
		cfg.RuntimeParams["application_name"] = "dblint"
	}
	// Unnamed statements only: works through PgBouncer in transaction
	// mode, where named prepared statements do not survive.
	cfg.DefaultQueryExecMode = pgx.QueryExecModeExec
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, connectError(ctx, &cfg.Config, sec, err)
	}
	defer func() {
		cctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		conn.Close(cctx)
	}()

	tx, err := conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, queryError(ctx, &cfg.Config, sec, "begin a read-only transaction", err)
	}
	defer tx.Rollback(context.Background())

	stmtTimeout := opts.StatementTimeout
	if stmtTimeout == 0 {
		stmtTimeout = 60 * time.Second
	}
	// SET LOCAL: the settings end with the transaction, so a pooled
	// connection goes back unchanged.
	lockTimeout := min(stmtTimeout, 10*time.Second)
	setup := fmt.Sprintf("SET LOCAL statement_timeout = %d; SET LOCAL lock_timeout = %d",
		stmtTimeout.Milliseconds(), lockTimeout.Milliseconds())
	if _, err := tx.Exec(ctx, setup, pgx.QueryExecModeSimpleProtocol); err != nil {
		return nil, queryError(ctx, &cfg.Config, sec, "set timeouts", err)
	}
	r := &reader{ctx: ctx, tx: tx, cfg: cfg, sec: sec}
	return r.read(opts)
}

// reader runs the catalog queries of one Introspect.
type reader struct {
	ctx     context.Context
	tx      pgx.Tx
	cfg     *pgx.ConnConfig
	sec     secrets
	version int
	schemas []string // the schemas read

	cat    *sqlschema.Catalog
	tables map[uint32]*sqlschema.Table
	views  map[uint32]*sqlschema.View
	// owner of each relation's indexes: the table or materialized view
	idxOwner map[uint32]func(*sqlschema.Index)
}

func (r *reader) query(what, sql string, args ...any) (pgx.Rows, error) {
	rows, err := r.tx.Query(r.ctx, sql, args...)
	if err != nil {
		return nil, queryError(r.ctx, &r.cfg.Config, r.sec, what, err)
	}
	return rows, nil
}

// each runs sql and calls scan for every row; scan reads the row with
// rows.Scan.
func (r *reader) each(what, sql string, args []any, scan func(pgx.Rows) error) error {
	rows, err := r.query(what, sql, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return queryError(r.ctx, &r.cfg.Config, r.sec, what, err)
		}
	}
	if err := rows.Err(); err != nil {
		return queryError(r.ctx, &r.cfg.Config, r.sec, what, err)
	}
	return nil
}

func (r *reader) read(opts Options) (*sqlschema.Catalog, error) {
	r.cat = sqlschema.New()
	r.cat.SearchPath = nil
	delete(r.cat.Schemas, "public")
	var searchPath []string
	err := r.each("read server version", `SELECT current_setting('server_version_num')::int, current_schemas(false)::text[]`, nil,
		func(rows pgx.Rows) error { return rows.Scan(&r.version, &searchPath) })
	if err != nil {
		return nil, err
	}
	if r.version < minVersion {
		return nil, &Error{Kind: ErrUnsupported, Msg: fmt.Sprintf("%s runs PostgreSQL %d; dblint reads PostgreSQL 10 and later", r.server(), r.version)}
	}
	r.cat.ServerVersion = r.version
	r.cat.SearchPath = searchPath
	if len(r.cat.SearchPath) == 0 {
		r.cat.SearchPath = []string{"public"}
	}
	steps := []func(Options) error{
		r.readSchemas, r.readRelations, r.readColumns, r.readVolatile,
		r.readConstraints, r.readIndexes, r.readEnums, r.readDomains, r.readExtensions,
	}
	for _, step := range steps {
		if err := step(opts); err != nil {
			return nil, err
		}
	}
	return r.cat, nil
}

func (r *reader) server() string { return serverAddr(&r.cfg.Config) }

// notExtensionMember excludes objects an extension created (PostGIS's
// spatial_ref_sys, for instance): migrations create the extension, not
// its objects. The verbs are the catalog of the object and its oid column.
const notExtensionMember = `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '%s'::regclass AND d.objid = %s AND d.deptype = 'e')`

func (r *reader) readSchemas(opts Options) error {
	var all []string
	err := r.each("list schemas", `
SELECT n.nspname::text FROM pg_namespace n
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
  AND n.nspname !~ '^pg_(toast_)?temp_'
  AND `+fmt.Sprintf(notExtensionMember, "pg_namespace", "n.oid")+`
ORDER BY 1`, nil, func(rows pgx.Rows) error {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		all = append(all, name)
		return nil
	})
	if err != nil {
		return err
	}
	r.schemas = all
	if len(opts.Schemas) > 0 {
		have := map[string]bool{}
		for _, s := range all {
			have[s] = true
		}
		r.schemas = nil
		for _, s := range opts.Schemas {
			if !have[s] {
				return &Error{Kind: ErrNotFound, Msg: fmt.Sprintf("schema %q does not exist in %s", s, r.server())}
			}
			r.schemas = append(r.schemas, s)
		}
	}
	for _, s := range r.schemas {
		r.cat.Schemas[s] = &sqlschema.Schema{
			Name:    s,
			Tables:  map[string]*sqlschema.Table{},
			Views:   map[string]*sqlschema.View{},
			Enums:   map[string]*sqlschema.Enum{},
			Domains: map[string]*sqlschema.Domain{},
			Dropped: map[string]*sqlschema.Tombstone{},
		}
	}
	return nil
}

func (r *reader) readRelations(Options) error {
	r.tables = map[uint32]*sqlschema.Table{}
	r.views = map[uint32]*sqlschema.View{}
	r.idxOwner = map[uint32]func(*sqlschema.Index){}
	return r.each("list tables and views", `
SELECT c.oid, n.nspname::text, c.relname::text, c.relkind::text, c.relpersistence::text,
       c.reltuples::float8, c.relpages,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) ELSE '' END,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) ELSE '' END,
       COALESCE((SELECT pn.nspname::text FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
                 JOIN pg_namespace pn ON pn.oid = p.relnamespace WHERE c.relispartition AND i.inhrelid = c.oid), ''),
       COALESCE((SELECT p.relname::text FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent
                 WHERE c.relispartition AND i.inhrelid = c.oid), ''),
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) ELSE '' END
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname = ANY($1)
  AND `+fmt.Sprintf(notExtensionMember, "pg_class", "c.oid")+`
ORDER BY c.oid`, []any{r.schemas}, func(rows pgx.Rows) error {
		var (
			oid                                              uint32
			schema, name, kind, persistence                  string
			reltuples                                        float64
			relpages                                         int32
			partKey, partBound, parentSchema, parent, viewQL string
		)
		if err := rows.Scan(&oid, &schema, &name, &kind, &persistence, &reltuples, &relpages,
			&partKey, &partBound, &parentSchema, &parent, &viewQL); err != nil {
			return err
		}
		s := r.cat.Schemas[schema]
		switch kind {
		case "r", "p":
			t := &sqlschema.Table{
				Schema:         schema,
				Name:           name,
				Unlogged:       persistence == "u",
				PartitionKey:   partKey,
				PartitionBound: partBound,
				RowEstimate:    rowEstimate(r.version, reltuples, relpages),
				DroppedColumns: map[string]*sqlschema.Tombstone{},
			}
			if parent != "" {
				t.PartitionOf = sqlschema.QualifiedName(parentSchema, parent)
			}
			s.Tables[name] = t
			r.tables[oid] = t
			r.idxOwner[oid] = func(ix *sqlschema.Index) { t.Indexes = append(t.Indexes, ix) }
		case "v", "m":
			v := &sqlschema.View{
				Schema:       schema,
				Name:         name,
				Materialized: kind == "m",
				Query:        strings.TrimSuffix(strings.TrimSpace(viewQL), ";"),
			}
			s.Views[name] = v
			r.views[oid] = v
			r.idxOwner[oid] = func(ix *sqlschema.Index) { v.Indexes = append(v.Indexes, ix) }
		}
		return nil
	})
}

// rowEstimate turns reltuples into a row estimate, -1 when the table was
// never vacuumed or analyzed. Since PostgreSQL 14 reltuples says so with -1;
// before, a never-analyzed table has reltuples 0 and relpages 0 (which an
// analyzed empty table also has: it then reads as unknown, harmlessly).
func rowEstimate(version int, reltuples float64, relpages int32) int64 {
	if reltuples < 0 || (version < 140000 && reltuples == 0 && relpages == 0) {
		return -1
	}
	return int64(reltuples)
}

// typeJoins joins what typeName needs to name the type whose oid is
// oidExpr: the type (ty), for an array its element type (el), and the
// schema (bn) and name (bt) of the element type or the type itself.
// typeColumns selects them, with format_type's rendering for typmod.
func typeJoins(oidExpr string) string {
	return `
JOIN pg_type ty ON ty.oid = ` + oidExpr + `
LEFT JOIN pg_type el ON ty.typcategory = 'A' AND ty.typelem <> 0 AND el.oid = ty.typelem
JOIN pg_type bt ON bt.oid = COALESCE(el.oid, ty.oid)
JOIN pg_namespace bn ON bn.oid = bt.typnamespace`
}

func typeColumns(oidExpr, typmodExpr string) string {
	return `format_type(` + oidExpr + `, ` + typmodExpr + `), bn.nspname::text, bt.typname::text, el.oid IS NOT NULL`
}

func (r *reader) readColumns(Options) error {
	identity, generated := "a.attidentity::text", "''"
	if r.version >= 120000 {
		generated = "a.attgenerated::text"
	}
	q := `
SELECT a.attrelid, a.attname::text, a.attnotnull, ` + typeColumns("a.atttypid", "a.atttypmod") + `,
       COALESCE(pg_get_expr(ad.adbin, ad.adrelid, true), ''), ` + identity + `, ` + generated + `,
       COALESCE((SELECT st.typname::text FROM pg_depend d
                 JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
                 JOIN pg_sequence sq ON sq.seqrelid = s.oid
                 JOIN pg_type st ON st.oid = sq.seqtypid
                 WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
                   AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.deptype = 'a'
                 LIMIT 1), '')
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace` + typeJoins("a.atttypid") + `
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm') AND n.nspname = ANY($1)
ORDER BY a.attrelid, a.attnum`
	return r.each("read columns", q, []any{r.schemas}, func(rows pgx.Rows) error {
		var (
			rel                          uint32
			name, format, tschema, tname string
			notNull, isArray             bool
			seqType                      string
			def, identity, generated     string
		)
		if err := rows.Scan(&rel, &name, &notNull, &format, &tschema, &tname, &isArray, &def, &identity, &generated, &seqType); err != nil {
			return err
		}
		col := &sqlschema.Column{Name: name, Type: typeName(format, tschema, tname, isArray), NotNull: notNull}
		switch identity {
		case "a":
			col.Identity = "always"
		case "d":
			col.Identity = "by default"
		}
		if generated == "s" {
			col.Generated = def
		} else {
			col.Default = def
		}
		// A serial is a column with an owned sequence it takes its default
		// from. The sequence's type says which serial it was declared as,
		// even after ALTER COLUMN TYPE bigint (which leaves the sequence,
		// and its limit, as they were).
		if seqType != "" && col.Identity == "" && strings.HasPrefix(def, "nextval(") {
			col.Serial = map[string]string{"int2": "smallserial", "int4": "serial", "int8": "bigserial"}[seqType]
		}
		if t := r.tables[rel]; t != nil {
			t.Columns = append(t.Columns, col)
		} else if v := r.views[rel]; v != nil {
			v.Columns = append(v.Columns, col)
		}
		return nil
	})
}

// readVolatile sets Column.DefaultVolatile for defaults that call a
// volatile function (nextval, random, gen_random_uuid, clock_timestamp, a
// user function): adding such a column rewrites the table. The catalog does
// not record expression volatility, so the function names are taken from
// the default's text and looked up in pg_proc.
func (r *reader) readVolatile(Options) error {
	byName := map[string][]*sqlschema.Column{}
	for _, t := range r.tables {
		for _, c := range t.Columns {
			for _, f := range functionNames(c.Default) {
				byName[f] = append(byName[f], c)
			}
		}
	}
	if len(byName) == 0 {
		return nil
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	return r.each("read function volatility", `
SELECT DISTINCT p.proname::text FROM pg_proc p WHERE p.provolatile = 'v' AND p.proname = ANY($1)`,
		[]any{names}, func(rows pgx.Rows) error {
			var name string
			if err := rows.Scan(&name); err != nil {
				return err
			}
			for _, c := range byName[name] {
				c.DefaultVolatile = true
			}
			return nil
		})
}

// functionNames returns the names of the functions called in expr, as
// pg_get_expr prints it, outside string literals and without schema.
func functionNames(expr string) []string {
	var out []string
	for i := 0; i < len(expr); i++ {
		ch := expr[i]
		switch {
		case ch == '\'':
			// Skip the literal; '' inside it is an escaped quote.
			for i++; i < len(expr); i++ {
				if expr[i] == '\'' {
					if i+1 < len(expr) && expr[i+1] == '\'' {
						i++
						continue
					}
					break
				}
			}
		case isIdentStart(ch):
			j := i
			for j < len(expr) && (isIdentStart(expr[j]) || expr[j] >= '0' && expr[j] <= '9' || expr[j] == '$') {
				j++
			}
			if j < len(expr) && expr[j] == '(' && (i == 0 || expr[i-1] != ':') {
				out = append(out, strings.ToLower(expr[i:j]))
			}
			i = j - 1
		}
	}
	return out
}

func isIdentStart(ch byte) bool {
	return ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= 0x80
}

var fkAction = map[string]string{"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT"}

func (r *reader) readConstraints(Options) error {
	q := `
SELECT con.conrelid, con.conname::text, con.contype::text, con.convalidated, con.condeferrable,
       ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord),
       COALESCE(fn.nspname::text, ''), COALESCE(f.relname::text, ''),
       ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord),
       con.confdeltype::text, con.confupdtype::text,
       CASE WHEN con.contype = 'c' THEN pg_get_expr(con.conbin, con.conrelid, true) ELSE '' END,
       pg_get_constraintdef(con.oid),
       COALESCE(ci.relname::text, '')
FROM pg_constraint con
JOIN pg_class c ON c.oid = con.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class f ON f.oid = con.confrelid
LEFT JOIN pg_namespace fn ON fn.oid = f.relnamespace
LEFT JOIN pg_class ci ON ci.oid = con.conindid AND con.contype IN ('p', 'u', 'x')
WHERE con.contype IN ('p', 'u', 'c', 'f', 'x') AND c.relkind IN ('r', 'p') AND n.nspname = ANY($1)
ORDER BY con.conrelid, con.oid`
	return r.each("read constraints", q, []any{r.schemas}, func(rows pgx.Rows) error {
		var (
			rel                                      uint32
			name, typ, refSchema, refTable, del, upd string
			check, def, index                        string
			validated, deferrable                    bool
			cols, refCols                            []string
		)
		if err := rows.Scan(&rel, &name, &typ, &validated, &deferrable, &cols, &refSchema, &refTable, &refCols,
			&del, &upd, &check, &def, &index); err != nil {
			return err
		}
		t := r.tables[rel]
		if t == nil {
			return nil
		}
		k := &sqlschema.Constraint{Name: name, Columns: cols, Validated: validated, Deferrable: deferrable}
		switch typ {
		case "p":
			k.Kind, k.Index = sqlschema.PrimaryKey, index
		case "u":
			k.Kind, k.Index = sqlschema.Unique, index
		case "c":
			k.Kind, k.Expr = sqlschema.Check, check
		case "x":
			k.Kind, k.Index, k.Expr = sqlschema.Exclusion, index, exclusionElements(def)
		case "f":
			k.Kind = sqlschema.ForeignKey
			k.RefSchema, k.RefTable, k.RefColumns = refSchema, refTable, refCols
			k.OnDelete, k.OnUpdate = fkAction[del], fkAction[upd]
		}
		t.Constraints = append(t.Constraints, k)
		return nil
	})
}

// exclusionElements extracts the element list from an exclusion
// constraint's definition: "EXCLUDE USING gist (room WITH =, during WITH &&)"
// gives "room WITH =, during WITH &&".
func exclusionElements(def string) string {
	open := strings.IndexByte(def, '(')
	if open < 0 {
		return def
	}
	depth, inStr := 0, false
	for i := open; i < len(def); i++ {
		switch ch := def[i]; {
		case ch == '\'':
			inStr = !inStr
		case inStr:
		case ch == '(':
			depth++
		case ch == ')':
			depth--
			if depth == 0 {
				return def[open+1 : i]
			}
		}
	}
	return def
}

func (r *reader) readIndexes(Options) error {
	nkey := "i.indnatts"
	if r.version >= 110000 {
		nkey = "i.indnkeyatts"
	}
	q := `
SELECT i.indrelid, ic.relname::text, am.amname::text, i.indisunique, i.indisprimary, i.indisvalid, ` + nkey + `::int,
       ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0 THEN '' ELSE (SELECT a.attname::text FROM pg_attribute a
                         WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[k - 1]) END
             FROM generate_series(1, i.indnatts) k ORDER BY k),
       ARRAY(SELECT CASE WHEN i.indkey[k - 1] = 0 THEN pg_get_indexdef(i.indexrelid, k, true) ELSE '' END
             FROM generate_series(1, i.indnatts) k ORDER BY k),
       ARRAY(SELECT i.indoption[k - 1]::int FROM generate_series(1, ` + nkey + `) k ORDER BY k),
       ARRAY(SELECT CASE WHEN oc.opcdefault THEN '' ELSE oc.opcname::text END
             FROM unnest(i.indclass::oid[]) WITH ORDINALITY k(oid, ord) JOIN pg_opclass oc ON oc.oid = k.oid ORDER BY k.ord),
       ARRAY(SELECT CASE WHEN k.oid = 0 OR k.oid = COALESCE(a.attcollation, 100) THEN '' ELSE COALESCE(co.collname::text, '') END
             FROM unnest(i.indcollation::oid[]) WITH ORDINALITY k(oid, ord)
             LEFT JOIN pg_collation co ON co.oid = k.oid
             LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.ord - 1] AND i.indkey[k.ord - 1] <> 0
             ORDER BY k.ord),
       COALESCE(pg_get_expr(i.indpred, i.indrelid, true), ''),
       COALESCE((SELECT con.conname::text FROM pg_constraint con
                 WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid AND con.contype IN ('p', 'u', 'x')), '')
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_am am ON am.oid = ic.relam
JOIN pg_class c ON c.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm') AND n.nspname = ANY($1)
ORDER BY i.indrelid, i.indexrelid`
	return r.each("read indexes", q, []any{r.schemas}, func(rows pgx.Rows) error {
		var (
			rel                                uint32
			name, method, pred, constraint     string
			unique, primary, valid             bool
			nkeys                              int
			cols, exprs, opclasses, collations []string
			options                            []int32
		)
		if err := rows.Scan(&rel, &name, &method, &unique, &primary, &valid, &nkeys, &cols, &exprs, &options,
			&opclasses, &collations, &pred, &constraint); err != nil {
			return err
		}
		add := r.idxOwner[rel]
		if add == nil {
			return nil
		}
		ix := &sqlschema.Index{Name: name, Unique: unique, Primary: primary, Method: method,
			Predicate: pred, Valid: valid, Constraint: constraint}
		for k := 0; k < len(cols); k++ {
			if k >= nkeys {
				ix.Include = append(ix.Include, cols[k])
				continue
			}
			key := sqlschema.IndexKey{Column: cols[k]}
			if key.Column == "" {
				key.Expr = exprs[k]
			}
			if k < len(options) {
				// indoption bits: 1 = DESC, 2 = NULLS FIRST. NULLS FIRST
				// is the default for DESC, so only ASC NULLS FIRST is
				// recorded.
				key.Desc = options[k]&1 != 0
				key.NullsFirst = options[k]&2 != 0 && !key.Desc
			}
			if k < len(opclasses) {
				key.Opclass = opclasses[k]
			}
			if k < len(collations) {
				key.Collation = collations[k]
			}
			ix.Keys = append(ix.Keys, key)
		}
		add(ix)
		return nil
	})
}

func (r *reader) readEnums(Options) error {
	return r.each("read enums", `
SELECT n.nspname::text, t.typname::text,
       ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'e' AND n.nspname = ANY($1) AND `+fmt.Sprintf(notExtensionMember, "pg_type", "t.oid")+`
ORDER BY 1, 2`, []any{r.schemas}, func(rows pgx.Rows) error {
		e := &sqlschema.Enum{}
		if err := rows.Scan(&e.Schema, &e.Name, &e.Values); err != nil {
			return err
		}
		r.cat.Schemas[e.Schema].Enums[e.Name] = e
		return nil
	})
}

func (r *reader) readDomains(Options) error {
	return r.each("read domains", `
SELECT n.nspname::text, t.typname::text, `+typeColumns("t.typbasetype", "t.typtypmod")+`, t.typnotnull,
       ARRAY(SELECT pg_get_expr(c.conbin, 0, true) FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.oid)
FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace`+typeJoins("t.typbasetype")+`
WHERE t.typtype = 'd' AND n.nspname = ANY($1) AND `+fmt.Sprintf(notExtensionMember, "pg_type", "t.oid")+`
ORDER BY 1, 2`, []any{r.schemas}, func(rows pgx.Rows) error {
		var (
			format, tschema, tname string
			isArray                bool
		)
		d := &sqlschema.Domain{}
		if err := rows.Scan(&d.Schema, &d.Name, &format, &tschema, &tname, &isArray, &d.NotNull, &d.Checks); err != nil {
			return err
		}
		d.BaseType = typeName(format, tschema, tname, isArray)
		r.cat.Schemas[d.Schema].Domains[d.Name] = d
		return nil
	})
}

func (r *reader) readExtensions(Options) error {
	return r.each("read extensions", `SELECT extname::text FROM pg_extension ORDER BY 1`, nil, func(rows pgx.Rows) error {
		var name string
		if err := rows.Scan(&name); err != nil {
			return err
		}
		r.cat.Extensions[name] = true
		return nil
	})
}

// typeName names a column type the way the DDL fold does: PostgreSQL's
// internal names for built-in types (int4, varchar(255), timestamptz,
// bpchar(3), int4[]), and schema.name for other types, unqualified in
// public. format is format_type's rendering; schema and name are those of
// the type or, for an array, of its element type.
func typeName(format, schema, name string, isArray bool) string {
	if schema != "pg_catalog" {
		// format_type qualifies by search_path and quotes; the model
		// qualifies by schema and does not quote. Keep a type modifier
		// (PostGIS's geometry(Point,4326)).
		base := strings.TrimSuffix(format, "[]")
		mod := ""
		if i := strings.IndexByte(base, '('); i >= 0 && strings.HasSuffix(base, ")") {
			mod = base[i:]
		}
		out := sqlschema.QualifiedName(schema, name) + mod
		if isArray {
			out += "[]"
		}
		return out
	}
	return builtinTypeName(format)
}

// builtinTypeName maps format_type's SQL-standard spelling of a built-in
// type to PostgreSQL's internal name, keeping modifiers and array brackets:
// "character varying(255)[]" gives "varchar(255)[]".
func builtinTypeName(format string) string {
	base, dims := format, ""
	for strings.HasSuffix(base, "[]") {
		base, dims = strings.TrimSuffix(base, "[]"), dims+"[]"
	}
	// timestamp(3) with time zone: the modifier sits inside the name.
	for _, tz := range []struct{ prefix, with, without string }{
		{"timestamp", "timestamptz", "timestamp"},
		{"time", "timetz", "time"},
	} {
		rest, ok := strings.CutPrefix(base, tz.prefix)
		if !ok {
			continue
		}
		mod := ""
		if strings.HasPrefix(rest, "(") {
			if i := strings.IndexByte(rest, ')'); i >= 0 {
				mod, rest = rest[:i+1], rest[i+1:]
			}
		}
		switch rest {
		case " with time zone":
			return tz.with + mod + dims
		case " without time zone", "":
			return tz.without + mod + dims
		}
	}
	name, mod := base, ""
	if i := strings.IndexByte(base, '('); i >= 0 {
		name, mod = base[:i], base[i:]
	}
	if internal, ok := builtinNames[name]; ok {
		name = internal
	}
	return name + mod + dims
}

var builtinNames = map[string]string{
	"smallint":          "int2",
	"integer":           "int4",
	"bigint":            "int8",
	"real":              "float4",
	"double precision":  "float8",
	"boolean":           "bool",
	"character varying": "varchar",
	"character":         "bpchar",
	"bit varying":       "varbit",
	`"char"`:            "char",
}

// serverAddr names the server for messages: host:port, or the socket path.
func serverAddr(cfg *pgconn.Config) string {
	if strings.HasPrefix(cfg.Host, "/") {
		return "socket " + cfg.Host + "/.s.PGSQL." + strconv.Itoa(int(cfg.Port))
	}
	return net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port)))
}
