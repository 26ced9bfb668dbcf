package sqlschema

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// A snapshot is the catalog as JSON: what `dblint schema` writes and what a
// `.json` schema source holds. The keys DESIGN.md promises (tables[] with
// schema, name, columns, indexes, foreign_keys, row_estimate; views[];
// enums[]) are always written, even when empty or false; everything the
// model has beyond them is written only when set, so a snapshot of a
// simple schema stays readable. Order is deterministic: objects sorted by
// schema and name, columns, indexes and constraints in catalog order.
// Tombstones (dropped tables and columns) are not part of a snapshot.

type snapshot struct {
	ServerVersion int          `json:"server_version,omitempty"`
	SearchPath    []string     `json:"search_path"`
	Extensions    []string     `json:"extensions,omitempty"`
	Opaque        bool         `json:"opaque,omitempty"`
	Schemas       []snapSchema `json:"schemas"`
	Tables        []snapTable  `json:"tables"`
	Views         []snapView   `json:"views"`
	Enums         []snapEnum   `json:"enums"`
	Domains       []snapDomain `json:"domains,omitempty"`
}

type snapSchema struct {
	Name   string  `json:"name"`
	Source *Source `json:"source,omitempty"`
}

type snapTable struct {
	Schema         string           `json:"schema"`
	Name           string           `json:"name"`
	Unlogged       bool             `json:"unlogged,omitempty"`
	PartitionKey   string           `json:"partition_key,omitempty"`
	PartitionOf    string           `json:"partition_of,omitempty"`
	PartitionBound string           `json:"partition_bound,omitempty"`
	Columns        []snapColumn     `json:"columns"`
	Indexes        []snapIndex      `json:"indexes"`
	PrimaryKey     *snapConstraint  `json:"primary_key,omitempty"`
	Uniques        []snapConstraint `json:"uniques,omitempty"`
	ForeignKeys    []snapForeignKey `json:"foreign_keys"`
	Checks         []snapConstraint `json:"checks,omitempty"`
	Exclusions     []snapConstraint `json:"exclusions,omitempty"`
	RowEstimate    *int64           `json:"row_estimate,omitempty"`
	Source         *Source          `json:"source,omitempty"`
}

type snapColumn struct {
	Name            string  `json:"name"`
	Type            string  `json:"type"`
	NotNull         bool    `json:"not_null"`
	Default         string  `json:"default"`
	DefaultVolatile bool    `json:"default_volatile,omitempty"`
	Identity        string  `json:"identity,omitempty"`
	Generated       string  `json:"generated,omitempty"`
	Serial          string  `json:"serial,omitempty"`
	Source          *Source `json:"source,omitempty"`
}

type snapIndex struct {
	Name    string   `json:"name"`
	Columns []string `json:"columns"`
	// Keys is written only when a key has more than a column or an
	// expression (a direction, an operator class, a collation).
	Keys       []snapIndexKey `json:"keys,omitempty"`
	Include    []string       `json:"include,omitempty"`
	Unique     bool           `json:"unique"`
	Primary    bool           `json:"primary"`
	Predicate  string         `json:"predicate"`
	Method     string         `json:"method"`
	Valid      *bool          `json:"valid,omitempty"` // written only when false
	Constraint string         `json:"constraint,omitempty"`
	Source     *Source        `json:"source,omitempty"`
}

type snapIndexKey struct {
	Column     string `json:"column,omitempty"`
	Expr       string `json:"expr,omitempty"`
	Desc       bool   `json:"desc,omitempty"`
	NullsFirst bool   `json:"nulls_first,omitempty"`
	Opclass    string `json:"opclass,omitempty"`
	Collation  string `json:"collation,omitempty"`
}

// snapConstraint is a primary key, unique, check or exclusion constraint.
type snapConstraint struct {
	Name       string   `json:"name"`
	Columns    []string `json:"columns,omitempty"`
	Expr       string   `json:"expr,omitempty"`
	Index      string   `json:"index,omitempty"`
	Validated  *bool    `json:"validated,omitempty"` // written only when false
	Deferrable bool     `json:"deferrable,omitempty"`
	Source     *Source  `json:"source,omitempty"`
}

type snapForeignKey struct {
	Name       string   `json:"name,omitempty"`
	Columns    []string `json:"columns"`
	RefSchema  string   `json:"ref_schema,omitempty"`
	RefTable   string   `json:"ref_table"`
	RefColumns []string `json:"ref_columns"`
	OnDelete   string   `json:"on_delete,omitempty"`
	OnUpdate   string   `json:"on_update,omitempty"`
	// Validated is always written; a hand-written snapshot that leaves it
	// out means a valid key.
	Validated  *bool   `json:"validated"`
	Deferrable bool    `json:"deferrable,omitempty"`
	Source     *Source `json:"source,omitempty"`
}

type snapView struct {
	Schema       string       `json:"schema"`
	Name         string       `json:"name"`
	Materialized bool         `json:"materialized,omitempty"`
	Columns      []snapColumn `json:"columns"`
	Query        string       `json:"query,omitempty"`
	Indexes      []snapIndex  `json:"indexes,omitempty"`
	Source       *Source      `json:"source,omitempty"`
}

type snapEnum struct {
	Schema string   `json:"schema"`
	Name   string   `json:"name"`
	Values []string `json:"values"`
	Source *Source  `json:"source,omitempty"`
}

type snapDomain struct {
	Schema   string   `json:"schema"`
	Name     string   `json:"name"`
	BaseType string   `json:"base_type"`
	NotNull  bool     `json:"not_null,omitempty"`
	Checks   []string `json:"checks,omitempty"`
	Source   *Source  `json:"source,omitempty"`
}

// WriteSnapshot writes the catalog as indented JSON in a deterministic
// order: the same catalog always gives the same bytes.
func (c *Catalog) WriteSnapshot(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Predicates and defaults hold <, > and &: keep them readable.
	enc.SetEscapeHTML(false)
	return enc.Encode(c.toSnapshot())
}

func (c *Catalog) toSnapshot() *snapshot {
	s := &snapshot{
		ServerVersion: c.ServerVersion,
		Opaque:        c.Opaque,
		SearchPath:    append([]string{}, c.SearchPath...),
		Schemas:       []snapSchema{},
		Tables:        []snapTable{},
		Views:         []snapView{},
		Enums:         []snapEnum{},
	}
	for name, on := range c.Extensions {
		if on {
			s.Extensions = append(s.Extensions, name)
		}
	}
	sort.Strings(s.Extensions)
	for _, name := range sortedKeys(c.Schemas) {
		sc := c.Schemas[name]
		if sc == nil {
			continue
		}
		s.Schemas = append(s.Schemas, snapSchema{Name: name, Source: sourcePtr(sc.Source)})
		for _, tn := range sortedKeys(sc.Tables) {
			if t := sc.Tables[tn]; t != nil {
				s.Tables = append(s.Tables, tableToSnap(name, tn, t))
			}
		}
		for _, vn := range sortedKeys(sc.Views) {
			v := sc.Views[vn]
			if v == nil {
				continue
			}
			sv := snapView{Schema: name, Name: vn, Materialized: v.Materialized, Query: v.Query,
				Columns: columnsToSnap(v.Columns), Source: sourcePtr(v.Source)}
			for _, ix := range v.Indexes {
				sv.Indexes = append(sv.Indexes, indexToSnap(ix))
			}
			s.Views = append(s.Views, sv)
		}
		for _, en := range sortedKeys(sc.Enums) {
			if e := sc.Enums[en]; e != nil {
				s.Enums = append(s.Enums, snapEnum{Schema: name, Name: en, Values: nonNil(e.Values), Source: sourcePtr(e.Source)})
			}
		}
		for _, dn := range sortedKeys(sc.Domains) {
			if d := sc.Domains[dn]; d != nil {
				s.Domains = append(s.Domains, snapDomain{Schema: name, Name: dn, BaseType: d.BaseType,
					NotNull: d.NotNull, Checks: d.Checks, Source: sourcePtr(d.Source)})
			}
		}
	}
	return s
}

func tableToSnap(schema, name string, t *Table) snapTable {
	st := snapTable{
		Schema: schema, Name: name, Unlogged: t.Unlogged,
		PartitionKey: t.PartitionKey, PartitionOf: t.PartitionOf, PartitionBound: t.PartitionBound,
		Columns: columnsToSnap(t.Columns), Indexes: []snapIndex{}, ForeignKeys: []snapForeignKey{},
		Source: sourcePtr(t.Source),
	}
	for _, ix := range t.Indexes {
		if ix != nil {
			st.Indexes = append(st.Indexes, indexToSnap(ix))
		}
	}
	for _, k := range t.Constraints {
		if k == nil {
			continue
		}
		switch k.Kind {
		case ForeignKey:
			st.ForeignKeys = append(st.ForeignKeys, snapForeignKey{
				Name: k.Name, Columns: nonNil(k.Columns), RefSchema: k.RefSchema, RefTable: k.RefTable,
				RefColumns: nonNil(k.RefColumns), OnDelete: k.OnDelete, OnUpdate: k.OnUpdate,
				Validated: boolPtr(k.Validated), Deferrable: k.Deferrable, Source: sourcePtr(k.Source),
			})
		case PrimaryKey:
			if st.PrimaryKey == nil {
				sk := constraintToSnap(k)
				st.PrimaryKey = &sk
			}
		case Unique:
			st.Uniques = append(st.Uniques, constraintToSnap(k))
		case Check:
			st.Checks = append(st.Checks, constraintToSnap(k))
		case Exclusion:
			st.Exclusions = append(st.Exclusions, constraintToSnap(k))
		}
	}
	if t.RowEstimate >= 0 {
		n := t.RowEstimate
		st.RowEstimate = &n
	}
	return st
}

func constraintToSnap(k *Constraint) snapConstraint {
	sk := snapConstraint{Name: k.Name, Columns: k.Columns, Expr: k.Expr, Index: k.Index,
		Deferrable: k.Deferrable, Source: sourcePtr(k.Source)}
	if !k.Validated {
		sk.Validated = boolPtr(false)
	}
	return sk
}

func columnsToSnap(cols []*Column) []snapColumn {
	out := []snapColumn{}
	for _, col := range cols {
		if col == nil {
			continue
		}
		out = append(out, snapColumn{
			Name: col.Name, Type: col.Type, NotNull: col.NotNull, Default: col.Default,
			DefaultVolatile: col.DefaultVolatile, Identity: col.Identity, Generated: col.Generated,
			Serial: col.Serial, Source: sourcePtr(col.Source),
		})
	}
	return out
}

func indexToSnap(ix *Index) snapIndex {
	si := snapIndex{
		Name: ix.Name, Columns: nonNil(ix.ColumnNames()), Include: ix.Include, Unique: ix.Unique,
		Primary: ix.Primary, Predicate: ix.Predicate, Method: ix.Method, Constraint: ix.Constraint,
		Source: sourcePtr(ix.Source),
	}
	if si.Method == "" {
		si.Method = "btree"
	}
	if !ix.Valid {
		si.Valid = boolPtr(false)
	}
	detailed := false
	for _, k := range ix.Keys {
		if k.Desc || k.NullsFirst || k.Opclass != "" || k.Collation != "" {
			detailed = true
		}
	}
	if detailed {
		for _, k := range ix.Keys {
			si.Keys = append(si.Keys, snapIndexKey(k))
		}
	}
	return si
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func sourcePtr(s Source) *Source {
	if s.IsZero() {
		return nil
	}
	return &s
}

func boolPtr(b bool) *bool { return &b }

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// ReadSnapshot reads a snapshot written by WriteSnapshot (or by hand, with
// the keys DESIGN.md lists). file names the input in errors. A key the
// format does not have is an error naming the key and where it is.
func ReadSnapshot(r io.Reader, file string) (*Catalog, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &Error{Message: "read snapshot: " + err.Error(), File: file}
	}
	sr := &snapReader{file: file, data: data, at: map[string]int{}}
	if err := sr.checkKeys(); err != nil {
		return nil, err
	}
	var s snapshot
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, sr.decodeError(err)
	}
	return sr.toCatalog(&s)
}

type snapReader struct {
	file string
	data []byte
	// at is the byte offset where each object of the input starts, by
	// its path ("tables[2].columns[0]"), for positioned errors.
	at map[string]int
}

func (sr *snapReader) errorAt(off int, format string, args ...any) *Error {
	e := &Error{Message: fmt.Sprintf(format, args...), File: sr.file}
	if off >= 0 && off <= len(sr.data) {
		e.Line, e.Column = 1, 1
		for _, b := range sr.data[:off] {
			if b == '\n' {
				e.Line++
				e.Column = 1
			} else {
				e.Column++
			}
		}
	}
	return e
}

func (sr *snapReader) errorIn(path, format string, args ...any) *Error {
	off, ok := sr.at[path]
	if !ok {
		off = -1
	}
	return sr.errorAt(off, "%s: %s", path, fmt.Sprintf(format, args...))
}

// checkKeys walks the JSON tokens against the snapshot's types, so an
// unknown key is reported with its path and position (encoding/json only
// names the key) and every object's position is known for later errors.
func (sr *snapReader) checkKeys() error {
	dec := json.NewDecoder(bytes.NewReader(sr.data))
	dec.UseNumber()
	if err := sr.walk(dec, reflect.TypeOf(snapshot{}), ""); err != nil {
		return err
	}
	off := sr.nextTokenOffset(int(dec.InputOffset()))
	if _, err := dec.Token(); err != io.EOF {
		return sr.errorAt(off, "unexpected data after the snapshot")
	}
	return nil
}

func (sr *snapReader) nextTokenOffset(off int) int {
	for off < len(sr.data) {
		switch sr.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
		default:
			return off
		}
	}
	return off
}

func (sr *snapReader) walk(dec *json.Decoder, t reflect.Type, path string) error {
	start := sr.nextTokenOffset(int(dec.InputOffset()))
	tok, err := dec.Token()
	if err != nil {
		return sr.decodeError(err)
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	name := path
	if name == "" {
		name = "the snapshot"
	}
	d, isDelim := tok.(json.Delim)
	if !isDelim {
		return sr.checkScalar(tok, t, name, start)
	}
	switch d {
	case '{':
		sr.at[path] = start
		if t.Kind() != reflect.Struct {
			return sr.errorAt(start, "%s: expected %s, got an object", name, kindName(t))
		}
		for dec.More() {
			keyOff := sr.nextTokenOffset(int(dec.InputOffset()))
			kt, err := dec.Token()
			if err != nil {
				return sr.decodeError(err)
			}
			key, _ := kt.(string)
			f, ok := fieldByJSONName(t, key)
			if !ok {
				return sr.errorAt(keyOff, "unknown key %q in %s", key, name)
			}
			sub := key
			if path != "" {
				sub = path + "." + key
			}
			if err := sr.walk(dec, f.Type, sub); err != nil {
				return err
			}
		}
	case '[':
		if t.Kind() != reflect.Slice {
			return sr.errorAt(start, "%s: expected %s, got an array", name, kindName(t))
		}
		for i := 0; dec.More(); i++ {
			if err := sr.walk(dec, t.Elem(), path+"["+strconv.Itoa(i)+"]"); err != nil {
				return err
			}
		}
	}
	if _, err := dec.Token(); err != nil { // the closing delimiter
		return sr.decodeError(err)
	}
	return nil
}

// checkScalar reports a scalar of the wrong type where it starts; the
// decoder would only say where it ends, without the array indexes.
func (sr *snapReader) checkScalar(tok json.Token, t reflect.Type, name string, start int) error {
	var got string
	switch v := tok.(type) {
	case nil:
		return nil // null leaves the zero value, as encoding/json does
	case string:
		if t.Kind() == reflect.String {
			return nil
		}
		got = "a string"
	case bool:
		if t.Kind() == reflect.Bool {
			return nil
		}
		got = "a boolean"
	case json.Number:
		if t.Kind() == reflect.Int || t.Kind() == reflect.Int64 {
			if _, err := strconv.ParseInt(v.String(), 10, 64); err == nil {
				return nil
			}
			return sr.errorAt(start, "%s: %s is not an integer", name, v)
		}
		got = "a number"
	default:
		return nil
	}
	return sr.errorAt(start, "%s: expected %s, got %s", name, kindName(t), got)
}

func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Struct:
		return "an object"
	case reflect.Slice:
		return "an array"
	case reflect.Bool:
		return "a boolean"
	case reflect.String:
		return "a string"
	}
	return "a number"
}

func fieldByJSONName(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func (sr *snapReader) decodeError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return sr.errorAt(int(syn.Offset), "invalid JSON: %s", strings.TrimPrefix(syn.Error(), "json: "))
	case errors.As(err, &typ):
		where := typ.Field
		if where == "" {
			where = "the snapshot"
		}
		return sr.errorAt(int(typ.Offset), "%s: expected %s, got %s", where, kindName(typ.Type), typ.Value)
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return sr.errorAt(len(sr.data), "invalid JSON: unexpected end of input")
	}
	return &Error{Message: "invalid snapshot: " + strings.TrimPrefix(err.Error(), "json: "), File: sr.file}
}

func (sr *snapReader) toCatalog(s *snapshot) (*Catalog, error) {
	c := &Catalog{
		Schemas:       map[string]*Schema{},
		SearchPath:    s.SearchPath,
		ServerVersion: s.ServerVersion,
		Extensions:    map[string]bool{},
		Opaque:        s.Opaque,
	}
	if c.SearchPath == nil {
		c.SearchPath = []string{"public"}
	}
	for _, e := range s.Extensions {
		c.Extensions[e] = true
	}
	if s.Schemas == nil {
		// A hand-written snapshot without schemas[] has the usual public.
		c.Schemas["public"] = newSchema("public", Source{})
	}
	for i, ss := range s.Schemas {
		if ss.Name == "" {
			return nil, sr.errorIn(fmt.Sprintf("schemas[%d]", i), "schema without a name")
		}
		if c.Schemas[ss.Name] != nil {
			return nil, sr.errorIn(fmt.Sprintf("schemas[%d]", i), "schema %q listed twice", ss.Name)
		}
		c.Schemas[ss.Name] = newSchema(ss.Name, sourceOf(ss.Source))
	}
	schemaOf := func(name string) *Schema {
		if name == "" {
			name = "public"
		}
		sc := c.Schemas[name]
		if sc == nil {
			sc = newSchema(name, Source{})
			c.Schemas[name] = sc
		}
		return sc
	}
	for i, st := range s.Tables {
		path := fmt.Sprintf("tables[%d]", i)
		if st.Name == "" {
			return nil, sr.errorIn(path, "table without a name")
		}
		sc := schemaOf(st.Schema)
		if sc.Tables[st.Name] != nil || sc.Views[st.Name] != nil {
			return nil, sr.errorIn(path, "relation %q listed twice", QualifiedName(sc.Name, st.Name))
		}
		t, err := sr.tableFromSnap(path, sc.Name, st)
		if err != nil {
			return nil, err
		}
		sc.Tables[st.Name] = t
	}
	for i, sv := range s.Views {
		path := fmt.Sprintf("views[%d]", i)
		if sv.Name == "" {
			return nil, sr.errorIn(path, "view without a name")
		}
		sc := schemaOf(sv.Schema)
		if sc.Tables[sv.Name] != nil || sc.Views[sv.Name] != nil {
			return nil, sr.errorIn(path, "relation %q listed twice", QualifiedName(sc.Name, sv.Name))
		}
		v := &View{Schema: sc.Name, Name: sv.Name, Materialized: sv.Materialized, Query: sv.Query, Source: sourceOf(sv.Source)}
		var err error
		if v.Columns, err = sr.columnsFromSnap(path, sv.Columns); err != nil {
			return nil, err
		}
		for j, si := range sv.Indexes {
			ix, err := sr.indexFromSnap(fmt.Sprintf("%s.indexes[%d]", path, j), si)
			if err != nil {
				return nil, err
			}
			v.Indexes = append(v.Indexes, ix)
		}
		sc.Views[sv.Name] = v
	}
	for i, se := range s.Enums {
		if se.Name == "" {
			return nil, sr.errorIn(fmt.Sprintf("enums[%d]", i), "enum without a name")
		}
		sc := schemaOf(se.Schema)
		if sc.Enums[se.Name] != nil || sc.Domains[se.Name] != nil {
			return nil, sr.errorIn(fmt.Sprintf("enums[%d]", i), "type %q listed twice", QualifiedName(sc.Name, se.Name))
		}
		sc.Enums[se.Name] = &Enum{Schema: sc.Name, Name: se.Name, Values: nonNil(se.Values), Source: sourceOf(se.Source)}
	}
	for i, sd := range s.Domains {
		if sd.Name == "" {
			return nil, sr.errorIn(fmt.Sprintf("domains[%d]", i), "domain without a name")
		}
		sc := schemaOf(sd.Schema)
		if sc.Enums[sd.Name] != nil || sc.Domains[sd.Name] != nil {
			return nil, sr.errorIn(fmt.Sprintf("domains[%d]", i), "type %q listed twice", QualifiedName(sc.Name, sd.Name))
		}
		sc.Domains[sd.Name] = &Domain{Schema: sc.Name, Name: sd.Name, BaseType: sd.BaseType, NotNull: sd.NotNull,
			Checks: sd.Checks, Source: sourceOf(sd.Source)}
	}
	return c, nil
}

func (sr *snapReader) tableFromSnap(path, schema string, st snapTable) (*Table, error) {
	t := &Table{
		Schema: schema, Name: st.Name, Unlogged: st.Unlogged,
		PartitionKey: st.PartitionKey, PartitionOf: st.PartitionOf, PartitionBound: st.PartitionBound,
		RowEstimate: -1, DroppedColumns: map[string]*Tombstone{}, Source: sourceOf(st.Source),
	}
	if st.RowEstimate != nil {
		if *st.RowEstimate < 0 {
			return nil, sr.errorIn(path, "row_estimate %d is negative; leave it out when unknown", *st.RowEstimate)
		}
		t.RowEstimate = *st.RowEstimate
	}
	var err error
	if t.Columns, err = sr.columnsFromSnap(path, st.Columns); err != nil {
		return nil, err
	}
	for i, si := range st.Indexes {
		ix, err := sr.indexFromSnap(fmt.Sprintf("%s.indexes[%d]", path, i), si)
		if err != nil {
			return nil, err
		}
		if t.Index(ix.Name) != nil {
			return nil, sr.errorIn(fmt.Sprintf("%s.indexes[%d]", path, i), "index %q listed twice", ix.Name)
		}
		t.Indexes = append(t.Indexes, ix)
	}
	add := func(kind ConstraintKind, sk snapConstraint) {
		t.Constraints = append(t.Constraints, &Constraint{
			Name: sk.Name, Kind: kind, Columns: sk.Columns, Expr: sk.Expr, Index: sk.Index,
			Validated: sk.Validated == nil || *sk.Validated, Deferrable: sk.Deferrable, Source: sourceOf(sk.Source),
		})
	}
	if st.PrimaryKey != nil {
		add(PrimaryKey, *st.PrimaryKey)
	}
	for _, sk := range st.Uniques {
		add(Unique, sk)
	}
	for _, sk := range st.Checks {
		add(Check, sk)
	}
	for i, fk := range st.ForeignKeys {
		if fk.RefTable == "" {
			return nil, sr.errorIn(fmt.Sprintf("%s.foreign_keys[%d]", path, i), "foreign key without ref_table")
		}
		t.Constraints = append(t.Constraints, &Constraint{
			Name: fk.Name, Kind: ForeignKey, Columns: fk.Columns, RefSchema: fk.RefSchema, RefTable: fk.RefTable,
			RefColumns: fk.RefColumns, OnDelete: fk.OnDelete, OnUpdate: fk.OnUpdate,
			Validated: fk.Validated == nil || *fk.Validated, Deferrable: fk.Deferrable, Source: sourceOf(fk.Source),
		})
	}
	for _, sk := range st.Exclusions {
		add(Exclusion, sk)
	}
	return t, nil
}

func (sr *snapReader) columnsFromSnap(path string, cols []snapColumn) ([]*Column, error) {
	var out []*Column
	seen := map[string]bool{}
	for i, sc := range cols {
		if sc.Name == "" {
			return nil, sr.errorIn(fmt.Sprintf("%s.columns[%d]", path, i), "column without a name")
		}
		if seen[sc.Name] {
			return nil, sr.errorIn(fmt.Sprintf("%s.columns[%d]", path, i), "column %q listed twice", sc.Name)
		}
		seen[sc.Name] = true
		out = append(out, &Column{
			Name: sc.Name, Type: sc.Type, NotNull: sc.NotNull, Default: sc.Default,
			DefaultVolatile: sc.DefaultVolatile, Identity: sc.Identity, Generated: sc.Generated,
			Serial: sc.Serial, Source: sourceOf(sc.Source),
		})
	}
	return out, nil
}

func (sr *snapReader) indexFromSnap(path string, si snapIndex) (*Index, error) {
	if si.Name == "" {
		return nil, sr.errorIn(path, "index without a name")
	}
	ix := &Index{
		Name: si.Name, Unique: si.Unique, Primary: si.Primary, Method: si.Method, Include: si.Include,
		Predicate: si.Predicate, Valid: si.Valid == nil || *si.Valid, Constraint: si.Constraint,
		Source: sourceOf(si.Source),
	}
	if ix.Method == "" {
		ix.Method = "btree"
	}
	if si.Keys != nil {
		if len(si.Keys) != len(si.Columns) {
			return nil, sr.errorIn(path, "index %q has %d keys but %d columns", si.Name, len(si.Keys), len(si.Columns))
		}
		for i, k := range si.Keys {
			key := IndexKey(k)
			if (key.Column == "") == (key.Expr == "") {
				return nil, sr.errorIn(path, "index %q key %d needs exactly one of column and expr", si.Name, i+1)
			}
			if key.String() != si.Columns[i] {
				return nil, sr.errorIn(path, "index %q key %d is %q but columns says %q", si.Name, i+1, key.String(), si.Columns[i])
			}
			ix.Keys = append(ix.Keys, key)
		}
		return ix, nil
	}
	for i, col := range si.Columns {
		switch {
		case col == "":
			return nil, sr.errorIn(path, "index %q has an empty column %d", si.Name, i+1)
		case strings.HasPrefix(col, "(") && strings.HasSuffix(col, ")"):
			ix.Keys = append(ix.Keys, IndexKey{Expr: col[1 : len(col)-1]})
		default:
			ix.Keys = append(ix.Keys, IndexKey{Column: col})
		}
	}
	return ix, nil
}

func sourceOf(s *Source) Source {
	if s == nil {
		return Source{}
	}
	return *s
}
