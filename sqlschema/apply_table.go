package sqlschema

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/dblint/dblint/sqlschema/pgsql"
)

// pendingCon is a column or table constraint waiting to be added once the
// table's columns exist.
type pendingCon struct {
	con *pgsql.Constraint
	col string // the column of a column constraint
	// deferrable overrides con's flag when a column constraint is followed
	// by DEFERRABLE / NOT DEFERRABLE: +1 deferrable, -1 not.
	deferrable int
}

func (pc pendingCon) isDeferrable() bool {
	if pc.deferrable != 0 {
		return pc.deferrable > 0
	}
	return pc.con.GetDeferrable()
}

// typeErr turns a type resolution failure into a positioned *Error.
func (a *applier) typeErr(err error) error {
	var te *typeError
	if errors.As(err, &te) {
		return a.errorf(te.state, "%s", te.msg)
	}
	return err
}

// newRelationSchema returns the schema a new relation goes into,
// creating the temporary schema for a TEMP relation.
func (a *applier) newRelationSchema(rv *pgsql.RangeVar) (*Schema, error) {
	if rv.GetRelpersistence() == "t" || rv.GetSchemaname() == "pg_temp" {
		s := a.c.Schemas[tempSchema]
		if s == nil {
			s = newSchema(tempSchema, a.src)
			a.c.Schemas[tempSchema] = s
		}
		return s, nil
	}
	return a.creationSchema(rv.GetSchemaname())
}

// checkNewRelation reports whether creating a relation named name in s
// should be skipped (IF NOT EXISTS) or fails.
func (a *applier) checkNewRelation(s *Schema, name string, ifNotExists bool) (bool, error) {
	if relationTaken(s, name) {
		if ifNotExists {
			return true, nil
		}
		return false, a.errorf(DuplicateTable, "relation %q already exists", name)
	}
	if typeTaken(s, name) {
		return false, a.errorf(DuplicateObject, "type %q already exists", name)
	}
	return false, nil
}

// columnsKnown reports whether the table's columns are known; a table
// created by CREATE TABLE AS from an unresolvable query has none, and
// column checks on it are skipped.
func columnsKnown(t *Table) bool { return len(t.Columns) > 0 }

func (a *applier) createTable(cs *pgsql.CreateStmt) error {
	rv := cs.GetRelation()
	s, err := a.newRelationSchema(rv)
	if err != nil {
		return err
	}
	name := rv.GetRelname()
	if skip, err := a.checkNewRelation(s, name, cs.GetIfNotExists()); skip || err != nil {
		return err
	}
	t := &Table{Schema: s.Name, Name: name, Unlogged: rv.GetRelpersistence() == "u", RowEstimate: -1, Source: a.src}
	if cs.GetOfTypename() != nil {
		if _, _, err := normalizeType(cs.GetOfTypename(), a.c); err != nil {
			return a.typeErr(err)
		}
	}

	var parent *Table
	var inherited []*Table
	for _, n := range cs.GetInhRelations() {
		_, p, err := a.table(n.GetRangeVar(), false)
		if err != nil {
			return err
		}
		if cs.GetPartbound() != nil {
			if p.PartitionKey == "" {
				return a.errorf(wrongObjectType, "%q is not partitioned", p.Name)
			}
			parent = p
			t.PartitionOf = p.QualifiedName()
			t.PartitionBound = partitionBound(cs.GetPartbound())
		}
		inherited = append(inherited, p)
		for _, col := range p.Columns {
			if t.Column(col.Name) != nil {
				continue // merged
			}
			t.Columns = append(t.Columns, &Column{
				Name: col.Name, Type: col.Type, NotNull: col.NotNull,
				Default: col.Default, DefaultVolatile: col.DefaultVolatile,
				Generated: col.Generated, Source: a.src,
			})
		}
	}

	var cons []pendingCon
	var likes []*pgsql.TableLikeClause
	local := map[string]bool{}
	for _, el := range cs.GetTableElts() {
		switch {
		case el.GetColumnDef() != nil:
			cd := el.GetColumnDef()
			if local[cd.GetColname()] {
				return a.errorf(DuplicateColumn, "column %q specified more than once", cd.GetColname())
			}
			local[cd.GetColname()] = true
			if old := t.Column(cd.GetColname()); old != nil {
				// An inherited column, merged with the local definition;
				// a partition's column takes only options.
				if err := a.mergeColumn(s, t, old, cd, &cons); err != nil {
					return err
				}
				continue
			}
			col, err := a.columnDef(s, t, cd, &cons)
			if err != nil {
				return err
			}
			t.Columns = append(t.Columns, col)
		case el.GetConstraint() != nil:
			cons = append(cons, pendingCon{con: el.GetConstraint()})
		case el.GetTableLikeClause() != nil:
			lc := el.GetTableLikeClause()
			if err := a.likeColumns(t, lc, local); err != nil {
				return err
			}
			likes = append(likes, lc)
		}
	}
	if ps := cs.GetPartspec(); ps != nil {
		key, err := a.partitionKey(t, ps)
		if err != nil {
			return err
		}
		t.PartitionKey = key
	}

	s.Tables[name] = t
	tomb := s.Dropped[name]
	forgetTombstone(s, name)
	if err := a.createTableObjects(s, t, parent, inherited, cons, likes); err != nil {
		// The statement fails as a whole.
		delete(s.Tables, name)
		if tomb != nil {
			s.Dropped[name] = tomb
		}
		return err
	}
	return nil
}

// createTableObjects adds a new table's constraints and indexes.
func (a *applier) createTableObjects(s *Schema, t, parent *Table, inherited []*Table, cons []pendingCon, likes []*pgsql.TableLikeClause) error {
	// PostgreSQL's order: checks (inherited, then local), a partition's
	// clones of its parent's indexes and foreign keys, what LIKE copies,
	// then the table's own indexes and foreign keys.
	for _, p := range inherited {
		for _, k := range p.Constraints {
			if k.Kind == Check && t.Constraint(k.Name) == nil {
				nk := *k
				nk.Columns = append([]string(nil), k.Columns...)
				nk.Source = a.src
				t.Constraints = append(t.Constraints, &nk)
			}
		}
	}
	for _, pc := range cons {
		if pc.con.GetContype() == pgsql.ConstrType_CONSTR_CHECK {
			if err := a.addCheck(s, t, pc, true, false); err != nil {
				return err
			}
		}
	}
	if parent != nil {
		a.inheritPartitionObjects(s, t, parent)
	}
	for _, lc := range likes {
		a.likeObjects(s, t, lc)
	}
	if err := a.addIndexConstraints(s, t, cons, true); err != nil {
		return err
	}
	for _, pc := range cons {
		if pc.con.GetContype() == pgsql.ConstrType_CONSTR_FOREIGN {
			if err := a.addForeignKey(s, t, pc, true, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// addIndexConstraints adds the primary key first, then unique and
// exclusion constraints in order, dropping exact duplicates as
// PostgreSQL's transformIndexConstraints does.
func (a *applier) addIndexConstraints(s *Schema, t *Table, cons []pendingCon, creating bool) error {
	var list []pendingCon
	for _, pc := range cons {
		switch pc.con.GetContype() {
		case pgsql.ConstrType_CONSTR_PRIMARY, pgsql.ConstrType_CONSTR_UNIQUE, pgsql.ConstrType_CONSTR_EXCLUSION:
			list = append(list, pc)
		}
	}
	if creating {
		sort.SliceStable(list, func(i, j int) bool {
			return list[i].con.GetContype() == pgsql.ConstrType_CONSTR_PRIMARY && list[j].con.GetContype() != pgsql.ConstrType_CONSTR_PRIMARY
		})
	}
	seen := map[string]bool{}
	for _, pc := range list {
		if creating {
			sig := constraintSignature(pc)
			if seen[sig] {
				continue
			}
			seen[sig] = true
		}
		if err := a.addIndexConstraint(s, t, pc, false); err != nil {
			return err
		}
	}
	return nil
}

// constraintSignature identifies an index constraint's definition, to
// merge `id int PRIMARY KEY UNIQUE` into one index.
func constraintSignature(pc pendingCon) string {
	con := pc.con
	keys := strs(con.GetKeys())
	if len(keys) == 0 && pc.col != "" {
		keys = []string{pc.col}
	}
	var ex []string
	for _, e := range con.GetExclusions() {
		ex = append(ex, pgsql.DeparseExpr(e))
	}
	if con.GetIndexname() != "" {
		return "using:" + con.GetIndexname() + con.GetConname()
	}
	return fmt.Sprintf("%q %q %q %q %q %v", keys, strs(con.GetIncluding()), ex, con.GetAccessMethod(), pgsql.DeparseExpr(con.GetWhereClause()), pc.isDeferrable())
}

// columnDef builds a column from its definition; its constraints other
// than NOT NULL, DEFAULT, identity and generation are appended to cons.
func (a *applier) columnDef(s *Schema, t *Table, cd *pgsql.ColumnDef, cons *[]pendingCon) (*Column, error) {
	typ, serial, err := normalizeType(cd.GetTypeName(), a.c)
	if err != nil {
		return nil, a.typeErr(err)
	}
	col := &Column{Name: cd.GetColname(), Type: typ, Source: a.src}
	if serial != "" {
		col.Serial = serial
		col.NotNull = true
		seq := chooseRelationName(s, t.Name, col.Name, "seq", false)
		col.Default = "nextval(" + quoteLiteral(regclassName(s.Name, seq)) + "::regclass)"
		col.DefaultVolatile = true
	}
	if err := a.columnConstraints(s, t, col, cd.GetConstraints(), cons); err != nil {
		return nil, err
	}
	if cd.GetIsNotNull() {
		col.NotNull = true
	}
	return col, nil
}

// regclassName prints a relation name as a regclass literal shows it:
// unqualified on the default search_path.
func regclassName(schema, name string) string {
	if schema == "public" || schema == "" {
		return quoteIdent(name)
	}
	return quoteIdent(schema) + "." + quoteIdent(name)
}

// columnConstraints applies a column's constraint clauses to col.
func (a *applier) columnConstraints(s *Schema, t *Table, col *Column, list []*pgsql.Node, cons *[]pendingCon) error {
	last := -1
	for _, n := range list {
		con := n.GetConstraint()
		if con == nil {
			continue
		}
		switch con.GetContype() {
		case pgsql.ConstrType_CONSTR_NOTNULL:
			col.NotNull = true
		case pgsql.ConstrType_CONSTR_DEFAULT:
			a.setDefault(col, con.GetRawExpr())
		case pgsql.ConstrType_CONSTR_IDENTITY:
			col.Identity = identityKind(con.GetGeneratedWhen())
			col.NotNull = true
		case pgsql.ConstrType_CONSTR_GENERATED:
			col.Generated = a.renderExpr(con.GetRawExpr())
		case pgsql.ConstrType_CONSTR_CHECK, pgsql.ConstrType_CONSTR_PRIMARY, pgsql.ConstrType_CONSTR_UNIQUE,
			pgsql.ConstrType_CONSTR_FOREIGN, pgsql.ConstrType_CONSTR_EXCLUSION:
			if cons != nil {
				*cons = append(*cons, pendingCon{con: con, col: col.Name})
				last = len(*cons) - 1
			}
		case pgsql.ConstrType_CONSTR_ATTR_DEFERRABLE:
			if last >= 0 {
				(*cons)[last].deferrable = 1
			}
		case pgsql.ConstrType_CONSTR_ATTR_NOT_DEFERRABLE:
			if last >= 0 {
				(*cons)[last].deferrable = -1
			}
		}
	}
	return nil
}

// setDefault sets or (with nil) drops a column default.
func (a *applier) setDefault(col *Column, expr *pgsql.Node) {
	if expr == nil {
		col.Default, col.DefaultVolatile = "", false
		return
	}
	col.Default = a.renderDefault(expr, col.Type)
	col.DefaultVolatile = col.Default != "" && IsVolatileExpr(expr)
}

func identityKind(when string) string {
	if when == "a" {
		return "always"
	}
	return "by default"
}

// mergeColumn applies a local definition to an inherited column.
func (a *applier) mergeColumn(s *Schema, t *Table, col *Column, cd *pgsql.ColumnDef, cons *[]pendingCon) error {
	if cd.GetTypeName() != nil && t.PartitionOf == "" {
		typ, _, err := normalizeType(cd.GetTypeName(), a.c)
		if err != nil {
			return a.typeErr(err)
		}
		if typ != col.Type {
			return a.errorf("42804", "column %q has a type conflict", col.Name)
		}
	}
	if cd.GetIsNotNull() {
		col.NotNull = true
	}
	return a.columnConstraints(s, t, col, cd.GetConstraints(), cons)
}

// partitionKey renders PARTITION BY as pg_get_partkeydef does:
// RANGE (created_at), LIST (lower(region)).
func (a *applier) partitionKey(t *Table, ps *pgsql.PartitionSpec) (string, error) {
	strategy := map[pgsql.PartitionStrategy]string{
		pgsql.PartitionStrategy_PARTITION_STRATEGY_RANGE: "RANGE",
		pgsql.PartitionStrategy_PARTITION_STRATEGY_LIST:  "LIST",
		pgsql.PartitionStrategy_PARTITION_STRATEGY_HASH:  "HASH",
	}[ps.GetStrategy()]
	var parts []string
	for _, n := range ps.GetPartParams() {
		pe := n.GetPartitionElem()
		if pe == nil {
			continue
		}
		var part string
		if pe.GetName() != "" {
			if columnsKnown(t) && t.Column(pe.GetName()) == nil {
				return "", a.errorf(UndefinedColumn, "column %q named in partition key does not exist", pe.GetName())
			}
			part = quoteIdent(pe.GetName())
		} else {
			part = pgsql.DeparseExpr(pe.GetExpr())
			if pe.GetExpr().GetFuncCall() == nil {
				part = "(" + part + ")"
			}
		}
		if c := strs(pe.GetCollation()); len(c) > 0 {
			part += " COLLATE " + strings.Join(c, ".")
		}
		if o := strs(pe.GetOpclass()); len(o) > 0 {
			part += " " + strings.Join(o, ".")
		}
		parts = append(parts, part)
	}
	return strategy + " (" + strings.Join(parts, ", ") + ")", nil
}

// partitionKeyColumns returns the plain columns of a partition key.
func partitionKeyColumns(key string) []string {
	i, j := strings.IndexByte(key, '('), strings.LastIndexByte(key, ')')
	if i < 0 || j < i {
		return nil
	}
	var out []string
	for _, p := range strings.Split(key[i+1:j], ",") {
		p = strings.TrimSpace(p)
		if f := strings.Fields(p); len(f) > 0 && !strings.ContainsAny(f[0], "()") {
			out = append(out, strings.Trim(f[0], `"`))
		}
	}
	return out
}

// partitionBound renders FOR VALUES ... as pg_get_expr(relpartbound) does.
func partitionBound(pb *pgsql.PartitionBoundSpec) string {
	if pb.GetIsDefault() {
		return "DEFAULT"
	}
	datums := func(l []*pgsql.Node) string {
		var out []string
		for _, d := range l {
			if cr := d.GetColumnRef(); cr != nil {
				if f := strs(cr.GetFields()); len(f) == 1 && (f[0] == "minvalue" || f[0] == "maxvalue") {
					out = append(out, strings.ToUpper(f[0]))
					continue
				}
			}
			out = append(out, pgsql.DeparseExpr(d))
		}
		return strings.Join(out, ", ")
	}
	switch pb.GetStrategy() {
	case "r":
		return "FOR VALUES FROM (" + datums(pb.GetLowerdatums()) + ") TO (" + datums(pb.GetUpperdatums()) + ")"
	case "l":
		return "FOR VALUES IN (" + datums(pb.GetListdatums()) + ")"
	case "h":
		return fmt.Sprintf("FOR VALUES WITH (modulus %d, remainder %d)", pb.GetModulus(), pb.GetRemainder())
	}
	return ""
}

// partitions returns the partitions of t.
func (a *applier) partitions(t *Table) []*Table {
	q := t.QualifiedName()
	var out []*Table
	for _, s := range a.c.Schemas {
		for _, p := range s.Tables {
			if p.PartitionOf == q && p != t {
				out = append(out, p)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].QualifiedName() < out[j].QualifiedName() })
	return out
}

// parentOf returns a partition's parent table.
func (a *applier) parentOf(t *Table) *Table {
	if t.PartitionOf == "" {
		return nil
	}
	schema, name := splitQualified(t.PartitionOf)
	if schema == "" {
		schema = "public"
	}
	if s := a.c.Schemas[schema]; s != nil {
		return s.Tables[name]
	}
	return nil
}

// inheritPartitionObjects gives a new or attached partition its parent's
// indexes (with names generated for the partition, unless an equivalent
// index exists) and foreign keys (with the parent's names).
func (a *applier) inheritPartitionObjects(s *Schema, t, parent *Table) {
	for _, ix := range parent.Indexes {
		var k *Constraint
		if ix.Constraint != "" {
			k = parent.Constraint(ix.Constraint)
		}
		a.cloneIndexToPartition(s, t, ix, k)
	}
	for _, k := range parent.Constraints {
		switch k.Kind {
		case ForeignKey:
			a.cloneForeignKey(s, t, k)
		case Check:
			if t.Constraint(k.Name) == nil {
				nk := *k
				nk.Columns = append([]string(nil), k.Columns...)
				nk.Source = a.src
				t.Constraints = append(t.Constraints, &nk)
			}
		}
	}
}

// cloneIndexToPartition attaches an equivalent index of the partition or
// creates one, recursing into sub-partitions.
func (a *applier) cloneIndexToPartition(s *Schema, t *Table, ix *Index, k *Constraint) {
	if eq := equivalentIndex(t, ix); eq != nil {
		if k != nil && eq.Constraint == "" {
			a.addIndexConstraintFor(t, eq, k)
		}
		return
	}
	nix := a.cloneIndex(s, t, ix, k)
	for _, p := range a.partitions(t) {
		if !a.isAncestor(p, t) {
			a.cloneIndexToPartition(a.c.Schemas[p.Schema], p, nix, t.Constraint(nix.Constraint))
		}
	}
}

// addIndexConstraintFor makes an existing index back a copy of k.
func (a *applier) addIndexConstraintFor(t *Table, ix *Index, k *Constraint) {
	nk := *k
	nk.Name, nk.Index, nk.Source = ix.Name, ix.Name, a.src
	nk.Columns = append([]string(nil), k.Columns...)
	ix.Constraint = ix.Name
	ix.Primary = k.Kind == PrimaryKey
	t.Constraints = append(t.Constraints, &nk)
	if k.Kind == PrimaryKey {
		for _, c := range nk.Columns {
			if col := t.Column(c); col != nil {
				col.NotNull = true
			}
		}
	}
}

// equivalentIndex finds an index of t with ix's definition.
func equivalentIndex(t *Table, ix *Index) *Index {
	for _, o := range t.Indexes {
		if o.Unique == ix.Unique && o.Method == ix.Method && o.Predicate == ix.Predicate &&
			fmt.Sprint(o.Keys) == fmt.Sprint(ix.Keys) && fmt.Sprint(o.Include) == fmt.Sprint(ix.Include) {
			return o
		}
	}
	return nil
}

// cloneIndex copies an index (and the constraint it backs) to t under a
// name generated for t, as partitions and LIKE ... INCLUDING INDEXES get.
func (a *applier) cloneIndex(s *Schema, t *Table, ix *Index, k *Constraint) *Index {
	kind := plainIndex
	switch {
	case ix.Primary:
		kind = primaryKeyIndex
	case k != nil && k.Kind == Unique:
		kind = uniqueConstraintIndex
	case k != nil && k.Kind == Exclusion:
		kind = exclusionIndex
	}
	var names []string
	for _, key := range ix.Keys {
		if key.Column != "" {
			names = append(names, key.Column)
		} else {
			names = append(names, exprColname(key.Expr))
		}
	}
	names = append(names, ix.Include...)
	name := chooseIndexName(s, t.Name, indexColumnNames(names), kind)
	nix := cloneIndexValue(ix)
	nix.Name, nix.Source, nix.Constraint = name, a.src, ""
	t.Indexes = append(t.Indexes, nix)
	if k != nil {
		a.addIndexConstraintFor(t, nix, k)
	}
	return nix
}

// cloneForeignKey copies a foreign key to a partition, keeping its name
// unless the partition already has a constraint of that name.
func (a *applier) cloneForeignKey(s *Schema, t *Table, k *Constraint) {
	for _, o := range t.Constraints {
		if o.Kind == ForeignKey && fmt.Sprint(o.Columns) == fmt.Sprint(k.Columns) &&
			o.RefSchema == k.RefSchema && o.RefTable == k.RefTable && fmt.Sprint(o.RefColumns) == fmt.Sprint(k.RefColumns) {
			return // an equivalent foreign key is attached instead
		}
	}
	nk := cloneConstraintValue(k)
	nk.Source = a.src
	if t.Constraint(k.Name) != nil {
		nk.Name = chooseConstraintName(s, t.Name, nameAddition(k.Columns), "fkey")
	}
	t.Constraints = append(t.Constraints, nk)
	for _, p := range a.partitions(t) {
		if !a.isAncestor(p, t) {
			a.cloneForeignKey(a.c.Schemas[p.Schema], p, nk)
		}
	}
}

// likeColumns copies the columns of CREATE TABLE ... (LIKE src ...).
func (a *applier) likeColumns(t *Table, lc *pgsql.TableLikeClause, local map[string]bool) error {
	cols, err := a.likeSource(lc)
	if err != nil {
		return err
	}
	opts := lc.GetOptions()
	for _, c := range cols {
		if local[c.Name] || t.Column(c.Name) != nil {
			return a.errorf(DuplicateColumn, "column %q specified more than once", c.Name)
		}
		local[c.Name] = true
		nc := &Column{Name: c.Name, Type: c.Type, NotNull: c.NotNull, Source: a.src}
		if opts&likeDefaults != 0 {
			nc.Default, nc.DefaultVolatile = c.Default, c.DefaultVolatile
		}
		if opts&likeIdentity != 0 {
			nc.Identity = c.Identity
		}
		if opts&likeGenerated != 0 {
			nc.Generated = c.Generated
		}
		t.Columns = append(t.Columns, nc)
	}
	return nil
}

// TableLikeOption bits.
const (
	likeConstraints = 1 << 2
	likeDefaults    = 1 << 3
	likeGenerated   = 1 << 4
	likeIdentity    = 1 << 5
	likeIndexes     = 1 << 6
)

func (a *applier) likeSource(lc *pgsql.TableLikeClause) ([]*Column, error) {
	rv := lc.GetRelation()
	_, t, v, err := a.relation(rv.GetSchemaname(), rv.GetRelname())
	if err != nil {
		return nil, err
	}
	switch {
	case t != nil:
		return t.Columns, nil
	case v != nil:
		return v.Columns, nil
	}
	return nil, a.errorf(UndefinedTable, "relation %q does not exist", rvWritten(rv))
}

// likeObjects copies the checks and indexes LIKE's options ask for.
func (a *applier) likeObjects(s *Schema, t *Table, lc *pgsql.TableLikeClause) {
	rv := lc.GetRelation()
	_, src, _, _ := a.relation(rv.GetSchemaname(), rv.GetRelname())
	if src == nil {
		return
	}
	opts := lc.GetOptions()
	if opts&likeConstraints != 0 {
		for _, k := range src.Constraints {
			if k.Kind == Check && t.Constraint(k.Name) == nil {
				nk := cloneConstraintValue(k)
				nk.Source = a.src
				t.Constraints = append(t.Constraints, nk)
			}
		}
	}
	if opts&likeIndexes != 0 {
		for _, ix := range src.Indexes {
			var k *Constraint
			if ix.Constraint != "" {
				k = src.Constraint(ix.Constraint)
			}
			a.cloneIndex(s, t, ix, k)
		}
	}
}

// addCheck adds a CHECK constraint and, unless only, the same constraint
// to the table's partitions.
func (a *applier) addCheck(s *Schema, t *Table, pc pendingCon, creating, only bool) error {
	con := pc.con
	expr := con.GetRawExpr()
	var cols []string
	for _, r := range columnRefs(expr) {
		if t.Column(r) != nil {
			cols = append(cols, r)
		} else if columnsKnown(t) && isPlainColumnRef(expr, r) {
			return a.errorf(UndefinedColumn, "column %q does not exist", r)
		}
	}
	name := con.GetConname()
	if name == "" {
		one := ""
		if len(cols) == 1 {
			one = cols[0]
		}
		name = chooseConstraintName(s, t.Name, one, "check")
	} else if t.Constraint(name) != nil {
		return a.errorf(DuplicateObject, "constraint %q for relation %q already exists", name, t.Name)
	}
	k := &Constraint{
		Name: name, Kind: Check, Columns: cols, Expr: pgsql.DeparseExpr(expr),
		Validated: creating || !con.GetSkipValidation(), Source: a.src,
	}
	t.Constraints = append(t.Constraints, k)
	if !only && !con.GetIsNoInherit() {
		for _, p := range a.partitions(t) {
			if p.Constraint(name) == nil {
				p.Constraints = append(p.Constraints, cloneConstraintValue(k))
			}
		}
	}
	return nil
}

// isPlainColumnRef reports whether name occurs in expr as an unqualified
// column reference (a qualified one may name another range variable).
func isPlainColumnRef(expr *pgsql.Node, name string) bool {
	found := false
	walkExpr(expr, func(n *pgsql.Node) bool {
		if cr := n.GetColumnRef(); cr != nil {
			if f := strs(cr.GetFields()); len(f) == 1 && f[0] == name {
				found = true
			}
		}
		return !found
	})
	return found
}

// addIndexConstraint adds a primary key, unique or exclusion constraint
// with its index; ADD CONSTRAINT ... USING INDEX adopts an existing index.
func (a *applier) addIndexConstraint(s *Schema, t *Table, pc pendingCon, only bool) error {
	con := pc.con
	kind, ixKind := Unique, uniqueConstraintIndex
	switch con.GetContype() {
	case pgsql.ConstrType_CONSTR_PRIMARY:
		kind, ixKind = PrimaryKey, primaryKeyIndex
	case pgsql.ConstrType_CONSTR_EXCLUSION:
		kind, ixKind = Exclusion, exclusionIndex
	}
	if kind == PrimaryKey && t.PrimaryKey() != nil {
		return a.errorf(InvalidTableDef, "multiple primary keys for table %q are not allowed", t.Name)
	}
	name := con.GetConname()
	if name != "" && t.Constraint(name) != nil {
		return a.errorf(DuplicateObject, "constraint %q for relation %q already exists", name, t.Name)
	}
	if con.GetIndexname() != "" {
		return a.constraintUsingIndex(s, t, pc, kind)
	}
	if name != "" && relationTaken(s, name) {
		return a.errorf(DuplicateTable, "relation %q already exists", name)
	}
	ix := &Index{Unique: kind != Exclusion, Primary: kind == PrimaryKey, Method: "btree", Valid: true, Source: a.src}
	k := &Constraint{Kind: kind, Validated: true, Deferrable: pc.isDeferrable(), Source: a.src}
	var names []string
	if kind == Exclusion {
		if m := con.GetAccessMethod(); m != "" {
			ix.Method = strings.ToLower(m)
		}
		var parts []string
		for _, ex := range con.GetExclusions() {
			items := ex.GetList().GetItems()
			if len(items) != 2 {
				continue
			}
			key, colname, err := a.indexKey(t.Columns, items[0].GetIndexElem(), "column %q named in key does not exist")
			if err != nil {
				return err
			}
			ix.Keys = append(ix.Keys, key)
			names = append(names, colname)
			if key.Column != "" {
				k.Columns = append(k.Columns, key.Column)
			}
			op := strings.Join(strs(items[1].GetList().GetItems()), ".")
			parts = append(parts, key.String()+" WITH "+op)
		}
		k.Expr = strings.Join(parts, ", ")
		ix.Predicate = pgsql.DeparseExpr(con.GetWhereClause())
	} else {
		cols := strs(con.GetKeys())
		if len(cols) == 0 && pc.col != "" {
			cols = []string{pc.col}
		}
		for _, c := range cols {
			if columnsKnown(t) && t.Column(c) == nil {
				return a.errorf(UndefinedColumn, "column %q named in key does not exist", c)
			}
			ix.Keys = append(ix.Keys, IndexKey{Column: c})
		}
		k.Columns = cols
		names = append(names, cols...)
	}
	for _, c := range strs(con.GetIncluding()) {
		if columnsKnown(t) && t.Column(c) == nil {
			return a.errorf(UndefinedColumn, "column %q named in key does not exist", c)
		}
		ix.Include = append(ix.Include, c)
		names = append(names, c)
	}
	if t.PartitionKey != "" && kind != Exclusion {
		for _, pk := range partitionKeyColumns(t.PartitionKey) {
			if !contains(k.Columns, pk) {
				return a.errorf(FeatureUnsupported, "unique constraint on partitioned table must include all partitioning columns")
			}
		}
	}
	if name == "" {
		name = chooseIndexName(s, t.Name, indexColumnNames(names), ixKind)
	}
	ix.Name, ix.Constraint = name, name
	k.Name, k.Index = name, name
	if kind == PrimaryKey {
		for _, c := range k.Columns {
			if col := t.Column(c); col != nil {
				col.NotNull = true
			}
		}
	}
	t.Indexes = append(t.Indexes, ix)
	t.Constraints = append(t.Constraints, k)
	if !only {
		for _, p := range a.partitions(t) {
			a.cloneIndexToPartition(a.c.Schemas[p.Schema], p, ix, k)
		}
	}
	return nil
}

// constraintUsingIndex is ADD CONSTRAINT c PRIMARY KEY / UNIQUE USING INDEX
// i: the index becomes the constraint's and is renamed to c.
func (a *applier) constraintUsingIndex(s *Schema, t *Table, pc pendingCon, kind ConstraintKind) error {
	con := pc.con
	ix := t.Index(con.GetIndexname())
	if ix == nil {
		if other, _, _ := a.c.Index(t.Schema, con.GetIndexname()); other != nil {
			return a.errorf(wrongObjectType, "index %q does not belong to table %q", con.GetIndexname(), t.Name)
		}
		return a.errorf(UndefinedObject, "index %q does not exist", con.GetIndexname())
	}
	if ix.Constraint != "" {
		return a.errorf(wrongObjectType, "index %q is already associated with a constraint", ix.Name)
	}
	if !ix.Unique {
		return a.errorf(wrongObjectType, "%q is not a unique index", ix.Name)
	}
	var cols []string
	for _, key := range ix.Keys {
		if key.Column == "" {
			return a.errorf(wrongObjectType, "index %q contains expressions", ix.Name)
		}
		cols = append(cols, key.Column)
	}
	if ix.Predicate != "" {
		return a.errorf(wrongObjectType, "%q is a partial index", ix.Name)
	}
	name := con.GetConname()
	if name == "" {
		name = ix.Name
	} else if name != ix.Name {
		if relationTaken(s, name) {
			return a.errorf(DuplicateTable, "relation %q already exists", name)
		}
		ix.Name = name
	}
	ix.Constraint = name
	ix.Primary = kind == PrimaryKey
	k := &Constraint{Name: name, Kind: kind, Columns: cols, Index: name, Validated: true, Deferrable: pc.isDeferrable(), Source: a.src}
	if kind == PrimaryKey {
		for _, c := range cols {
			if col := t.Column(c); col != nil {
				col.NotNull = true
			}
		}
	}
	t.Constraints = append(t.Constraints, k)
	return nil
}

// indexKey builds an index key from an index element; missing is the
// message for a key column that does not exist. It also returns the
// name PostgreSQL gives the index column.
func (a *applier) indexKey(cols []*Column, el *pgsql.IndexElem, missing string) (IndexKey, string, error) {
	known := len(cols) > 0
	has := func(name string) bool {
		for _, c := range cols {
			if c.Name == name {
				return true
			}
		}
		return false
	}
	var key IndexKey
	name := el.GetName()
	expr := el.GetExpr()
	if cr := expr.GetColumnRef(); cr != nil && name == "" {
		// "(column)" is a plain column.
		if f := strs(cr.GetFields()); len(f) == 1 {
			name = f[0]
			expr = nil
		}
	}
	if tc := expr.GetTypeCast(); tc != nil && name == "" {
		// (column::its_own_type) is the column itself: PostgreSQL drops
		// the no-op cast and indexes the plain column.
		if f := strs(tc.GetArg().GetColumnRef().GetFields()); len(f) == 1 {
			typ, _, _ := normalizeType(tc.GetTypeName(), a.c)
			for _, c := range cols {
				if c.Name == f[0] && typ != "" && (typ == c.Type || (typ == baseType(typ) && !IsArray(typ) && typ == baseType(c.Type) && !IsArray(c.Type))) {
					name, expr = f[0], nil
				}
			}
		}
	}
	colname := name
	if name != "" {
		if known && !has(name) {
			return key, "", a.errorf(UndefinedColumn, missing, name)
		}
		key.Column = name
	} else {
		for _, r := range columnRefs(expr) {
			if known && !has(r) && isPlainColumnRef(expr, r) {
				return key, "", a.errorf(UndefinedColumn, "column %q does not exist", r)
			}
		}
		key.Expr = pgsql.DeparseExpr(expr)
		colname = el.GetIndexcolname()
		if colname == "" {
			colname = indexExprColname(expr)
		}
	}
	key.Desc = el.GetOrdering() == pgsql.SortByDir_SORTBY_DESC
	key.NullsFirst = !key.Desc && el.GetNullsOrdering() == pgsql.SortByNulls_SORTBY_NULLS_FIRST
	key.Opclass = strings.Join(strs(el.GetOpclass()), ".")
	key.Collation = strings.Join(strs(el.GetCollation()), ".")
	return key, colname, nil
}

// fkActions maps pg_constraint's action codes to their SQL.
var fkActions = map[string]string{
	"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT",
}

func fkAction(code string) string {
	if s, ok := fkActions[code]; ok {
		return s
	}
	return "NO ACTION"
}

// addForeignKey adds a foreign key and, unless only, copies it to the
// table's partitions.
func (a *applier) addForeignKey(s *Schema, t *Table, pc pendingCon, creating, only bool) error {
	con := pc.con
	prv := con.GetPktable()
	_, rt, v, err := a.relation(prv.GetSchemaname(), prv.GetRelname())
	if err != nil {
		return err
	}
	if v != nil {
		return a.errorf(wrongObjectType, "referenced relation %q is not a table", prv.GetRelname())
	}
	if rt == nil {
		return a.errorf(UndefinedTable, "relation %q does not exist", rvWritten(prv))
	}
	fkcols := strs(con.GetFkAttrs())
	if len(fkcols) == 0 && pc.col != "" {
		fkcols = []string{pc.col}
	}
	for _, c := range fkcols {
		if columnsKnown(t) && t.Column(c) == nil {
			return a.errorf(UndefinedColumn, "column %q referenced in foreign key constraint does not exist", c)
		}
	}
	pkcols := strs(con.GetPkAttrs())
	if len(pkcols) == 0 {
		pk := rt.PrimaryKey()
		if pk == nil {
			if !columnsKnown(rt) {
				pkcols = fkcols
			} else {
				return a.errorf(invalidForeignKey, "there is no primary key for referenced table %q", rt.Name)
			}
		} else {
			pkcols = append([]string(nil), pk.Columns...)
		}
	} else if columnsKnown(rt) {
		for _, c := range pkcols {
			if rt.Column(c) == nil {
				return a.errorf(UndefinedColumn, "column %q referenced in foreign key constraint does not exist", c)
			}
		}
		if !hasUniqueOn(rt, pkcols) {
			return a.errorf(invalidForeignKey, "there is no unique constraint matching given keys for referenced table %q", rt.Name)
		}
	}
	if len(fkcols) != len(pkcols) {
		return a.errorf(invalidForeignKey, "number of referencing and referenced columns for foreign key disagree")
	}
	name := con.GetConname()
	if name == "" {
		name = chooseConstraintName(s, t.Name, nameAddition(fkcols), "fkey")
	} else if t.Constraint(name) != nil {
		return a.errorf(DuplicateObject, "constraint %q for relation %q already exists", name, t.Name)
	}
	k := &Constraint{
		Name: name, Kind: ForeignKey, Columns: fkcols,
		RefSchema: rt.Schema, RefTable: rt.Name, RefColumns: pkcols,
		OnDelete: fkAction(con.GetFkDelAction()), OnUpdate: fkAction(con.GetFkUpdAction()),
		Validated: creating || !con.GetSkipValidation(), Deferrable: pc.isDeferrable(), Source: a.src,
	}
	t.Constraints = append(t.Constraints, k)
	if !only {
		for _, p := range a.partitions(t) {
			a.cloneForeignKey(a.c.Schemas[p.Schema], p, k)
		}
	}
	return nil
}

// hasUniqueOn reports whether a non-partial, non-deferrable unique index
// of t has exactly the columns cols (in any order).
func hasUniqueOn(t *Table, cols []string) bool {
	for _, ix := range t.Indexes {
		if !ix.Unique || ix.Predicate != "" || len(ix.Keys) != len(cols) {
			continue
		}
		if ix.Constraint != "" {
			if k := t.Constraint(ix.Constraint); k != nil && k.Deferrable {
				continue
			}
		}
		ok := true
		for _, key := range ix.Keys {
			if key.Column == "" || !contains(cols, key.Column) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
