// Package dbconfig is the single source of dblint's settings: a
// result-only analyzer that merges its flags with the dblint.yaml found at
// the module root and returns one *Config. Every other pass and analyzer
// asks it; nothing else reads the environment or configuration files.
//
// Every dblint.yaml key is also a flag of this analyzer with the same name,
// so the CLI (-schema), go vet (-dbconfig.schema) and golangci-lint
// settings mean the same thing. A flag that was set wins over the file.
package dbconfig

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/build"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
	"golang.org/x/tools/go/analysis"
)

// FileName is the configuration file looked up at the module root.
const FileName = "dblint.yaml"

// Config is the merged configuration for one module.
type Config struct {
	// Root is the module root directory ("" when it cannot be found).
	Root string
	// File is the dblint.yaml that was read, if any.
	File string
	// Schema lists schema sources (migration dirs, .sql files, .json
	// snapshots) as absolute paths, in order.
	Schema []string
	// SchemaDetected is true when Schema was found by convention rather
	// than configured.
	SchemaDetected bool
	// Migrations lists the directories linted as migrations.
	Migrations []string
	// MigrationsBaseline is the last version already applied in
	// production: migrations up to it build the schema but are not linted.
	MigrationsBaseline string
	// Disable holds disabled rule ids (or whole analyzer names).
	Disable map[string]bool
	// PGVersion is the target PostgreSQL major version (default 15).
	PGVersion int
	// SmallTables are tables where a sequential scan is fine.
	SmallTables map[string]bool
	// MinRows: with row estimates in the schema, tables with fewer rows
	// are treated as small (default 10000).
	MinRows int64
	// Pooler is "" or the pooler in front of the database
	// ("pgbouncer-transaction", "pgbouncer-session").
	Pooler string
	// ReportSuppressed makes analyzers report what //dblint:ignore
	// directives suppressed as diagnostics of a hidden category, for the
	// CLI's check of unused directives when it runs them under go vet
	// (flag only).
	ReportSuppressed bool
	// Fingerprint is the CLI's hash of dblint.yaml and every schema and
	// migration file (the fingerprint flag), "" under plain go vet. The
	// schema pass uses it to skip re-checking the files of a cached
	// catalog (load.Options.Trust).
	Fingerprint string
}

// Enabled reports whether a rule (by id or "analyzer/id") is on.
func (c *Config) Enabled(analyzer, rule string) bool {
	if c == nil {
		return true
	}
	return !c.Disable[rule] && !c.Disable[analyzer] && !c.Disable[analyzer+"/"+rule]
}

// IsSmallTable reports whether scans of the table are acceptable by
// configuration (small-tables) or by its row estimate.
func (c *Config) IsSmallTable(name string, rowEstimate int64) bool {
	if c == nil {
		return false
	}
	if c.SmallTables[name] {
		return true
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 && c.SmallTables[name[i+1:]] {
		return true
	}
	return rowEstimate >= 0 && rowEstimate < c.MinRows
}

// Settings are the raw values of every key, as flags, yaml and the
// golangci-lint plugin carry them. The yaml tags are the key names.
type Settings struct {
	Schema             []string `yaml:"schema"`
	Migrations         []string `yaml:"migrations"`
	MigrationsBaseline string   `yaml:"migrations-baseline"`
	Disable            []string `yaml:"disable"`
	PGVersion          int      `yaml:"pg-version"`
	SmallTables        []string `yaml:"small-tables"`
	MinRows            int64    `yaml:"min-rows"`
	Pooler             string   `yaml:"pooler"`
	// Config is the path of a dblint.yaml to use instead of the one at
	// the module root (flag only).
	Config string `yaml:"-"`
	// ReportSuppressed: see Config.ReportSuppressed (flag only).
	ReportSuppressed bool `yaml:"-"`
	// Fingerprint: the CLI passes a hash of the configuration and schema
	// files so that go vet's result cache, keyed by the tool's flags, is
	// invalidated when they change, and so that the schema pass can trust
	// the catalog the CLI cached under it (flag only).
	Fingerprint string `yaml:"-"`
	// Detected is the CLI's schema detection for its module root, as
	// JSON {"root": dir, "schema": [paths]} (flag only): the vet
	// processes of that module use it instead of walking the module
	// tree each.
	Detected string `yaml:"-"`
}

// Keys returns every configuration key name.
func Keys() []string {
	var out []string
	t := reflect.TypeOf(Settings{})
	for i := 0; i < t.NumField(); i++ {
		if k := t.Field(i).Tag.Get("yaml"); k != "" && k != "-" {
			out = append(out, k)
		}
	}
	return out
}

// flags holds the values set through the analyzer's flags; set records
// which were given explicitly.
var flags Settings

var set = map[string]bool{}

type listFlag struct {
	name string
	p    *[]string
}

func (l listFlag) String() string {
	if l.p == nil {
		return ""
	}
	return strings.Join(*l.p, ",")
}

func (l listFlag) Set(s string) error {
	*l.p = nil
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l.p = append(*l.p, v)
		}
	}
	set[l.name] = true
	return nil
}

type trackedFlag struct {
	flag.Value
	name string
}

func (t trackedFlag) String() string {
	if t.Value == nil { // flag.PrintDefaults probes zero values
		return ""
	}
	return t.Value.String()
}

func (t trackedFlag) Set(s string) error {
	set[t.name] = true
	return t.Value.Set(s)
}

// intValue and stringValue are minimal flag.Values that track setting.
type intValue struct{ p *int }

func (v intValue) String() string {
	if v.p == nil {
		return "0"
	}
	return strconv.Itoa(*v.p)
}
func (v intValue) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("not a number: %q", s)
	}
	*v.p = n
	return nil
}

type int64Value struct{ p *int64 }

func (v int64Value) String() string {
	if v.p == nil {
		return "0"
	}
	return strconv.FormatInt(*v.p, 10)
}
func (v int64Value) Set(s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("not a number: %q", s)
	}
	*v.p = n
	return nil
}

type stringValue struct{ p *string }

func (v stringValue) String() string {
	if v.p == nil {
		return ""
	}
	return *v.p
}
func (v stringValue) Set(s string) error { *v.p = s; return nil }

// Analyzer returns the module's *Config. It reports nothing.
var Analyzer = &analysis.Analyzer{
	Name:       "dbconfig",
	Doc:        "dbconfig: dblint settings from flags and dblint.yaml (reports nothing)",
	URL:        "https://github.com/dblint/dblint/blob/main/docs/configuration.md",
	Run:        run,
	ResultType: reflect.TypeOf((*Config)(nil)),
}

func init() {
	fs := &Analyzer.Flags
	fs.Var(listFlag{"schema", &flags.Schema}, "schema", "schema sources, comma-separated: migration dirs, .sql schema or pg_dump files, .json snapshots")
	fs.Var(listFlag{"migrations", &flags.Migrations}, "migrations", "migration directories to lint, comma-separated")
	fs.Var(trackedFlag{stringValue{&flags.MigrationsBaseline}, "migrations-baseline"}, "migrations-baseline", "last migration version already applied in production (not linted)")
	fs.Var(listFlag{"disable", &flags.Disable}, "disable", "rule ids or analyzer names to disable, comma-separated")
	fs.Var(trackedFlag{intValue{&flags.PGVersion}, "pg-version"}, "pg-version", "target PostgreSQL major version (default 15)")
	fs.Var(listFlag{"small-tables", &flags.SmallTables}, "small-tables", "tables where sequential scans are fine, comma-separated")
	fs.Var(trackedFlag{int64Value{&flags.MinRows}, "min-rows"}, "min-rows", "with row estimates, tables below this many rows are small (default 10000)")
	fs.Var(trackedFlag{stringValue{&flags.Pooler}, "pooler"}, "pooler", "connection pooler in front of the database: pgbouncer-transaction or pgbouncer-session")
	fs.Var(trackedFlag{stringValue{&flags.Config}, "config"}, "config", "path of the dblint.yaml to use (default: the module root's)")
	fs.BoolVar(&flags.ReportSuppressed, "report-suppressed", false, "report suppressed findings as hidden diagnostics (used by the dblint CLI)")
	fs.StringVar(&flags.Fingerprint, "fingerprint", "", "hash of configuration and schema inputs; invalidates go vet's cache (used by the dblint CLI)")
	fs.StringVar(&flags.Detected, "detected", "", "schema sources detected by convention for a module root, as JSON (used by the dblint CLI)")
}

// detected is the JSON of the detected flag.
type detected struct {
	Root   string   `json:"root"`
	Schema []string `json:"schema"`
}

// DetectedFlagArg is the -<prefix>detected argument that hands cfg's
// detection (of a module without configured schema sources) to go vet
// processes, or "" when there is nothing to hand.
func DetectedFlagArg(prefix string, cfg *Config) string {
	if cfg == nil || cfg.Root == "" || (len(cfg.Schema) > 0 && !cfg.SchemaDetected) {
		return ""
	}
	data, err := json.Marshal(detected{Root: cfg.Root, Schema: cfg.Schema})
	if err != nil {
		return ""
	}
	return "-" + prefix + "detected=" + string(data)
}

// SetFlagArgs returns the settings given explicitly through flags, as
// -name=value arguments, so a driver can pass them on to go vet.
func SetFlagArgs(prefix string) []string {
	var out []string
	Analyzer.Flags.VisitAll(func(f *flag.Flag) {
		if set[f.Name] {
			out = append(out, "-"+prefix+f.Name+"="+f.Value.String())
		}
	})
	return out
}

// SetFlags sets analyzer flags by key, as the CLI and the golangci-lint
// plugin do. Unknown keys are an error naming the key.
func SetFlags(values map[string]string) error {
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		f := Analyzer.Flags.Lookup(k)
		if f == nil {
			return fmt.Errorf("unknown dblint setting %q (known: %s)", k, strings.Join(append(Keys(), "config"), ", "))
		}
		if err := f.Value.Set(values[k]); err != nil {
			return fmt.Errorf("setting %q: %w", k, err)
		}
	}
	return nil
}

var cache sync.Map // root dir -> *entry

type entry struct {
	once sync.Once
	cfg  *Config
	err  error
}

func run(pass *analysis.Pass) (any, error) {
	root := ModuleRoot(pass.Fset, pass.Files)
	if isDependencyRoot(root) {
		// The standard library or a module in the module cache: go vet
		// and golangci-lint run the fact-carrying passes on every
		// dependency, where nothing is reported and no dblint.yaml
		// applies; detecting a schema would walk the whole module (all
		// of GOROOT/src for each standard package).
		return defaults(root), nil
	}
	e, _ := cache.LoadOrStore(root, new(entry))
	ent := e.(*entry)
	ent.once.Do(func() { ent.cfg, ent.err = Load(root) })
	return ent.cfg, ent.err
}

// isDependencyRoot reports whether a module root is the standard
// library's or one in the module cache (a path element name@version
// below a pkg/mod directory).
func isDependencyRoot(root string) bool {
	if root == "" {
		return false
	}
	if goroot := build.Default.GOROOT; goroot != "" && root == filepath.Join(goroot, "src") {
		return true
	}
	sep := string(filepath.Separator)
	i := strings.Index(root, sep+"pkg"+sep+"mod"+sep)
	return i >= 0 && strings.Contains(filepath.Base(root), "@")
}

// defaults is the configuration of a module without dblint.yaml, flags
// or schema.
func defaults(root string) *Config {
	return &Config{Root: root, PGVersion: 15, MinRows: 10000, Disable: map[string]bool{}, SmallTables: map[string]bool{}}
}

// ModuleRoot returns the directory holding the go.mod above the package's
// files, or "" when there is none.
func ModuleRoot(fset *token.FileSet, files []*ast.File) string {
	dir := ""
	for _, f := range files {
		if name := fset.File(f.Pos()).Name(); filepath.IsAbs(name) {
			dir = filepath.Dir(name)
			break
		}
	}
	for d := dir; d != ""; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			break
		}
		d = parent
	}
	return ""
}

// Load builds the Config for a module root from the flags and the
// dblint.yaml there (or the one named by the config flag).
func Load(root string) (*Config, error) {
	var file Settings
	cfgPath := flags.Config
	if cfgPath == "" && root != "" {
		cfgPath = filepath.Join(root, FileName)
		if _, err := os.Stat(cfgPath); err != nil {
			cfgPath = ""
		}
	}
	if cfgPath != "" {
		s, err := ReadFile(cfgPath)
		if err != nil {
			return nil, err
		}
		file = *s
	}
	cfg := defaults(root)
	cfg.File = cfgPath
	base := root
	if cfgPath != "" {
		base = filepath.Dir(cfgPath)
	}
	pick := func(key string, fromFlag, fromFile []string) ([]string, string) {
		if set[key] {
			return fromFlag, "" // flags are relative to the working directory
		}
		return fromFile, base
	}
	abs := func(paths []string, rel string) []string {
		var out []string
		for _, p := range paths {
			if !filepath.IsAbs(p) {
				if rel != "" {
					p = filepath.Join(rel, p)
				} else if a, err := filepath.Abs(p); err == nil {
					p = a
				}
			}
			out = append(out, filepath.Clean(p))
		}
		return out
	}
	schema, rel := pick("schema", flags.Schema, file.Schema)
	cfg.Schema = abs(schema, rel)
	migs, rel := pick("migrations", flags.Migrations, file.Migrations)
	cfg.Migrations = abs(migs, rel)
	disable, _ := pick("disable", flags.Disable, file.Disable)
	cfg.Disable = map[string]bool{}
	for _, d := range disable {
		cfg.Disable[d] = true
	}
	small, _ := pick("small-tables", flags.SmallTables, file.SmallTables)
	cfg.SmallTables = map[string]bool{}
	for _, t := range small {
		cfg.SmallTables[t] = true
	}
	switch {
	case set["pg-version"]:
		cfg.PGVersion = flags.PGVersion
	case file.PGVersion != 0:
		cfg.PGVersion = file.PGVersion
	}
	if cfg.PGVersion < 9 || cfg.PGVersion > 30 {
		return nil, fmt.Errorf("%s: pg-version %d is not a PostgreSQL major version", orFlags(cfgPath), cfg.PGVersion)
	}
	switch {
	case set["min-rows"]:
		cfg.MinRows = flags.MinRows
	case file.MinRows != 0:
		cfg.MinRows = file.MinRows
	}
	cfg.MigrationsBaseline = file.MigrationsBaseline
	if set["migrations-baseline"] {
		cfg.MigrationsBaseline = flags.MigrationsBaseline
	}
	cfg.ReportSuppressed = flags.ReportSuppressed
	cfg.Fingerprint = flags.Fingerprint
	cfg.Pooler = file.Pooler
	if set["pooler"] {
		cfg.Pooler = flags.Pooler
	}
	switch cfg.Pooler {
	case "", "pgbouncer-transaction", "pgbouncer-session", "none":
	default:
		return nil, fmt.Errorf("%s: pooler %q is not one of pgbouncer-transaction, pgbouncer-session, none", orFlags(cfgPath), cfg.Pooler)
	}
	if len(cfg.Schema) == 0 && root != "" {
		var d detected
		if flags.Detected != "" && json.Unmarshal([]byte(flags.Detected), &d) == nil && d.Root == root {
			cfg.Schema = d.Schema
		} else {
			cfg.Schema = DetectSchema(root)
		}
		cfg.SchemaDetected = len(cfg.Schema) > 0
	}
	if len(cfg.Migrations) == 0 && len(cfg.Schema) > 0 {
		// By default the migration directories that build the schema
		// are the ones linted as migrations.
		for _, s := range cfg.Schema {
			if fi, err := os.Stat(s); err == nil && fi.IsDir() {
				cfg.Migrations = append(cfg.Migrations, s)
			}
		}
	}
	for _, p := range append(append([]string{}, cfg.Schema...), cfg.Migrations...) {
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("%s: schema source %s: %w", orFlags(cfgPath), p, unwrapPathErr(err))
		}
	}
	return cfg, nil
}

func unwrapPathErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func orFlags(path string) string {
	if path == "" {
		return "dblint flags"
	}
	return path
}

// ReadFile reads a dblint.yaml. Unknown keys are an error naming the key.
func ReadFile(path string) (*Settings, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	var s Settings
	if len(strings.TrimSpace(string(data))) == 0 {
		return &s, nil
	}
	// Decode into a node first so unknown keys and wrong shapes are
	// reported with the key's line.
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(doc.Content) == 0 {
		return &s, nil
	}
	m := doc.Content[0]
	if m.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s:%d: dblint.yaml must be a mapping of settings", path, m.Line)
	}
	known := map[string]bool{}
	for _, k := range Keys() {
		known[k] = true
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if !known[k.Value] {
			return nil, fmt.Errorf("%s:%d: unknown key %q (known: %s)", path, k.Line, k.Value, strings.Join(Keys(), ", "))
		}
		// A single string where a list is expected is accepted.
		v := m.Content[i+1]
		if v.Kind == yaml.ScalarNode && isListKey(k.Value) {
			m.Content[i+1] = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: []*yaml.Node{v}, Line: v.Line}
		}
	}
	if err := m.Decode(&s); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &s, nil
}

func isListKey(k string) bool {
	switch k {
	case "schema", "migrations", "disable", "small-tables":
		return true
	}
	return false
}

// DetectSchema finds the schema sources of a module by convention when
// none are configured: the usual migration directories, then schema.sql
// files, then any directory named migrations holding .sql files.
func DetectSchema(root string) []string {
	for _, d := range []string{
		"migrations", "db/migrations", "database/migrations", "sql/migrations",
		"internal/db/migrations", "internal/database/migrations", "internal/migrations",
		"db/migrate", "schema/migrations", "migrations/sql", "sql/schema",
	} {
		p := filepath.Join(root, d)
		if hasSQL(p) {
			return []string{p}
		}
	}
	for _, f := range []string{"schema.sql", "db/schema.sql", "sql/schema.sql", "database/schema.sql", "internal/db/schema.sql"} {
		p := filepath.Join(root, f)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return []string{p}
		}
	}
	var found []string
	_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		if rel != "." {
			name := d.Name()
			if strings.HasPrefix(name, ".") || name == "vendor" || name == "testdata" || name == "node_modules" || strings.Count(rel, string(filepath.Separator)) >= 4 {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // another module
			}
		}
		if (d.Name() == "migrations" || d.Name() == "migration") && hasSQL(path) {
			found = append(found, path)
			return filepath.SkipDir
		}
		return nil
	})
	if len(found) == 1 {
		return found
	}
	return nil
}

func hasSQL(dir string) bool {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range ents {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".sql") {
			return true
		}
	}
	return false
}
