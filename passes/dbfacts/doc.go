// Package dbfacts defines an analysis pass that summarises which functions
// execute queries, so analyzers can see a query behind a call into another
// package.
//
// # Analyzer dbfacts
//
// dbfacts: facts on the functions that execute queries
//
// The pass reports nothing. It exports a *QueriesFact on every function
// and method that executes a query, and returns a *Result with those facts
// and every call site of the package that executes one:
//
//	res := pass.ResultOf[dbfacts.Analyzer].(*dbfacts.Result)
//	if site := res.Sites[call]; site != nil { ... site.Fact.Evidence() ... }
//
// A function executes a query when it makes a call of sqlcall's kinds that
// send SQL there and then (query, query-row, exec, select, get, named-exec,
// named-query, and GORM finishers such as Find, First, Count, Create, or an
// association's Find), or when it runs a function that does: a static call,
// a function literal it calls, passes to a call or keeps in a local (go,
// errgroup's Go, a transaction helper's callback), or a method value used
// the same way. Facts of other packages come in as imported facts; within
// the package the summaries are iterated to a fixpoint, so mutual
// recursion is covered.
//
// A fact carries one representative statement: resolved text before
// unresolved, writes (INSERT, UPDATE, DELETE, MERGE) before reads, reads
// before other statements (SET, LOCK, DDL), then the shortest call chain,
// then the first in the source. It keeps the command (SELECT, INSERT, ...), the main
// table read from the parse tree, the column compared with a parameter,
// whether the statement is already batched (= ANY($1), unnest, sqlx.In, a
// GORM slice), the text shortened to about 60 bytes and the chain of calls
// down to it, at most four functions long.
//
// # Examples
//
//	func (s *Store) GetCustomer(ctx context.Context, id int64) (Customer, error) {
//		row := s.pool.QueryRow(ctx, "SELECT name FROM customers WHERE id = $1", id)
//	// fact on GetCustomer: queries(SELECT customers)
//
//	func (s *Service) Dashboard(ctx context.Context, id int64) error {
//		c, err := s.store.GetCustomer(ctx, id)
//	// fact on Dashboard: queries(SELECT customers via store.GetCustomer)
//
// # Precision and cost
//
// Not counted as executing a query: Prepare, queuing on a pgx.Batch,
// SendBatch and CopyFrom (one round trip for many rows), GORM chain
// builders, and function literals the function only returns or stores
// (a handler built for a router runs later, for someone else). Calls
// through an interface are followed only when sqlcall knows the method (a
// database API or sqlc's DBTX): a user interface (a repository) has no
// facts, and calls through it are silent.
//
// Packages that import no database library, directly or transitively, are
// skipped at once (the answer is memoised per import path). The pass
// builds no SSA: it reads sqlcall's result and one walk of the syntax.
package dbfacts

const doc = `dbfacts: facts on the functions that execute queries

The pass reports nothing. It exports a fact on every function and method
that executes a query, directly (a database/sql, pgx, sqlx or GORM call
that sends SQL) or through the functions, closures and method values it
runs, across packages, with one representative statement (command, main
table, shortened SQL) and the call chain down to it. It returns the facts
and every call site of the package that executes a query.`
