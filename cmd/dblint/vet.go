package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/dblint/dblint/internal/report"
	"github.com/dblint/dblint/passes/dbconfig"
	"github.com/dblint/dblint/passes/schema"
	"github.com/dblint/dblint/sqlschema/pgsql"
)

// The vet engine runs the analyzers as go vet's -vettool (this same
// binary) and reads its JSON. go vet type-checks each package against its
// dependencies' export data and caches each package's results in the build
// cache, so a run costs about what go vet costs, where loading every
// dependency from source (the direct engine) costs many times more time
// and memory. The cache is keyed by the tool's binary and flags: a
// fingerprint of dblint.yaml and the schema files is passed as a flag so
// that changing a migration invalidates it.

// vetRun is the outcome of one go vet run.
type vetRun struct {
	findings     []Finding
	suppressions []report.Suppression
	// errs are go vet's own errors (a package that does not build, an
	// analyzer that failed), already formatted.
	errs []string
}

// runVetEngine analyzes patterns through go vet.
func runVetEngine(patterns []string) (*vetRun, error) {
	exe, err := selfPath()
	if err != nil {
		return nil, fmt.Errorf("locate the dblint binary: %w", err)
	}
	wd, _ := os.Getwd()
	root := findModuleRoot(wd)
	cfg, err := dbconfig.Load(root)
	if err != nil {
		return nil, err
	}
	fp := fingerprint(cfg)
	// Load the schema here first: a migration that does not apply is a
	// configuration error with its position, which go vet would only
	// report as the failed prerequisite of every analyzer. The catalog
	// goes to the disk cache, where the vet processes find it, recorded
	// under the fingerprint, which covers every schema file: they skip
	// the stat of each migration file a cached load makes otherwise.
	if _, err := schema.LoadAndTrust(cfg.Schema, fp); err != nil {
		return nil, err
	}
	args := append([]string{"vet", "-vettool=" + exe, "-json"}, tagsFlag()...)
	args = append(args, dbconfig.SetFlagArgs("dbconfig.")...)
	args = append(args, "-dbconfig.report-suppressed=true", "-dbconfig.fingerprint="+fp)
	// A schema found by convention is found once, here, not by walking
	// the module in every vet process.
	if a := dbconfig.DetectedFlagArg("dbconfig.", cfg); a != "" {
		args = append(args, a)
	}
	args = append(args, patterns...)
	cmd := exec.Command("go", args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	res := &vetRun{}
	if err := res.parseJSON(&stdout); err != nil {
		return nil, fmt.Errorf("read go vet output: %w", err)
	}
	// With -json, go vet exits 0 on findings; anything on stderr besides
	// package headers is an error (a package that does not build).
	for _, line := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
		if line == "" || strings.HasPrefix(line, "# ") {
			continue
		}
		res.errs = append(res.errs, line)
	}
	if runErr != nil && len(res.errs) == 0 {
		var ee *exec.ExitError
		if !errors.As(runErr, &ee) {
			return nil, fmt.Errorf("run go vet: %w", runErr)
		}
		res.errs = append(res.errs, "go vet: "+runErr.Error())
	}
	return res, nil
}

// vetDiagnostic is one diagnostic in go vet's -json output.
type vetDiagnostic struct {
	Category       string `json:"category"`
	Posn           string `json:"posn"`
	End            string `json:"end"`
	Message        string `json:"message"`
	SuggestedFixes []struct {
		Message string `json:"message"`
		Edits   []struct {
			Filename string `json:"filename"`
			Start    int    `json:"start"`
			End      int    `json:"end"`
			New      string `json:"new"`
		} `json:"edits"`
	} `json:"suggested_fixes"`
}

// parseJSON reads go vet's output: one JSON object per package, mapping
// the package path to analyzer names to a list of diagnostics, or to an
// {"error": ...} object when the analyzer failed.
func (r *vetRun) parseJSON(rd io.Reader) error {
	dec := json.NewDecoder(rd)
	idx := map[string]*pgsql.LineIndex{}
	for {
		var obj map[string]map[string]json.RawMessage
		if err := dec.Decode(&obj); err == io.EOF {
			break
		} else if err != nil {
			return err
		}
		pkgs := make([]string, 0, len(obj))
		for p := range obj {
			pkgs = append(pkgs, p)
		}
		sort.Strings(pkgs)
		for _, pkg := range pkgs {
			for analyzer, raw := range obj[pkg] {
				var diags []vetDiagnostic
				if err := json.Unmarshal(raw, &diags); err != nil {
					var failed struct {
						Error string `json:"error"`
					}
					if json.Unmarshal(raw, &failed) == nil && failed.Error != "" {
						r.errs = append(r.errs, failed.Error)
						continue
					}
					return err
				}
				for _, d := range diags {
					if d.Category == report.SuppressedCategory {
						if s, ok := report.DecodeSuppression(d.Message); ok {
							r.suppressions = append(r.suppressions, s)
						}
						continue
					}
					r.findings = append(r.findings, vetFinding(analyzer, d, idx))
				}
			}
		}
	}
	return nil
}

// vetFinding converts a go vet diagnostic to the CLI's Finding.
func vetFinding(analyzer string, d vetDiagnostic, idx map[string]*pgsql.LineIndex) Finding {
	file, line, col := splitPosn(d.Posn)
	_, eline, ecol := splitPosn(d.End)
	if eline == 0 {
		eline, ecol = line, col
	}
	f := baseFinding(file, line, col, eline, ecol, analyzer, d.Category, d.Message)
	for _, sf := range d.SuggestedFixes {
		fix := SuggestedFix{Message: sf.Message}
		for _, e := range sf.Edits {
			li := idx[e.Filename]
			if li == nil {
				src, _ := os.ReadFile(e.Filename)
				li = pgsql.NewLineIndex(string(src))
				idx[e.Filename] = li
			}
			s, en := li.Position(e.Start), li.Position(e.End)
			fix.Edits = append(fix.Edits, Edit{
				File: relPath(e.Filename), Line: s.Line, Column: s.Column, EndLine: en.Line, EndColumn: en.Column,
				Offset: e.Start, EndOffset: e.End, NewText: e.New,
			})
		}
		f.SuggestedFixes = append(f.SuggestedFixes, fix)
	}
	return f
}

// splitPosn splits "file:line:col" (the file may contain colons).
func splitPosn(posn string) (string, int, int) {
	i := strings.LastIndexByte(posn, ':')
	if i < 0 {
		return posn, 0, 0
	}
	j := strings.LastIndexByte(posn[:i], ':')
	if j < 0 {
		return posn, 0, 0
	}
	line, err1 := strconv.Atoi(posn[j+1 : i])
	col, err2 := strconv.Atoi(posn[i+1:])
	if err1 != nil || err2 != nil {
		return posn, 0, 0
	}
	return posn[:j], line, col
}

// fingerprint hashes what the analyzers read besides Go code: the
// configuration and every schema and migration file of the module.
func fingerprint(cfg *dbconfig.Config) string {
	h := sha256.New()
	hashFile := func(path string) {
		data, err := os.ReadFile(path)
		if err != nil {
			return
		}
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(data))
		h.Write(data)
	}
	if cfg.File != "" {
		hashFile(cfg.File)
	}
	for _, src := range append(append([]string{}, cfg.Schema...), cfg.Migrations...) {
		_ = filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				hashFile(path)
			}
			return nil
		})
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}

// ignorePackages lists the Go files of the packages go vet analyzed that
// hold //dblint:ignore directives, parsed, as the directive check reads
// them; and each package's configuration.
func ignorePackages(patterns []string) ([]*packages.Package, map[*packages.Package]*dbconfig.Config, error) {
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedFiles, Tests: true, BuildFlags: tagsFlag()}, patterns...)
	if err != nil {
		return nil, nil, err
	}
	fset := token.NewFileSet()
	cfgs := map[*packages.Package]*dbconfig.Config{}
	seen := map[string]bool{}
	var out []*packages.Package
	for _, p := range pkgs {
		var files []*ast.File
		for _, name := range p.GoFiles {
			if seen[name] {
				continue
			}
			seen[name] = true
			src, err := os.ReadFile(name)
			if err != nil || !bytes.Contains(src, []byte("dblint:ignore")) {
				continue
			}
			f, err := parser.ParseFile(fset, name, src, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				continue
			}
			files = append(files, f)
		}
		if len(files) == 0 {
			continue
		}
		q := &packages.Package{ID: p.ID, PkgPath: p.PkgPath, Fset: fset, Syntax: files}
		if len(p.GoFiles) > 0 {
			if cfg, err := dbconfig.Load(findModuleRoot(filepath.Dir(p.GoFiles[0]))); err == nil {
				cfgs[q] = cfg
			}
		}
		out = append(out, q)
	}
	return out, cfgs, nil
}

// selfPath is how to run this program again: the name it was started by
// (a symlink keeps its name, which multi-call binaries and tests rely on),
// else the executable's path.
func selfPath() (string, error) {
	if arg0 := os.Args[0]; arg0 != "" {
		if strings.ContainsRune(arg0, filepath.Separator) {
			if abs, err := filepath.Abs(arg0); err == nil {
				if _, err := os.Stat(abs); err == nil {
					return abs, nil
				}
			}
		} else if p, err := exec.LookPath(arg0); err == nil {
			if abs, err := filepath.Abs(p); err == nil {
				return abs, nil
			}
		}
	}
	return os.Executable()
}
