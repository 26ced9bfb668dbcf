// Command golangci-lint-dblint is golangci-lint with the dblint module
// plugin compiled in: what `golangci-lint custom` would build from
// .custom-gcl.yml, but built by the go command from the module proxy alone
// (golangci-lint custom git-clones golangci-lint, so it needs network access
// to GitHub).
//
// Enable it in .golangci.yml as a module plugin:
//
//	version: "2"
//	linters:
//	  enable: [dblint]
//	  settings:
//	    custom:
//	      dblint:
//	        type: module
//	        settings: {schema: [migrations]}
package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	// The plugin registers itself as "dblint" in its init.
	_ "github.com/dblint/dblint"
)

func main() {
	if err := commands.Execute(buildInfo()); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}

// buildInfo reports the versions of golangci-lint and dblint compiled in,
// so `golangci-lint-dblint version` says which of each a bug report is about.
func buildInfo() commands.BuildInfo {
	info := commands.BuildInfo{Version: "unknown", Commit: "?", Date: "(unknown)", GoVersion: "unknown"}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return info
	}
	info.GoVersion = bi.GoVersion
	gcl, dbl := "unknown", "devel"
	for _, m := range bi.Deps {
		v := m.Version
		if m.Replace != nil {
			v = "devel"
			if m.Replace.Version != "" {
				v = m.Replace.Version
			}
		}
		switch m.Path {
		case "github.com/golangci/golangci-lint/v2":
			gcl = strings.TrimPrefix(v, "v")
		case "github.com/dblint/dblint":
			dbl = v
		}
	}
	info.Version = gcl
	info.Commit = "dblint " + dbl
	return info
}
