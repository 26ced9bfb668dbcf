// Package sqlinjection defines an Analyzer that reports SQL text built from
// untrusted input, and connection strings that leak a password or turn TLS
// off.
//
// # Analyzer sqlinjection
//
// sqlinjection: SQL text built from input that is not constant
//
// For every call that sends SQL (database/sql, pgx, pgxpool, sqlx, GORM Raw
// and Exec, and the GORM fragment methods Where, Or, Not, Order, Group,
// Having, Joins and Select given a string), the analyzer follows each
// dynamic part of the text back through the function (locals, +, +=,
// fmt.Sprintf, strings.Join, strings.Builder, bytes.Buffer, append, and
// functions of the same package that build their result from their
// parameters) and reports:
//
//   - sql-built-from-input: a part that comes from a function parameter, a
//     field of a struct passed in or decoded from a request, *http.Request
//     data (URL query, form, headers, path values, cookies, body, gorilla
//     mux vars, chi URL params), url.Values, os.Args, flag.Arg or
//     os.Getenv. The message names the input, how and where it entered the
//     text, and the remedy: a value can be a query argument ($1, ?); a
//     table or column name can only be chosen from a fixed set or quoted
//     as an identifier (pgx.Identifier{name}.Sanitize(), pq.QuoteIdentifier).
//     Not in _test.go files (tests build SQL from their own fixtures).
//   - hardcoded-credentials: a postgres:// URL or a key=value connection
//     string with a password, or a pgx/pq config literal (or assignment)
//     with a constant Password, in a non-test file. The message shows the
//     connection string with the password replaced by xxxxx.
//   - sslmode-disable: a connection string with sslmode=disable for a host
//     that is not localhost, 127.0.0.1, ::1 or a Unix socket, in a non-test
//     file.
//
// # Examples
//
//	func List(db *sql.DB, sortBy string) {
//		q := fmt.Sprintf("SELECT id FROM users ORDER BY %s", sortBy)
//		db.Query(q) // SQL text includes parameter "sortBy" (fmt.Sprintf at line 31); choose it from a fixed set
//	}
//
//	db.Query("SELECT id FROM users WHERE name = '" + r.URL.Query().Get("q") + "'") // SQL text includes request data r.URL.Query().Get("q") (concatenation at line 12); pass it as a query argument ($1)
//
//	const dsn = "postgres://app:s3cret@db.internal/shop" // connection string "postgres://app:xxxxx@db.internal/shop" has a hardcoded password; read it from the environment or a secret store
//
// # Precision
//
// The analyzer only reports an input it has followed to its source; when
// the origin of a part cannot be determined (the result of a function of
// another package, a value read from the database, a field of the method's
// own receiver, a package variable), it stays silent. Constants, numbers,
// booleans and time values, strconv.Itoa and friends, pgx.Identifier
// Sanitize, pq.QuoteIdentifier and pq.QuoteLiteral, values chosen by a
// switch or looked up in a map literal, and values checked against a set
// before use (a map lookup, a comparison, a switch, a validating call in an
// if that returns or replaces the value) are never reported. A whole query
// text passed in as a parameter makes the function a wrapper: its callers
// in the package are checked instead.
package sqlinjection

const doc = `sqlinjection: SQL text built from input that is not constant

Reports SQL text (database/sql, pgx, sqlx, GORM Raw/Exec and fragments)
with a part that comes from a parameter, a struct field passed in,
*http.Request data, url.Values, os.Args or os.Getenv, through +, +=,
fmt.Sprintf, strings.Join, strings.Builder, bytes.Buffer or a helper of the
package (sql-built-from-input); connection strings and pgx/pq configs
with a hardcoded password (hardcoded-credentials); and sslmode=disable for
a host that is not local (sslmode-disable).

Examples:

	db.Query(fmt.Sprintf("SELECT id FROM users ORDER BY %s", sortBy))
	// SQL text includes parameter "sortBy" (fmt.Sprintf at line 31); choose it from a fixed set, or quote it as an identifier

The analyzer stays silent when the origin of a part cannot be determined,
and on constants, numbers, time values, pgx.Identifier.Sanitize,
pq.QuoteIdentifier/QuoteLiteral, values chosen by a switch or a map
literal, and values checked against a set before use. Test files are not
checked for connection strings.`
