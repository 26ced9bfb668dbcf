// Command dblint checks Go code that talks to PostgreSQL against the
// project's schema: SQL that does not match it, N+1 loops, queries no index
// serves, unsafe migrations and connection-pool misuse.
//
// Usage:
//
//	dblint [flags] [packages]        analyze packages (default ./...)
//	dblint schema [-schema src]...   write the schema snapshot as JSON
//	go vet -vettool=$(command -v dblint) ./...
//
// Exit status: 0 no findings, 1 findings, 2 usage, configuration or load
// error.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/dblint/dblint/analyzers"
)

func main() {
	os.Exit(Main(os.Args[1:]))
}

// Main runs dblint with args and returns the exit status. It is the
// entry point of the binary and of the testscript tests.
func Main(args []string) int {
	if isVetTool(args) {
		// go vet speaks the unitchecker protocol: -V=full, -flags, or a
		// .cfg file per package. unitchecker exits by itself.
		//
		// A vet process lives for one package, tens of milliseconds,
		// and its heap stays small (tens of MB): the default GOGC
		// spends 10-15% of it collecting a heap that is freed at exit
		// anyway. A user's GOGC still wins.
		if os.Getenv("GOGC") == "" {
			debug.SetGCPercent(400)
		}
		unitchecker.Main(analyzers.Vet()...)
		return 0
	}
	// -C dir, as in the go command, must come first.
	if len(args) > 0 && (args[0] == "-C" || args[0] == "--C" || strings.HasPrefix(args[0], "-C=")) {
		dir, rest := "", args[1:]
		if v, ok := strings.CutPrefix(strings.TrimPrefix(args[0], "-"), "-C="); ok {
			dir = v
		} else if v, ok := strings.CutPrefix(args[0], "-C="); ok {
			dir = v
		} else if len(rest) > 0 {
			dir, rest = rest[0], rest[1:]
		}
		if dir == "" {
			fmt.Fprintln(os.Stderr, "dblint: -C needs a directory")
			return 2
		}
		if err := os.Chdir(dir); err != nil {
			fmt.Fprintf(os.Stderr, "dblint: %v\n", err)
			return 2
		}
		args = rest
	}
	if len(args) > 0 {
		switch args[0] {
		case "schema":
			return runSchema(args[1:])
		case "migrations":
			return runMigrations(args[1:])
		case "rules":
			return runRules(args[1:])
		case "drift":
			return runDrift(args[1:])
		case "explain":
			return runExplain(args[1:])
		case "version":
			fmt.Println("dblint", version())
			return 0
		case "help":
			usage(os.Stdout)
			return 0
		case "lsp":
			return runLSP(args[1:])
		}
	}
	return analyzeArgs(args)
}

// isVetTool reports whether go vet is invoking us as its -vettool.
func isVetTool(args []string) bool {
	for _, a := range args {
		if a == "-V=full" || a == "-flags" || a == "--flags" || a == "-V" {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") && filepath.Base(args[len(args)-1]) == "vet.cfg"
}

func version() string { return "devel" }
