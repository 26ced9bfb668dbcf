package sqlschema

import (
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// alterTable applies ALTER TABLE's subcommands in order. ALTER INDEX,
// ALTER VIEW, ALTER SEQUENCE and ALTER TABLE on a view change nothing the
// catalog models (renames are RenameStmt).
func (a *applier) alterTable(st *pgsql.AlterTableStmt) (err error) {
	switch st.GetObjtype() {
	case pgsql.ObjectType_OBJECT_TABLE:
	default:
		return nil
	}
	if !changesShape(st) {
		// ALTER TABLE seq OWNER TO ... (pg_dump says TABLE for sequences
		// and views): nothing to check or change.
		return nil
	}
	rv := st.GetRelation()
	s, t, v, err := a.relation(rv.GetSchemaname(), rv.GetRelname())
	if err != nil {
		if st.GetMissingOk() {
			return nil
		}
		return err
	}
	if v != nil {
		return nil
	}
	if t == nil {
		if st.GetMissingOk() {
			return nil
		}
		return a.errorf(UndefinedTable, "relation %q does not exist", rvWritten(rv))
	}
	only := !rv.GetInh()
	if len(st.GetCmds()) > 1 {
		// A failing subcommand undoes the earlier ones.
		saved := t.clone()
		defer func() {
			if err != nil {
				*t = *saved
			}
		}()
	}
	for _, n := range st.GetCmds() {
		if cmd := n.GetAlterTableCmd(); cmd != nil {
			if err := a.alterTableCmd(s, t, cmd, only); err != nil {
				return err
			}
		}
	}
	return nil
}

// shapeCommands are the ALTER TABLE subcommands that change what the
// catalog models.
var shapeCommands = map[pgsql.AlterTableType]bool{
	pgsql.AlterTableType_AT_AddColumn: true, pgsql.AlterTableType_AT_ColumnDefault: true,
	pgsql.AlterTableType_AT_DropNotNull: true, pgsql.AlterTableType_AT_SetNotNull: true,
	pgsql.AlterTableType_AT_DropColumn: true, pgsql.AlterTableType_AT_AddConstraint: true,
	pgsql.AlterTableType_AT_AddIndexConstraint: true, pgsql.AlterTableType_AT_ValidateConstraint: true,
	pgsql.AlterTableType_AT_AlterConstraint: true, pgsql.AlterTableType_AT_DropConstraint: true,
	pgsql.AlterTableType_AT_AlterColumnType: true, pgsql.AlterTableType_AT_AddIdentity: true,
	pgsql.AlterTableType_AT_SetIdentity: true, pgsql.AlterTableType_AT_DropIdentity: true,
	pgsql.AlterTableType_AT_DropExpression: true, pgsql.AlterTableType_AT_SetExpression: true,
	pgsql.AlterTableType_AT_AttachPartition: true, pgsql.AlterTableType_AT_DetachPartition: true,
	pgsql.AlterTableType_AT_DetachPartitionFinalize: true, pgsql.AlterTableType_AT_SetLogged: true,
	pgsql.AlterTableType_AT_SetUnLogged: true,
}

func changesShape(st *pgsql.AlterTableStmt) bool {
	for _, n := range st.GetCmds() {
		if shapeCommands[n.GetAlterTableCmd().GetSubtype()] {
			return true
		}
	}
	return false
}

// column returns the named column of t or PostgreSQL's error.
func (a *applier) column(t *Table, name string) (*Column, error) {
	if c := t.Column(name); c != nil {
		return c, nil
	}
	return nil, a.errorf(UndefinedColumn, "column %q of relation %q does not exist", name, t.Name)
}

// forColumn runs fn on the named column of t and, unless only, of every
// partition below t that has it. A missing column of t is an error
// (unless the table's columns are unknown).
func (a *applier) forColumn(t *Table, name string, only bool, fn func(*Table, *Column) error) error {
	col := t.Column(name)
	if col == nil {
		if !columnsKnown(t) {
			return nil
		}
		return a.errorf(UndefinedColumn, "column %q of relation %q does not exist", name, t.Name)
	}
	if err := fn(t, col); err != nil {
		return err
	}
	if only {
		return nil
	}
	for _, p := range a.allPartitions(t) {
		if c := p.Column(name); c != nil {
			if err := fn(p, c); err != nil {
				return err
			}
		}
	}
	return nil
}

func (a *applier) alterTableCmd(s *Schema, t *Table, cmd *pgsql.AlterTableCmd, only bool) error {
	name := cmd.GetName()
	cascade := cmd.GetBehavior() == pgsql.DropBehavior_DROP_CASCADE
	switch cmd.GetSubtype() {
	case pgsql.AlterTableType_AT_AddColumn:
		return a.addColumn(s, t, cmd.GetDef().GetColumnDef(), cmd.GetMissingOk())

	case pgsql.AlterTableType_AT_ColumnDefault:
		if col := t.Column(name); col != nil {
			if col.Identity != "" {
				return a.errorf(syntaxError, "column %q of relation %q is an identity column", name, t.Name)
			}
			if col.Generated != "" {
				return a.errorf(syntaxError, "column %q of relation %q is a generated column", name, t.Name)
			}
		}
		return a.forColumn(t, name, only, func(_ *Table, col *Column) error {
			a.setDefault(col, cmd.GetDef())
			return nil
		})

	case pgsql.AlterTableType_AT_DropNotNull:
		if pk := t.PrimaryKey(); pk != nil && contains(pk.Columns, name) {
			return a.errorf(InvalidTableDef, "column %q is in a primary key", name)
		}
		if col := t.Column(name); col != nil && col.Identity != "" {
			return a.errorf(syntaxError, "column %q of relation %q is an identity column", name, t.Name)
		}
		if p := a.parentOf(t); p != nil {
			if pc := p.Column(name); pc != nil && pc.NotNull {
				return a.errorf(InvalidTableDef, "column %q is marked NOT NULL in parent table", name)
			}
		}
		return a.forColumn(t, name, only, func(_ *Table, col *Column) error {
			col.NotNull = false
			return nil
		})

	case pgsql.AlterTableType_AT_SetNotNull:
		return a.forColumn(t, name, only, func(_ *Table, col *Column) error {
			col.NotNull = true
			return nil
		})

	case pgsql.AlterTableType_AT_DropColumn:
		return a.dropColumn(t, name, cmd.GetMissingOk(), cascade, only)

	case pgsql.AlterTableType_AT_AddConstraint, pgsql.AlterTableType_AT_AddIndexConstraint:
		con := cmd.GetDef().GetConstraint()
		if con == nil {
			return nil
		}
		pc := pendingCon{con: con}
		switch con.GetContype() {
		case pgsql.ConstrType_CONSTR_CHECK:
			return a.addCheck(s, t, pc, false, only)
		case pgsql.ConstrType_CONSTR_PRIMARY, pgsql.ConstrType_CONSTR_UNIQUE, pgsql.ConstrType_CONSTR_EXCLUSION:
			return a.addIndexConstraint(s, t, pc, only)
		case pgsql.ConstrType_CONSTR_FOREIGN:
			return a.addForeignKey(s, t, pc, false, only)
		}

	case pgsql.AlterTableType_AT_ValidateConstraint:
		k := t.Constraint(name)
		if k == nil {
			return a.errorf(UndefinedObject, "constraint %q of relation %q does not exist", name, t.Name)
		}
		k.Validated = true
		for _, p := range a.allPartitions(t) {
			if pk := p.Constraint(name); pk != nil {
				pk.Validated = true
			}
		}

	case pgsql.AlterTableType_AT_AlterConstraint:
		con := cmd.GetDef().GetConstraint()
		k := t.Constraint(con.GetConname())
		if k == nil {
			return a.errorf(UndefinedObject, "constraint %q of relation %q does not exist", con.GetConname(), t.Name)
		}
		k.Deferrable = con.GetDeferrable()

	case pgsql.AlterTableType_AT_DropConstraint:
		return a.dropConstraint(t, name, cmd.GetMissingOk(), cascade, only)

	case pgsql.AlterTableType_AT_AlterColumnType:
		cd := cmd.GetDef().GetColumnDef()
		typ, _, err := normalizeType(cd.GetTypeName(), a.c)
		if err != nil {
			return a.typeErr(err)
		}
		return a.forColumn(t, name, only, func(_ *Table, col *Column) error {
			col.Type = typ
			if col.Serial != "" {
				// A serial column keeps its sequence; it is now the
				// serial kind of its new integer type.
				switch typ {
				case "int2":
					col.Serial = "smallserial"
				case "int4":
					col.Serial = "serial"
				case "int8":
					col.Serial = "bigserial"
				}
			}
			return nil
		})

	case pgsql.AlterTableType_AT_AddIdentity:
		col, err := a.column(t, name)
		if err != nil {
			return err
		}
		switch {
		case col.Identity != "":
			return a.errorf(objectNotInPrereqState, "column %q of relation %q is already an identity column", name, t.Name)
		case col.Default != "":
			return a.errorf(objectNotInPrereqState, "column %q of relation %q already has a default value", name, t.Name)
		case !col.NotNull:
			return a.errorf(objectNotInPrereqState, "column %q of relation %q must be declared NOT NULL before identity can be added", name, t.Name)
		}
		col.Identity = identityKind(cmd.GetDef().GetConstraint().GetGeneratedWhen())

	case pgsql.AlterTableType_AT_SetIdentity:
		col, err := a.column(t, name)
		if err != nil {
			return err
		}
		if col.Identity == "" {
			return a.errorf(objectNotInPrereqState, "column %q of relation %q is not an identity column", name, t.Name)
		}
		for _, o := range cmd.GetDef().GetList().GetItems() {
			if de := o.GetDefElem(); de != nil && de.GetDefname() == "generated" {
				if v, ok := intConst(de.GetArg()); ok {
					col.Identity = identityKind(string(rune(v)))
				}
			}
		}

	case pgsql.AlterTableType_AT_DropIdentity:
		col, err := a.column(t, name)
		if err != nil {
			return err
		}
		if col.Identity == "" {
			if cmd.GetMissingOk() {
				return nil
			}
			return a.errorf(objectNotInPrereqState, "column %q of relation %q is not an identity column", name, t.Name)
		}
		col.Identity = ""

	case pgsql.AlterTableType_AT_DropExpression:
		return a.forColumn(t, name, only, func(_ *Table, col *Column) error {
			if col.Generated == "" {
				if cmd.GetMissingOk() {
					return nil
				}
				return a.errorf(objectNotInPrereqState, "column %q of relation %q is not a stored generated column", name, t.Name)
			}
			col.Generated = ""
			return nil
		})

	case pgsql.AlterTableType_AT_SetExpression:
		return a.forColumn(t, name, only, func(_ *Table, col *Column) error {
			col.Generated = a.renderExpr(cmd.GetDef())
			return nil
		})

	case pgsql.AlterTableType_AT_AttachPartition:
		pc := cmd.GetDef().GetPartitionCmd()
		if t.PartitionKey == "" {
			return a.errorf(wrongObjectType, "table %q is not partitioned", t.Name)
		}
		ps, p, err := a.table(pc.GetName(), false)
		if err != nil {
			return err
		}
		if p.PartitionOf != "" {
			return a.errorf("42P17", "%q is already a partition", p.Name)
		}
		if a.isAncestor(p, t) {
			return a.errorf(DuplicateTable, "circular inheritance not allowed")
		}
		p.PartitionOf = t.QualifiedName()
		p.PartitionBound = partitionBound(pc.GetBound())
		a.inheritPartitionObjects(ps, p, t)

	case pgsql.AlterTableType_AT_DetachPartition, pgsql.AlterTableType_AT_DetachPartitionFinalize:
		pc := cmd.GetDef().GetPartitionCmd()
		_, p, err := a.table(pc.GetName(), false)
		if err != nil {
			return err
		}
		if p.PartitionOf != t.QualifiedName() {
			if cmd.GetSubtype() == pgsql.AlterTableType_AT_DetachPartitionFinalize {
				return nil
			}
			return a.errorf(UndefinedTable, "relation %q is not a partition of relation %q", p.Name, t.Name)
		}
		p.PartitionOf, p.PartitionBound = "", ""

	case pgsql.AlterTableType_AT_SetLogged:
		t.Unlogged = false
	case pgsql.AlterTableType_AT_SetUnLogged:
		t.Unlogged = true
	}
	// Everything else (owner, tablespace, storage, statistics, triggers,
	// row security, replica identity, inheritance, options) leaves the
	// shape alone.
	return nil
}

// allPartitions returns the partitions of t at every level below it.
func (a *applier) allPartitions(t *Table) []*Table {
	var out []*Table
	seen := map[*Table]bool{t: true}
	var walk func(*Table)
	walk = func(t *Table) {
		for _, p := range a.partitions(t) {
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
				walk(p)
			}
		}
	}
	walk(t)
	return out
}

// isAncestor reports whether anc is t or a partitioned table above it.
func (a *applier) isAncestor(anc, t *Table) bool {
	seen := map[*Table]bool{}
	for ; t != nil && !seen[t]; t = a.parentOf(t) {
		if t == anc {
			return true
		}
		seen[t] = true
	}
	return false
}

// addColumn is ALTER TABLE ... ADD COLUMN, recursing into partitions.
func (a *applier) addColumn(s *Schema, t *Table, cd *pgsql.ColumnDef, ifNotExists bool) error {
	if cd == nil {
		return nil
	}
	if t.Column(cd.GetColname()) != nil {
		if ifNotExists {
			return nil
		}
		return a.errorf(DuplicateColumn, "column %q of relation %q already exists", cd.GetColname(), t.Name)
	}
	var cons []pendingCon
	col, err := a.columnDef(s, t, cd, &cons)
	if err != nil {
		return err
	}
	t.Columns = append(t.Columns, col)
	delete(t.DroppedColumns, col.Name)
	for _, p := range a.allPartitions(t) {
		if p.Column(col.Name) == nil {
			nc := *col
			nc.Serial, nc.Identity = "", ""
			p.Columns = append(p.Columns, &nc)
			delete(p.DroppedColumns, col.Name)
		}
	}
	for _, pc := range cons {
		if pc.con.GetContype() == pgsql.ConstrType_CONSTR_CHECK {
			if err := a.addCheck(s, t, pc, false, false); err != nil {
				return err
			}
		}
	}
	if err := a.addIndexConstraints(s, t, cons, false); err != nil {
		return err
	}
	for _, pc := range cons {
		if pc.con.GetContype() == pgsql.ConstrType_CONSTR_FOREIGN {
			if err := a.addForeignKey(s, t, pc, false, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// dropColumn is ALTER TABLE ... DROP COLUMN: indexes and constraints of
// the table that use the column go with it; foreign keys of other tables
// that reference it need CASCADE, and so do views (which are dropped).
func (a *applier) dropColumn(t *Table, name string, missingOK, cascade, only bool) error {
	col := t.Column(name)
	if col == nil {
		if missingOK || !columnsKnown(t) {
			return nil
		}
		return a.errorf(UndefinedColumn, "column %q of relation %q does not exist", name, t.Name)
	}
	if p := a.parentOf(t); p != nil && p.Column(name) != nil {
		return a.errorf(InvalidTableDef, "cannot drop inherited column %q", name)
	}
	// Foreign keys elsewhere that reference the column.
	var deps []*fkRef
	for _, ref := range a.referencingFKs(t) {
		for _, rc := range ref.k.RefColumns {
			if rc == name {
				deps = append(deps, ref)
				break
			}
		}
	}
	// Generated columns computed from it.
	var gens []string
	for _, c := range t.Columns {
		if c.Generated != "" && c.Name != name && exprUses(c.Generated, name) {
			gens = append(gens, c.Name)
		}
	}
	if (len(deps) > 0 || len(gens) > 0) && !cascade {
		return a.errorf(DependentObjects, "cannot drop column %s of table %s because other objects depend on it", name, a.describe(t.Schema, t.Name))
	}
	for _, d := range deps {
		d.t.Constraints = removeConstraint(d.t.Constraints, d.k)
	}
	if cascade {
		a.dropDependentViews(t.Schema, t.Name, name)
	}
	for _, g := range append(gens, name) {
		a.dropColumnFrom(t, g)
		if !only {
			for _, p := range a.allPartitions(t) {
				if p.Column(g) != nil {
					a.dropColumnFrom(p, g)
				}
			}
		}
	}
	return nil
}

// dropColumnFrom removes a column and the table's indexes and
// constraints that use it, leaving a tombstone.
func (a *applier) dropColumnFrom(t *Table, name string) {
	var cols []*Column
	for _, c := range t.Columns {
		if c.Name != name {
			cols = append(cols, c)
		}
	}
	t.Columns = cols
	var ixs []*Index
	dropped := map[string]bool{}
	for _, ix := range t.Indexes {
		if indexUses(ix, name) {
			if ix.Constraint != "" {
				dropped[ix.Constraint] = true
			}
			continue
		}
		ixs = append(ixs, ix)
	}
	t.Indexes = ixs
	var ks []*Constraint
	for _, k := range t.Constraints {
		if dropped[k.Name] || contains(k.Columns, name) {
			continue
		}
		if k.Kind == ForeignKey && k.RefSchema == t.Schema && k.RefTable == t.Name && contains(k.RefColumns, name) {
			continue
		}
		ks = append(ks, k)
	}
	t.Constraints = ks
	if t.DroppedColumns == nil {
		t.DroppedColumns = map[string]*Tombstone{}
	}
	t.DroppedColumns[name] = &Tombstone{Name: name, Kind: "column", By: a.src}
}

// indexUses reports whether an index has the column as a key, in INCLUDE,
// or in a key expression or the predicate.
func indexUses(ix *Index, name string) bool {
	if contains(ix.Include, name) {
		return true
	}
	for _, k := range ix.Keys {
		if k.Column == name || (k.Expr != "" && exprUses(k.Expr, name)) {
			return true
		}
	}
	return ix.Predicate != "" && exprUses(ix.Predicate, name)
}

// exprUses reports whether a printed expression refers to the column.
func exprUses(expr, name string) bool {
	n := parseExpr(expr)
	if n == nil {
		return false
	}
	return contains(columnRefs(n), name)
}

// fkRef is a foreign key and the table it is on.
type fkRef struct {
	t *Table
	k *Constraint
}

// referencingFKs returns the foreign keys of every table that reference t.
func (a *applier) referencingFKs(t *Table) []*fkRef {
	var out []*fkRef
	for _, s := range a.c.Schemas {
		for _, o := range s.Tables {
			for _, k := range o.Constraints {
				if k.Kind == ForeignKey && k.RefSchema == t.Schema && k.RefTable == t.Name {
					out = append(out, &fkRef{o, k})
				}
			}
		}
	}
	return out
}

func removeConstraint(list []*Constraint, k *Constraint) []*Constraint {
	var out []*Constraint
	for _, o := range list {
		if o != k {
			out = append(out, o)
		}
	}
	return out
}

func removeIndex(list []*Index, ix *Index) []*Index {
	var out []*Index
	for _, o := range list {
		if o != ix {
			out = append(out, o)
		}
	}
	return out
}

// describe names a relation as PostgreSQL's object descriptions do:
// qualified unless its schema is on search_path.
func (a *applier) describe(schema, name string) string {
	for _, s := range a.c.SearchPath {
		if s == schema {
			return name
		}
	}
	if schema == tempSchema {
		return name
	}
	return schema + "." + name
}

// dropConstraint is ALTER TABLE ... DROP CONSTRAINT. Dropping a primary
// key or unique constraint drops its index; foreign keys that need that
// index need CASCADE.
func (a *applier) dropConstraint(t *Table, name string, missingOK, cascade, only bool) error {
	k := t.Constraint(name)
	if k == nil {
		if missingOK {
			return nil
		}
		return a.errorf(UndefinedObject, "constraint %q of relation %q does not exist", name, t.Name)
	}
	if k.Index != "" {
		if ix := t.Index(k.Index); ix != nil {
			deps := a.fksNeeding(t, ix)
			if len(deps) > 0 && !cascade {
				return a.errorf(DependentObjects, "cannot drop constraint %s on table %s because other objects depend on it", name, a.describe(t.Schema, t.Name))
			}
			for _, d := range deps {
				d.t.Constraints = removeConstraint(d.t.Constraints, d.k)
			}
		}
	}
	a.dropConstraintFrom(t, k)
	if !only {
		for _, p := range a.allPartitions(t) {
			if pk := partitionConstraint(p, k); pk != nil {
				a.dropConstraintFrom(p, pk)
			}
		}
	}
	return nil
}

// partitionConstraint finds a partition's copy of a parent constraint:
// the same name for checks and foreign keys, the same definition for
// index constraints (whose names are generated per partition).
func partitionConstraint(p *Table, k *Constraint) *Constraint {
	if k.Index == "" {
		if o := p.Constraint(k.Name); o != nil && o.Kind == k.Kind {
			return o
		}
		return nil
	}
	for _, o := range p.Constraints {
		if o.Kind == k.Kind && o.Index != "" && equalStrings(o.Columns, k.Columns) {
			return o
		}
	}
	return nil
}

func (a *applier) dropConstraintFrom(t *Table, k *Constraint) {
	t.Constraints = removeConstraint(t.Constraints, k)
	if k.Index != "" {
		if ix := t.Index(k.Index); ix != nil {
			t.Indexes = removeIndex(t.Indexes, ix)
		}
	}
}

// fksNeeding returns the foreign keys that depend on a unique index of t:
// those referencing exactly its columns, when no other unique index of t
// could serve them.
func (a *applier) fksNeeding(t *Table, ix *Index) []*fkRef {
	if !ix.Unique || ix.Predicate != "" {
		return nil
	}
	var cols []string
	for _, k := range ix.Keys {
		if k.Column == "" {
			return nil
		}
		cols = append(cols, k.Column)
	}
	var out []*fkRef
	for _, ref := range a.referencingFKs(t) {
		if !sameSet(ref.k.RefColumns, cols) {
			continue
		}
		others := false
		for _, o := range t.Indexes {
			if o != ix && o.Unique && o.Predicate == "" && sameSet(o.ColumnNames(), cols) {
				others = true
			}
		}
		if !others {
			out = append(out, ref)
		}
	}
	return out
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !contains(b, x) {
			return false
		}
	}
	return true
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
