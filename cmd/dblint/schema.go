package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dblint/dblint/passes/dbconfig"
	"github.com/dblint/dblint/sqlschema/load"
)

// runSchema implements `dblint schema`: build the catalog from schema
// sources and write it as a snapshot JSON.
func runSchema(args []string) int {
	fs := flag.NewFlagSet("dblint schema", flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	var sources []string
	fs.Func("schema", "schema source: migration dir, .sql schema or pg_dump file, .json snapshot (repeatable, or comma-separated)", func(s string) error {
		for _, p := range splitList(s) {
			sources = append(sources, p)
		}
		return nil
	})
	out := fs.String("o", "", "write the snapshot to this file instead of stdout")
	dbURL := fs.String("database-url", "", "read the schema of this live PostgreSQL database instead (default $DATABASE_URL when no schema is configured)")
	var schemas schemaList
	fs.Var(&schemas, "schemas", "with -database-url: schemas to read, comma-separated (default: all but system schemas)")
	fs.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: dblint schema [-schema source]... [source]... [-o file.json]\n       dblint schema -database-url URL [-schemas a,b] [-o file.json]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	sources = append(sources, fs.Args()...)
	if *dbURL != "" {
		if len(sources) > 0 {
			fmt.Fprintln(os.Stderr, "dblint schema: -database-url and schema sources exclude each other")
			return 2
		}
		return runLiveSchema(*dbURL, schemas, *out)
	}
	if len(sources) == 0 {
		wd, _ := os.Getwd()
		root := findModuleRoot(wd)
		cfg, err := dbconfig.Load(root)
		if err != nil {
			fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
			return 2
		}
		sources = cfg.Schema
		if len(sources) == 0 && databaseURL("") != "" {
			return runLiveSchema(databaseURL(""), schemas, *out)
		}
		if len(sources) == 0 {
			fmt.Fprintln(os.Stderr, "dblint: no schema sources: pass -schema (a migration dir, .sql or .json file) or set schema: in dblint.yaml")
			return 2
		}
	}
	res, err := load.Load(sources, load.Options{})
	if err != nil {
		fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
		return 2
	}
	var buf bytes.Buffer
	if err := res.Catalog.WriteSnapshot(&buf); err != nil {
		fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
		return 2
	}
	if *out == "" {
		os.Stdout.Write(buf.Bytes())
		return 0
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
		return 2
	}
	return 0
}

func splitList(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			if p := s[start:i]; p != "" {
				out = append(out, p)
			}
			start = i + 1
		}
	}
	return out
}

func findModuleRoot(dir string) string {
	for d := dir; ; {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}
